/**
 * The one tokenizer both search engines see. Text is decomposed (NFKD), stripped of combining
 * marks (so "café" and "cafe" are one word), lower-cased and split on anything that is not a
 * letter or a digit. The index stores these tokens joined by single spaces, so SQLite's FTS5
 * (unicode61, no diacritic folding) and PostgreSQL's 'simple' configuration split it identically.
 */
export function tokenize(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token !== "" && token.length <= MAX_TOKEN_LENGTH);
}

/**
 * Longer runs are not words anyone searches for (hashes, base64), and PostgreSQL refuses lexemes
 * over 2 KB; dropping them on both engines keeps the two indexes equal.
 */
export const MAX_TOKEN_LENGTH = 64;

/**
 * Written between sections in the indexed text, so a phrase never spans the end of one section
 * and the start of the next. Queries never contain it (see query.ts).
 */
export const SECTION_BREAK = "qqsectionbreakqq";
