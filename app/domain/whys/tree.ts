export type WhyRow = { id: number; parentId: number | null; position: number; text: string; isRootCause: boolean; evidence: string | null };
export type WhyTreeNode = WhyRow & { path: string; depth: number; children: WhyTreeNode[] };

/**
 * Nests adjacency-list rows under the single root, siblings by position. `path` is the index
 * path of the interchange format ("0", "0.2", …). Rows whose parent is missing are dropped
 * rather than shown as extra roots: the root is the problem statement and there is one.
 */
export function buildWhyTree(rows: readonly WhyRow[]): WhyTreeNode | undefined {
  const byParent = new Map<number | null, WhyRow[]>();
  for (const r of rows) {
    const list = byParent.get(r.parentId) ?? [];
    list.push(r);
    byParent.set(r.parentId, list);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.position - b.position || a.id - b.id);
  const root = byParent.get(null)?.[0];
  if (!root) return undefined;
  const build = (row: WhyRow, path: string, depth: number): WhyTreeNode => ({
    ...row,
    path,
    depth,
    children: (byParent.get(row.id) ?? []).map((c, i) => build(c, `${path}.${i}`, depth + 1)),
  });
  return build(root, "0", 1);
}

/** Flattens a tree depth-first (reading order). */
export function flattenWhyTree(root: WhyTreeNode | undefined): WhyTreeNode[] {
  if (!root) return [];
  const out: WhyTreeNode[] = [];
  const walk = (n: WhyTreeNode) => {
    out.push(n);
    n.children.forEach(walk);
  };
  walk(root);
  return out;
}
