/** A category or tenet as the rules need it: retired ones stay where they are used but are not offered. */
export type Retirable = { id: number; retiredAt: Date | string | null };

export type Plan<T = object> = ({ ok: true } & T) | { ok: false; field: string; message: string };

/**
 * Merging moves every root cause of `sourceId` to `targetId` and deletes the source. The target
 * must be a different, live category: merging into a retired one would hide the moved root causes
 * from the editor's choices at once.
 */
export function planMerge(
  all: readonly (Retirable & { name: string })[],
  sourceId: number,
  targetId: number,
): Plan<{ sourceName: string; targetName: string }> {
  const source = all.find((c) => c.id === sourceId);
  const target = all.find((c) => c.id === targetId);
  if (!source) return { ok: false, field: "sourceId", message: "That category no longer exists; reload the page" };
  if (!target) return { ok: false, field: "targetId", message: "Choose the category to merge into" };
  if (source.id === target.id) return { ok: false, field: "targetId", message: "Choose a different category to merge into" };
  if (target.retiredAt) return { ok: false, field: "targetId", message: `"${target.name}" is retired; reinstate it before merging into it` };
  return { ok: true, sourceName: source.name, targetName: target.name };
}

/** What an editor may choose for a node: the live entries, plus the node's current one even when retired (so it is shown, not lost). */
export function offeredChoices<T extends Retirable>(all: readonly T[], currentIds: readonly (number | null)[] = []): T[] {
  const current = new Set(currentIds);
  return all.filter((c) => !c.retiredAt || current.has(c.id));
}

/**
 * Whether a why node may carry `categoryId`: only root causes carry a category, and a retired
 * (or unknown) category can be kept but not newly chosen. `null` clears it and is always allowed.
 */
export function planCategoryAssignment(node: { isRootCause: boolean; categoryId: number | null }, categoryId: number | null, all: readonly Retirable[]): Plan {
  if (categoryId === null || categoryId === node.categoryId) return { ok: true };
  if (!node.isRootCause) return { ok: false, field: "categoryId", message: "Only a root cause has a category; mark it as a root cause first" };
  const category = all.find((c) => c.id === categoryId);
  if (!category) return { ok: false, field: "categoryId", message: "That category no longer exists; reload the page" };
  if (category.retiredAt) return { ok: false, field: "categoryId", message: "That category is retired; choose another" };
  return { ok: true };
}

/**
 * Moving a tenet one place up or down the organisation's list: the new order of ids, or undefined
 * at the edge (or for an unknown id). Positions are rewritten 0..n-1 from this order.
 */
export function reorderedIds(ids: readonly number[], id: number, direction: "up" | "down"): number[] | undefined {
  const i = ids.indexOf(id);
  const j = direction === "up" ? i - 1 : i + 1;
  if (i === -1 || j < 0 || j >= ids.length) return undefined;
  const out = [...ids];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}
