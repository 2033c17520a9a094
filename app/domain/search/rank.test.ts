import { describe, expect, it } from "vitest";
import { parseSearchQuery } from "./query";
import { rankCandidates, sectionHas } from "./rank";
import { buildSnippet } from "./snippet";

const terms = (q: string) => parseSearchQuery(q).include;

describe("sectionHas", () => {
  it("matches whole words, adjacent phrases and prefixes", () => {
    const [word, phrase, prefix] = terms('cache "stale cache" thrott*');
    expect(sectionHas("a stale cache here", word!)).toBe(true);
    expect(sectionHas("a stalecache caches", word!)).toBe(false);
    expect(sectionHas("a stale cache", phrase!)).toBe(true);
    expect(sectionHas("cache stale", phrase!)).toBe(false);
    expect(sectionHas("was throttled", prefix!)).toBe(true);
    expect(sectionHas("unthrottled", prefix!)).toBe(false);
  });
});

describe("rankCandidates", () => {
  it("puts title matches first, then more matching sections, then the latest incident, then the newest id", () => {
    const ranked = rankCandidates(
      [
        { id: 1, incidentAt: 10, sections: [{ section: "lessons", tokens: "dns" }] },
        { id: 2, incidentAt: 5, sections: [{ section: "header", tokens: "dns outage" }] },
        {
          id: 3,
          incidentAt: 1,
          sections: [
            { section: "timeline", tokens: "dns" },
            { section: "lessons", tokens: "dns" },
          ],
        },
        { id: 4, incidentAt: null, sections: [{ section: "lessons", tokens: "dns" }] },
        { id: 5, incidentAt: 10, sections: [{ section: "lessons", tokens: "dns" }] },
      ],
      terms("dns"),
    );
    expect(ranked.map((r) => r.id)).toEqual([2, 3, 5, 1, 4]);
    expect(ranked[1]).toMatchObject({ section: "timeline", sectionHits: 2, titleHits: 0 });
  });
});

describe("buildSnippet", () => {
  it("marks every match and cuts a window around the first", () => {
    const text = Array.from({ length: 40 }, (_, i) => `w${i}`).join(" ") + " Stale  Cache was stale";
    const parts = buildSnippet(text, terms('"stale cache"'));
    expect(parts[0]!.text).toMatch(/^…w32 w33 /);
    expect(parts.filter((p) => p.isMatch).map((p) => p.text)).toEqual(["Stale", "Cache"]);
    expect(parts.map((p) => p.text).join("")).toBe("…w32 w33 w34 w35 w36 w37 w38 w39 Stale Cache was stale");
  });

  it("keeps hostile markup as text parts, to be rendered escaped", () => {
    const parts = buildSnippet('<img src=x onerror="alert(1)"> then </mark><script>dns()</script>', terms("dns"), 40);
    expect(parts.map((p) => p.text).join("")).toBe('<img src=x onerror="alert(1)"> then </mark><script>dns()</script>');
    expect(parts.find((p) => p.isMatch)).toEqual({ text: "dns", isMatch: true });
  });

  it("highlights prefixes and folded accents in the text as written", () => {
    const parts = buildSnippet("Le café throttled", terms("cafe thrott*"));
    expect(parts.filter((p) => p.isMatch).map((p) => p.text)).toEqual(["café", "throttled"]);
  });
});
