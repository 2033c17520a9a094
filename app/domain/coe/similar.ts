/**
 * "Similar COEs" (SPEC §5): which other COEs share this one's root-cause categories, services,
 * tags and distinctive words in the five whys and lessons, scored and explained. Pure: the data
 * layer gathers what each candidate shares, this decides who is similar and says why.
 */

export const SIMILAR_LIMIT = 5;

/** What one other COE shares with the COE being read. */
export type SharedWith = {
  coeId: number;
  categories: string[];
  services: string[];
  tags: string[];
  /** Distinctive words of the whys and lessons both COEs use. */
  words: string[];
};

export type SimilarCoe = { coeId: number; score: number; reasons: string[] };

/** How much each kind of shared thing counts. A category says most about how a failure happened. */
const WEIGHTS = { category: 3, service: 2, tag: 1, wording: 4 } as const;

/** Below this a candidate shares too little to be worth a reader's time (one tag alone, one common word). */
export const MIN_SCORE = 2;

/**
 * The share of this COE's distinctive wording (by inverse document frequency) the other COE also
 * uses: 0 when nothing is shared, 1 when every one of its words is.
 */
export function wordingOverlap(shared: readonly string[], ownWeights: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const weight of ownWeights.values()) total += weight;
  if (total === 0) return 0;
  let common = 0;
  for (const word of shared) common += ownWeights.get(word) ?? 0;
  return common / total;
}

/** A word found in `documents` of `corpus` COEs: rarer words say more (never negative, 0 for a word every COE has). */
export function inverseFrequency(documents: number, corpus: number): number {
  if (corpus <= 0 || documents <= 0) return 0;
  return Math.max(0, Math.log(corpus / documents));
}

/** Wording only counts as similar from this overlap on (about a third of the distinctive words). */
const WORDING_THRESHOLD = 0.3;

function reasonsOf(shared: SharedWith, overlap: number): string[] {
  return [
    ...shared.categories.map((name) => `same root-cause category: ${name}`),
    ...shared.services.map((name) => `same service: ${name}`),
    ...shared.tags.map((name) => `same tag: ${name}`),
    ...(overlap >= WORDING_THRESHOLD ? [`similar wording in the five whys and lessons (${shared.words.slice(0, 3).join(", ")})`] : []),
  ];
}

function scoreOf(shared: SharedWith, overlap: number): number {
  const wording = overlap >= WORDING_THRESHOLD ? WEIGHTS.wording * overlap : 0;
  return shared.categories.length * WEIGHTS.category + shared.services.length * WEIGHTS.service + shared.tags.length * WEIGHTS.tag + wording;
}

/**
 * Up to SIMILAR_LIMIT COEs, most similar first (ties: the newer COE, i.e. the higher id, first),
 * each with the reasons a reader sees. `ownWeights` holds this COE's words weighted by rarity;
 * shared words are listed rarest first in the reason.
 */
export function rankSimilar(candidates: readonly SharedWith[], ownWeights: ReadonlyMap<string, number>, limit = SIMILAR_LIMIT): SimilarCoe[] {
  const rarestFirst = (words: string[]) => [...words].sort((a, b) => (ownWeights.get(b) ?? 0) - (ownWeights.get(a) ?? 0) || a.localeCompare(b));
  return candidates
    .map((candidate) => {
      const shared = { ...candidate, words: rarestFirst(candidate.words) };
      const overlap = wordingOverlap(shared.words, ownWeights);
      return { coeId: candidate.coeId, score: scoreOf(shared, overlap), reasons: reasonsOf(shared, overlap) };
    })
    .filter((s) => s.score >= MIN_SCORE && s.reasons.length > 0)
    .sort((a, b) => b.score - a.score || b.coeId - a.coeId)
    .slice(0, limit);
}
