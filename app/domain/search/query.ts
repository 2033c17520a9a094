import { SECTION_BREAK, tokenize } from "./tokens";

/** One thing to look for: a word (one token), a phrase (several, adjacent, in order) or a prefix (one token, `word*`). */
export type SearchTerm = { tokens: string[]; isPrefix: boolean };

export type ParsedQuery = { include: SearchTerm[]; exclude: SearchTerm[]; notes: string[] };

/** What a query is cut to before parsing, and how many terms are used: enough for any real question, bounded for the engines. */
export const MAX_QUERY_CHARS = 500;
export const MAX_TERMS = 12;
/** Shorter prefixes would expand to most of the vocabulary; `ab*` is searched as the word "ab". */
export const MIN_PREFIX_LENGTH = 3;

type RawTerm = { text: string; isQuoted: boolean; isExcluded: boolean };

/** Splits into bare words and "quoted phrases", each possibly preceded by "-"; an unclosed quote runs to the end. */
function rawTerms(query: string): { terms: RawTerm[]; isUnbalanced: boolean } {
  const terms: RawTerm[] = [];
  const pattern = /(-?)"([^"]*)("?)|(\S+)/g;
  let isUnbalanced = false;
  for (const m of query.matchAll(pattern)) {
    if (m[4] !== undefined) {
      const isExcluded = m[4].startsWith("-") && m[4].length > 1;
      terms.push({ text: isExcluded ? m[4].slice(1) : m[4], isQuoted: false, isExcluded });
    } else {
      if (m[3] === "") isUnbalanced = true;
      terms.push({ text: m[2]!, isQuoted: true, isExcluded: m[1] === "-" });
    }
  }
  return { terms, isUnbalanced };
}

function termOf(raw: RawTerm): SearchTerm | undefined {
  const tokens = tokenize(raw.text).filter((t) => t !== SECTION_BREAK);
  if (tokens.length === 0) return undefined;
  const wantsPrefix = !raw.isQuoted && tokens.length === 1 && raw.text.endsWith("*");
  return { tokens, isPrefix: wantsPrefix && tokens[0]!.length >= MIN_PREFIX_LENGTH };
}

const sameTerm = (a: SearchTerm, b: SearchTerm) => a.isPrefix === b.isPrefix && a.tokens.join(" ") === b.tokens.join(" ");

/**
 * The search box's language: words (all must match), "phrases", prefix* and -exclusions
 * (-word, -"a phrase"). Anything else a user types — AND, OR, NEAR, brackets, ^, :, emoji — is
 * text: punctuation separates words and operator names are words. Never fails: what it dropped
 * or changed is said in `notes`.
 */
export function parseSearchQuery(query: string): ParsedQuery {
  const notes: string[] = [];
  if (query.length > MAX_QUERY_CHARS) notes.push(`Only the first ${MAX_QUERY_CHARS} characters of the query were used.`);
  const { terms, isUnbalanced } = rawTerms(query.slice(0, MAX_QUERY_CHARS));
  if (isUnbalanced) notes.push("A quotation mark was not closed; the phrase runs to the end of the query.");
  const include: SearchTerm[] = [];
  const exclude: SearchTerm[] = [];
  for (const raw of terms) {
    const term = termOf(raw);
    const list = raw.isExcluded ? exclude : include;
    if (term && !list.some((t) => sameTerm(t, term))) list.push(term);
  }
  if (include.length + exclude.length > MAX_TERMS) notes.push(`Only the first ${MAX_TERMS} terms were used.`);
  const keptInclude = include.slice(0, MAX_TERMS);
  return { include: keptInclude, exclude: exclude.slice(0, Math.max(0, MAX_TERMS - keptInclude.length)), notes };
}

/** Why a parsed query cannot be searched, in words for the page; undefined when it can. */
export function unsearchableReason(query: ParsedQuery): string | undefined {
  if (query.include.length > 0) return undefined;
  if (query.exclude.length > 0) return "Add at least one word to look for: exclusions alone match nothing.";
  return 'Type a word, a "phrase" or a prefix* to search for.';
}

const fts5Term = (t: SearchTerm) => `"${t.tokens.join(" ").replaceAll('"', '""')}"${t.isPrefix ? "*" : ""}`;

/** The FTS5 MATCH expression: every token quoted, so nothing a user typed acts as an FTS5 operator. */
export function fts5Match(query: ParsedQuery): string {
  const wanted = query.include.map(fts5Term).join(" AND ");
  if (query.exclude.length === 0) return wanted;
  return `(${wanted}) NOT (${query.exclude.map(fts5Term).join(" OR ")})`;
}

const lexeme = (token: string) => `'${token.replaceAll("'", "''").replaceAll("\\", "\\\\")}'`;
const tsTerm = (t: SearchTerm) => `(${t.tokens.map(lexeme).join(" <-> ")}${t.isPrefix ? ":*" : ""})`;

/** The PostgreSQL tsquery text (for to_tsquery('simple', …)) with the same meaning as fts5Match. */
export function tsquery(query: ParsedQuery): string {
  return [...query.include.map(tsTerm), ...query.exclude.map((t) => `!${tsTerm(t)}`)].join(" & ");
}
