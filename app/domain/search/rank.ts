import { PAGE_SECTIONS, type PageSectionId } from "../coe/page-sections";
import type { SearchTerm } from "./query";

/**
 * How many matching COEs are ranked: the newest (by id) that match. A word found in nearly every
 * COE would otherwise rank thousands of them on every search; the page says when it was capped.
 */
export const CANDIDATE_LIMIT = 100;

/** A section of a candidate as the index keeps it: its tokens joined by single spaces. */
export type CandidateSection = { section: PageSectionId; tokens: string };

export type Candidate = { id: number; incidentAt: number | null; sections: CandidateSection[] };

/** What a term looks like inside a section's tokens padded with a space at each end. */
const needleOf = (term: SearchTerm) => ` ${term.tokens.join(" ")}${term.isPrefix ? "" : " "}`;

/** Whether a section's tokens hold the term: a word whole, a phrase's words adjacent and in order, a prefix at a word's start. */
export function sectionHas(tokens: string, term: SearchTerm): boolean {
  return ` ${tokens} `.includes(needleOf(term));
}

export type Ranked = { id: number; section: PageSectionId; titleHits: number; sectionHits: number };

const ORDER = new Map(PAGE_SECTIONS.map((s, i) => [s.id, i]));

/**
 * A candidate's score: how many terms its title holds, how many sections hold any, and the
 * section it links to (the one holding the most terms, the earliest on the page among equals).
 */
function scoreOf(c: Candidate, needles: string[]) {
  let best: { section: PageSectionId; hits: number } = { section: "header", hits: -1 };
  let titleHits = 0;
  let sectionHits = 0;
  for (const s of [...c.sections].sort((a, b) => ORDER.get(a.section)! - ORDER.get(b.section)!)) {
    const padded = ` ${s.tokens} `;
    const hits = needles.filter((n) => padded.includes(n)).length;
    if (s.section === "header") titleHits = hits;
    if (hits > 0) sectionHits += 1;
    if (hits > best.hits) best = { section: s.section, hits };
  }
  return { id: c.id, incidentAt: c.incidentAt, section: best.section, titleHits, sectionHits };
}

/**
 * Orders the candidate set the engine returned, the same way on every engine (engines' own
 * relevance scores differ, so none is used): more query terms in the title first, then more
 * sections holding a term, then the most recent incident (unknown last), then the newest id.
 */
export function rankCandidates(candidates: readonly Candidate[], terms: SearchTerm[]): Ranked[] {
  const needles = terms.map(needleOf);
  const scored = candidates.map((c) => scoreOf(c, needles));
  scored.sort((a, b) => b.titleHits - a.titleHits || b.sectionHits - a.sectionHits || (b.incidentAt ?? -Infinity) - (a.incidentAt ?? -Infinity) || b.id - a.id);
  return scored.map(({ id, section, titleHits, sectionHits }) => ({ id, section, titleHits, sectionHits }));
}
