import { describe, expect, it } from "vitest";
import { mulberry32, randomInt, randomText, randomWhyRows } from "./random-tree";
import { buildWhyTree, flattenWhyTree } from "./tree";

describe("mulberry32", () => {
  it("is deterministic per seed and stays in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(values);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(990);
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
  });
});

describe("randomInt", () => {
  it("covers min..max inclusive", () => {
    const random = mulberry32(1);
    const seen = new Set(Array.from({ length: 500 }, () => randomInt(random, 1, 4)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
    expect(randomInt(() => 0.999999, 5, 5)).toBe(5);
  });
});

describe("randomText", () => {
  it("has exactly the asked length", () => {
    const random = mulberry32(2);
    for (const length of [1, 2, 20, 73, 200]) expect(randomText(random, length)).toHaveLength(length);
  });
});

describe("randomWhyRows", () => {
  it("builds one dense tree of the asked size, in both shapes", () => {
    for (const shape of ["breadth-first", "random"] as const) {
      const rows = randomWhyRows(mulberry32(3), 300, { shape });
      expect(rows).toHaveLength(300);
      expect(flattenWhyTree(buildWhyTree(rows))).toHaveLength(300);
      expect(rows.filter((r) => r.parentId === null)).toHaveLength(1);
      const texts = rows.map((r) => r.text.length);
      expect(Math.min(...texts)).toBeGreaterThanOrEqual(20);
      expect(Math.max(...texts)).toBeLessThanOrEqual(200);
    }
  });
  it("respects the branching range breadth first", () => {
    const rows = randomWhyRows(mulberry32(4), 1000, { branching: [1, 4] });
    const counts = new Map<number, number>();
    for (const r of rows) if (r.parentId !== null) counts.set(r.parentId, (counts.get(r.parentId) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(4);
  });
  it("marks only leaves as root causes and is reproducible", () => {
    const rows = randomWhyRows(mulberry32(5), 50);
    const parents = new Set(rows.map((r) => r.parentId));
    expect(rows.filter((r) => r.isRootCause && parents.has(r.id))).toEqual([]);
    expect(randomWhyRows(mulberry32(5), 50)).toEqual(rows);
  });
  it("gives nothing for size 0 and a lone root for size 1", () => {
    expect(randomWhyRows(mulberry32(6), 0)).toEqual([]);
    expect(randomWhyRows(mulberry32(6), 1)).toMatchObject([{ id: 1, parentId: null, position: 0 }]);
  });
});
