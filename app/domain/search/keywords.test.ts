import { describe, expect, it } from "vitest";
import { distinctiveWords, MAX_KEYWORDS } from "./keywords";

describe("distinctiveWords", () => {
  it("counts words of three letters or more, without stop words or numbers, most frequent first", () => {
    expect(distinctiveWords(["The DNS cache was stale because the cache TTL was 300", "Cache TTL: dns, dns"])).toEqual([
      { term: "cache", weight: 3 },
      { term: "dns", weight: 3 },
      { term: "ttl", weight: 2 },
      { term: "stale", weight: 1 },
    ]);
  });

  it("keeps the top twenty", () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${String(i).padStart(2, "0")} `.repeat(30 - i)).join(" ");
    const kept = distinctiveWords([words]);
    expect(kept).toHaveLength(MAX_KEYWORDS);
    expect(kept[0]).toEqual({ term: "word00", weight: 30 });
    expect(kept.at(-1)).toEqual({ term: "word19", weight: 11 });
  });
});
