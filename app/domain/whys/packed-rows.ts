import { buildWhyTree, flattenWhyTree, type WhyTreeNode } from "./tree";

/**
 * A whys tree as flat columns, for pages that ship a tree to the browser. A page's loader data is
 * serialised object by object, so a nested tree of 500 nodes costs its keys (id, parentId, path,
 * depth, children, …) 500 times; columns cost each key once. Nodes are in reading order
 * (depth-first), so a parent always comes before its children and `parent` is that earlier index
 * (-1 for the problem statement); sibling order is array order.
 */
export type PackedWhyRows = {
  ids: number[];
  parent: number[];
  texts: string[];
  /** Indexes of root causes. */
  rootCauses: number[];
  /** Evidence by index, for the nodes that have it. */
  evidence: Record<number, string>;
  /** Root-cause category names by index, for the nodes that have one. */
  categories: Record<number, string>;
};

export function packWhyTree(root: WhyTreeNode | undefined): PackedWhyRows {
  const nodes = flattenWhyTree(root);
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const packed: PackedWhyRows = { ids: [], parent: [], texts: [], rootCauses: [], evidence: {}, categories: {} };
  nodes.forEach((n, i) => {
    packed.ids.push(n.id);
    packed.parent.push(n.parentId === null ? -1 : (index.get(n.parentId) ?? -1));
    packed.texts.push(n.text);
    if (n.isRootCause) packed.rootCauses.push(i);
    if (n.evidence) packed.evidence[i] = n.evidence;
    if (n.category) packed.categories[i] = n.category;
  });
  return packed;
}

/** The tree `packWhyTree` was given, rebuilt (positions are renumbered 0, 1, … among siblings). */
export function unpackWhyTree(packed: PackedWhyRows): WhyTreeNode | undefined {
  const rootCauses = new Set(packed.rootCauses);
  const siblings = new Map<number, number>();
  return buildWhyTree(
    packed.ids.map((id, i) => {
      const p = packed.parent[i] ?? -1;
      const position = siblings.get(p) ?? 0;
      siblings.set(p, position + 1);
      return {
        id,
        parentId: p < 0 ? null : packed.ids[p]!,
        position,
        text: packed.texts[i] ?? "",
        isRootCause: rootCauses.has(i),
        evidence: packed.evidence[i] ?? null,
        category: packed.categories[i],
      };
    }),
  );
}
