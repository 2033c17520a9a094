import type { SearchTerm } from "./query";
import { sectionHas } from "./rank";
import { tokenize } from "./tokens";

/** A snippet as text parts; `isMatch` parts are shown highlighted. Rendered as text, never as markup. */
export type SnippetPart = { text: string; isMatch: boolean };

/** Words shown around the first match. */
export const SNIPPET_WORDS = 24;

type Word = { start: number; end: number; tokens: string[] };

function wordsOf(text: string): Word[] {
  return [...text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length, tokens: tokenize(m[0]) }));
}

/** Which words belong to a match of a term: every word of each place a phrase (or word, or prefix) matches. */
function matchedWords(words: Word[], terms: SearchTerm[]): Set<number> {
  const flat: { token: string; word: number }[] = words.flatMap((w, i) => w.tokens.map((token) => ({ token, word: i })));
  const marked = new Set<number>();
  for (const term of terms) {
    const n = term.tokens.length;
    for (let i = 0; i + n <= flat.length; i++) {
      const run = flat.slice(i, i + n).map((f) => f.token).join(" ");
      if (sectionHas(run, term)) for (let k = i; k < i + n; k++) marked.add(flat[k]!.word);
    }
  }
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
