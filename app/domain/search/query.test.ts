import { describe, expect, it } from "vitest";
import { fts5Match, MAX_QUERY_CHARS, parseSearchQuery, tsquery, unsearchableReason } from "./query";
import { SECTION_BREAK, tokenize } from "./tokens";

describe("tokenize", () => {
  it("folds case and diacritics and splits on anything but letters and digits", () => {
    expect(tokenize("Café-Ölwechsel: DNS_timeout 5xx ﬁle")).toEqual(["cafe", "olwechsel", "dns", "timeout", "5xx", "file"]);
    expect(tokenize("🔥 <img onerror=x> ")).toEqual(["img", "onerror", "x"]);
  });
});

describe("parseSearchQuery", () => {
  it("reads words, phrases, prefixes and exclusions", () => {
    const q = parseSearchQuery('dns "stale cache" throttl* -retry -"load balancer"');
    expect(q.include).toEqual([
      { tokens: ["dns"], isPrefix: false },
      { tokens: ["stale", "cache"], isPrefix: false },
      { tokens: ["throttl"], isPrefix: true },
    ]);
    expect(q.exclude).toEqual([
      { tokens: ["retry"], isPrefix: false },
      { tokens: ["load", "balancer"], isPrefix: false },
    ]);
    expect(q.notes).toEqual([]);
  });

  it("treats FTS operators and punctuation as words or separators", () => {
    const q = parseSearchQuery("a AND b OR NEAR(c) ^d col:e (f*)");
    expect(q.include.map((t) => t.tokens.join(" "))).toEqual(["a", "and", "b", "or", "near c", "d", "col e", "f"]);
    expect(fts5Match(q)).toBe('"a" AND "and" AND "b" AND "or" AND "near c" AND "d" AND "col e" AND "f"');
  });

  it("runs an unclosed quote to the end and says so", () => {
    const q = parseSearchQuery('disk "full partition');
    expect(q.include[1]).toEqual({ tokens: ["full", "partition"], isPrefix: false });
    expect(q.notes[0]).toMatch(/not closed/);
  });

  it("searches a short prefix as a word, and never the section break", () => {
    expect(parseSearchQuery("ab*").include).toEqual([{ tokens: ["ab"], isPrefix: false }]);
    expect(parseSearchQuery(`${SECTION_BREAK} x`).include).toEqual([{ tokens: ["x"], isPrefix: false }]);
  });

  it("explains what cannot be searched: nothing, only emoji, only exclusions", () => {
    for (const text of ["", "   ", "🔥🔥", '""', "* ^ :"]) expect(unsearchableReason(parseSearchQuery(text))).toMatch(/Type a word/);
    expect(unsearchableReason(parseSearchQuery('-dns -"x y"'))).toMatch(/exclusions alone/);
    expect(unsearchableReason(parseSearchQuery("dns"))).toBeUndefined();
  });

  it("bounds a 10,000-character query", () => {
    const q = parseSearchQuery("word ".repeat(2000) + Array.from({ length: 30 }, (_, i) => `w${i}`).join(" "));
    expect(q.include.length).toBeLessThanOrEqual(12);
    expect(q.notes[0]).toContain(String(MAX_QUERY_CHARS));
    const many = parseSearchQuery(Array.from({ length: 30 }, (_, i) => `w${i}`).join(" "));
    expect(many.include).toHaveLength(12);
    expect(many.notes).toEqual(["Only the first 12 terms were used."]);
  });
});

describe("engine queries", () => {
  const q = parseSearchQuery('dns "stale cache" throttl* -retry -"load balancer"');
  it("quotes every FTS5 term and puts exclusions behind NOT", () => {
    expect(fts5Match(q)).toBe('("dns" AND "stale cache" AND "throttl"*) NOT ("retry" OR "load balancer")');
  });
  it("builds the same meaning as a tsquery", () => {
    expect(tsquery(q)).toBe("('dns') & ('stale' <-> 'cache') & ('throttl':*) & !('retry') & !('load' <-> 'balancer')");
  });
});
