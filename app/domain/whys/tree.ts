/**
 * `categoryId` is a root cause's category in the managed taxonomy and `category` its name (both
 * absent where a caller does not read them).
 */
export type WhyRow = {
  id: number;
  parentId: number | null;
  position: number;
  text: string;
  isRootCause: boolean;
  evidence: string | null;
  categoryId?: number | null;
  category?: string;
};
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
  // Fields named one by one (no spread): one object shape for every node, which keeps this cheap on trees of hundreds.
  const build = (row: WhyRow, path: string, depth: number): WhyTreeNode => {
    const { id, parentId, position, text, isRootCause, evidence, categoryId, category } = row;
    const node: WhyTreeNode = { id, parentId, position, text, isRootCause, evidence, categoryId, category, path, depth, children: [] };
    const kids = byParent.get(id) ?? [];
    for (let i = 0; i < kids.length; i++) node.children.push(build(kids[i]!, `${path}.${i}`, depth + 1));
    return node;
  };
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
