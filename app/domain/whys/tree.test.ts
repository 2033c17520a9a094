import { describe, expect, it } from "vitest";
import { buildWhyTree, flattenWhyTree } from "./tree";
import { whyRow } from "../../../tests/why-rows";

describe("buildWhyTree", () => {
  it("nests rows under the root with siblings in position order and index paths", () => {
    const tree = buildWhyTree([whyRow(3, 1, 1), whyRow(1, null, 0), whyRow(2, 1, 0), whyRow(4, 3, 0, { isRootCause: true })])!;
    expect(tree.id).toBe(1);
    expect(tree.children.map((c) => [c.id, c.path, c.depth])).toEqual([
      [2, "0.0", 2],
      [3, "0.1", 2],
    ]);
    expect(tree.children[1]!.children[0]).toMatchObject({ id: 4, path: "0.1.0", depth: 3, isRootCause: true });
    expect(flattenWhyTree(tree).map((n) => n.id)).toEqual([1, 2, 3, 4]);
  });
  it("returns undefined without a root", () => {
    expect(buildWhyTree([])).toBeUndefined();
    expect(flattenWhyTree(undefined)).toEqual([]);
  });
});
