import { describe, expect, it } from "vitest";
import { inverseFrequency, MIN_SCORE, rankSimilar, wordingOverlap, type SharedWith } from "./similar";

const shares = (coeId: number, over: Partial<SharedWith> = {}): SharedWith => ({ coeId, categories: [], services: [], tags: [], words: [], ...over });
const weights = new Map([
  ["failover", 3],
  ["resolver", 2],
  ["ttl", 1],
]);

describe("inverseFrequency", () => {
  it("weighs rare words more, words every COE has not at all, and never goes negative", () => {
    expect(inverseFrequency(1, 100)).toBeGreaterThan(inverseFrequency(10, 100));
    expect(inverseFrequency(100, 100)).toBe(0);
    expect(inverseFrequency(120, 100)).toBe(0);
    expect(inverseFrequency(0, 100)).toBe(0);
    expect(inverseFrequency(3, 0)).toBe(0);
  });
});

describe("wordingOverlap", () => {
  it("is the share of this COE's word weight the other COE also has", () => {
    expect(wordingOverlap([], weights)).toBe(0);
    expect(wordingOverlap(["failover", "resolver", "ttl"], weights)).toBe(1);
    expect(wordingOverlap(["failover"], weights)).toBe(0.5);
    expect(wordingOverlap(["unknown"], weights)).toBe(0);
    expect(wordingOverlap(["failover"], new Map())).toBe(0);
  });
});

describe("rankSimilar", () => {
  it("ranks a shared category above a shared service, adds up what is shared, and says why", () => {
    const ranked = rankSimilar(
      [
        shares(1, { services: ["Edge"] }),
        shares(2, { categories: ["Configuration"] }),
        shares(3, { services: ["Edge"], tags: ["dns"], categories: ["Capacity"] }),
      ],
      weights,
    );
    expect(ranked.map((r) => r.coeId)).toEqual([3, 2, 1]);
    expect(ranked[0]!.reasons).toEqual(["same root-cause category: Capacity", "same service: Edge", "same tag: dns"]);
    expect(ranked[1]!.reasons).toEqual(["same root-cause category: Configuration"]);
    expect(ranked[2]!.reasons).toEqual(["same service: Edge"]);
  });

  it("counts wording only from a third of the distinctive words on, naming the rarest shared words first", () => {
    const [similar] = rankSimilar([shares(4, { words: ["ttl", "failover"] })], weights);
    expect(similar!.reasons).toEqual(["similar wording in the five whys and lessons (failover, ttl)"]);
    expect(similar!.score).toBeCloseTo(4 * (4 / 6));
    expect(rankSimilar([shares(5, { words: ["ttl"] })], weights)).toEqual([]);
  });

  it("leaves out what shares too little (one tag alone), keeps at most five, newest first among equals", () => {
    expect(rankSimilar([shares(6, { tags: ["dns"] })], weights)).toEqual([]);
    expect(MIN_SCORE).toBeGreaterThan(1);
    const many = Array.from({ length: 8 }, (_, i) => shares(10 + i, { services: ["Edge"] }));
    expect(rankSimilar(many, weights).map((r) => r.coeId)).toEqual([17, 16, 15, 14, 13]);
  });
});
