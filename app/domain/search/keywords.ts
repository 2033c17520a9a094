import { tokenize } from "./tokens";

/** Words too common in any COE to say what it is about (English function words and COE boilerplate). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "the and for are but not you all any can had her was one our out has him his how its may new now old see two way who did get let put say she too use " +
    "that with have this will your from they know want been good much some time very when come here just like long make many more only over such take than them well were " +
    "what into also each most other which their there these those would could should about after again being below between both does doing down during few further " +
    "because before above against once same then through under until while where why whom own off nor yes every because per via within without " +
    "coe why whys lesson lessons learned action item items customer customers impact incident issue problem root cause caused causes because"
  ).split(" "),
);

/** How many distinctive words a COE keeps, and the shortest that counts. */
export const MAX_KEYWORDS = 20;
export const MIN_KEYWORD_LENGTH = 3;

export type Keyword = { term: string; weight: number };

/**
 * A COE's distinctive words, from the text of its five whys (with evidence) and its lessons: the
 * tokenizer's tokens minus stop words and digits-only tokens, at least three characters, the 20
 * most frequent (weight = count; ties by the word, so the list is stable).
 */
export function distinctiveWords(texts: readonly string[]): Keyword[] {
  const counts = new Map<string, number>();
  for (const text of texts)
    for (const token of tokenize(text))
      if (token.length >= MIN_KEYWORD_LENGTH && !STOP_WORDS.has(token) && !/^\p{N}+$/u.test(token)) counts.set(token, (counts.get(token) ?? 0) + 1);
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_KEYWORDS)
    .map(([term, weight]) => ({ term, weight }));
}
