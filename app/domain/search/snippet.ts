import type { SearchTerm } from "./query";
import { MAX_TOKEN_LENGTH, tokenize } from "./tokens";

/** A snippet as text parts; `isMatch` parts are shown highlighted. Rendered as text, never as markup. */
export type SnippetPart = { text: string; isMatch: boolean };

/** Words shown around the first match. */
export const SNIPPET_WORDS = 24;

type Word = { start: number; end: number; tokens: string[] };

const PLAIN_WORD = /^[A-Za-z0-9]+$/;

function wordsOf(text: string): Word[] {
  return [...text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((m) => {
    const w = m[0];
    // Most words are plain ASCII: their one token is the word in lower case (what tokenize would give, faster).
    const tokens = PLAIN_WORD.test(w) && w.length <= MAX_TOKEN_LENGTH ? [w.toLowerCase()] : tokenize(w);
    return { start: m.index, end: m.index + w.length, tokens };
  });
}

/** Whether the term matches the tokens starting at flat[i]: each word in turn, the last as a prefix for a prefix term. */
function matchesAt(flat: { token: string }[], i: number, term: SearchTerm): boolean {
  const n = term.tokens.length;
  if (i + n > flat.length) return false;
  for (let k = 0; k < n; k++) {
    const token = flat[i + k]!.token;
    const wanted = term.tokens[k]!;
    if (term.isPrefix && k === n - 1 ? !token.startsWith(wanted) : token !== wanted) return false;
  }
  return true;
}

/** Which words belong to a match of a term: every word of each place a phrase (or word, or prefix) matches. */
function matchedWords(words: Word[], terms: SearchTerm[]): Set<number> {
  const flat: { token: string; word: number }[] = words.flatMap((w, i) => w.tokens.map((token) => ({ token, word: i })));
  const marked = new Set<number>();
  for (const term of terms)
    for (let i = 0; i < flat.length; i++) if (matchesAt(flat, i, term)) for (let k = i; k < i + term.tokens.length; k++) marked.add(flat[k]!.word);
  return marked;
}

/**
 * A window of the section's text around its first match, with every match marked. The text is
 * the stored plain text (what the author wrote), cut at word boundaries, "…" where it was cut.
 */
export function buildSnippet(text: string, terms: SearchTerm[], words = SNIPPET_WORDS): SnippetPart[] {
  const all = wordsOf(text);
  if (all.length === 0) return [];
  const marked = matchedWords(all, terms);
  const first = marked.size ? Math.min(...marked) : 0;
  const from = Math.max(0, first - Math.floor(words / 3));
  const to = Math.min(all.length, from + words);
  const parts: SnippetPart[] = [];
  const push = (chunk: string, isMatch: boolean) => {
    if (chunk === "") return;
    const last = parts.at(-1);
    if (last && last.isMatch === isMatch) last.text += chunk;
    else parts.push({ text: chunk, isMatch });
  };
  push(from > 0 ? "…" : "", false);
  let at = from > 0 ? all[from]!.start : 0;
  for (let i = from; i < to; i++) {
    const w = all[i]!;
    push(text.slice(at, w.start).replace(/\s+/g, " "), false);
    push(text.slice(w.start, w.end), marked.has(i));
    at = w.end;
  }
  push(to < all.length ? text.slice(at, all[to]!.start).replace(/\s+/g, " ").trimEnd() + " …" : text.slice(at).replace(/\s+/g, " "), false);
  return parts;
}
