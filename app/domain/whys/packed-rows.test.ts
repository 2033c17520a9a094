import { describe, expect, it } from "vitest";
import { packWhyTree, unpackWhyTree } from "./packed-rows";
import { mulberry32, randomWhyRows } from "./random-tree";
import { buildWhyTree, type WhyTreeNode } from "./tree";

/** The tree as the pages read it, with positions renumbered 0, 1, … as a stored tree's may have gaps. */
function normalised(n: WhyTreeNode | undefined): unknown {
  if (!n) return undefined;
  return {
    id: n.id,
    parentId: n.parentId,
    text: n.text,
    isRootCause: n.isRootCause,
    evidence: n.evidence,
    category: n.category,
    path: n.path,
    depth: n.depth,
    children: n.children.map(normalised),
  };
}

describe("packWhyTree / unpackWhyTree", () => {
  it("round-trips random trees, sibling order, root causes, evidence and categories included", () => {
    for (const seed of [1, 2, 3, 4]) {
      const random = mulberry32(seed);
      const rows = randomWhyRows(random, 120, { shape: seed % 2 ? "random" : "breadth-first", textLength: [1, 80] }).map((r, i) => ({
        ...r,
        isRootCause: i % 5 === 0,
        evidence: i % 7 === 0 ? `log line ${i}` : null,
        category: i % 5 === 0 && i % 2 === 0 ? `category ${i % 3}` : undefined,
        position: r.position * 3 + 1, // gaps, as deletes leave them
      }));
      const tree = buildWhyTree(rows);
      const back = unpackWhyTree(packWhyTree(tree));
      expect(normalised(back)).toEqual(normalised(tree));
      expect(back!.children.map((c) => c.position)).toEqual(back!.children.map((_, i) => i));
    }
  });

  it("packs an empty tree to empty columns and back to no tree", () => {
    expect(packWhyTree(undefined)).toEqual({ ids: [], parent: [], texts: [], rootCauses: [], evidence: {}, categories: {} });
    expect(unpackWhyTree(packWhyTree(undefined))).toBeUndefined();
  });

  it("says each key once: a 500-node tree packs to far fewer JSON bytes than the nested tree", () => {
    const tree = buildWhyTree(randomWhyRows(mulberry32(9), 500, { shape: "breadth-first", textLength: [60, 60] }))!;
    const nested = JSON.stringify(tree).length;
    const packed = JSON.stringify(packWhyTree(tree)).length;
    expect(packed).toBeLessThan(nested * 0.6);
  });
});
