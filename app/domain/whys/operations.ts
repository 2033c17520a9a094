import { LIMITS } from "../limits";
import type { WhyRow } from "./tree";

export const WHY_TEXT_MAX = LIMITS.whyText;
export const WHY_EVIDENCE_MAX = LIMITS.whyEvidence;

export type PositionUpdate = { id: number; parentId: number | null; position: number };
type Refusal = { ok: false; message: string };
export type AddPlan = { ok: true; parentId: number; position: number; shifts: PositionUpdate[] } | Refusal;
export type RemovePlan = { ok: true; removedIds: number[]; shifts: PositionUpdate[] } | Refusal;
export type MovePlan = { ok: true; updates: PositionUpdate[] } | Refusal;

export const NO_SUCH_WHY = "That why no longer exists; reload to see the latest tree";
export const MOVE_INTO_ITSELF = "A why cannot move under itself or its own answers";

/** One pass over the rows: lookup by id, and children per parent in sibling order. */
function index(rows: readonly WhyRow[]) {
  const byId = new Map<number, WhyRow>();
  const children = new Map<number | null, WhyRow[]>();
  for (const r of rows) {
    byId.set(r.id, r);
    const list = children.get(r.parentId);
    if (list) list.push(r);
    else children.set(r.parentId, [r]);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position || a.id - b.id);
  return { byId, childrenOf: (id: number | null): WhyRow[] => children.get(id) ?? [] };
}

/**
 * Positions 0..n-1 for `ordered` under `parentId`, reporting only rows whose parent or position
 * changes. Renumbering from the sorted order (rather than ±1) also heals gaps or duplicates left
 * by older data, so every plan leaves the touched parents dense.
 */
function renumber(ordered: readonly WhyRow[], parentId: number | null): PositionUpdate[] {
  const out: PositionUpdate[] = [];
  ordered.forEach((r, position) => {
    if (r.position !== position || r.parentId !== parentId) out.push({ id: r.id, parentId, position });
  });
  return out;
}

const clamp = (n: number, min: number, max: number) => (Number.isFinite(n) ? Math.min(max, Math.max(min, Math.trunc(n))) : max);

/**
 * Where a new child of `parentId` goes: appended by default, or at index `at` (clamped into
 * 0..n), with the later siblings shifted to make room.
 */
export function planAddChild(rows: readonly WhyRow[], parentId: number, at?: number): AddPlan {
  const { byId, childrenOf } = index(rows);
  if (!byId.has(parentId)) return { ok: false, message: NO_SUCH_WHY };
  const siblings = childrenOf(parentId);
  const position = at === undefined ? siblings.length : clamp(at, 0, siblings.length);
  const shifts: PositionUpdate[] = [];
  siblings.forEach((r, i) => {
    const next = i < position ? i : i + 1;
    if (r.position !== next) shifts.push({ id: r.id, parentId, position: next });
  });
  return { ok: true, parentId, position, shifts };
}

/** A new why right after `siblingId`, under the same parent. */
export function planAddSibling(rows: readonly WhyRow[], siblingId: number): AddPlan {
  const { byId, childrenOf } = index(rows);
  const sibling = byId.get(siblingId);
  if (!sibling) return { ok: false, message: NO_SUCH_WHY };
  if (sibling.parentId === null) return { ok: false, message: "The problem statement has no siblings; add a child instead" };
  const at = childrenOf(sibling.parentId).indexOf(sibling) + 1;
  return planAddChild(rows, sibling.parentId, at);
}

/** Removes a why with all its answers; `removedIds` lists parents before children (reading order). */
export function planRemove(rows: readonly WhyRow[], nodeId: number): RemovePlan {
  const { byId, childrenOf } = index(rows);
  const node = byId.get(nodeId);
  if (!node) return { ok: false, message: NO_SUCH_WHY };
  if (node.parentId === null) return { ok: false, message: "The problem statement cannot be deleted" };
  const removedIds: number[] = [];
  const seen = new Set<number>();
  const stack: WhyRow[] = [node];
  while (stack.length) {
    const r = stack.pop()!;
    if (seen.has(r.id)) continue; // corrupt data with a cycle must not loop forever
    seen.add(r.id);
    removedIds.push(r.id);
    const kids = childrenOf(r.id);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  const shifts = renumber(
    childrenOf(node.parentId).filter((r) => r.id !== nodeId),
    node.parentId,
  );
  return { ok: true, removedIds, shifts };
}

/** True when `nodeId` lies strictly below `ancestorId` (a node is not its own descendant). */
export function isDescendant(rows: readonly WhyRow[], ancestorId: number, nodeId: number): boolean {
  const { byId } = index(rows);
  const seen = new Set<number>();
  let current = byId.get(nodeId);
  while (current && current.parentId !== null && !seen.has(current.id)) {
    if (current.parentId === ancestorId) return true;
    seen.add(current.id);
    current = byId.get(current.parentId);
  }
  return false;
}

/**
 * Moves `nodeId` (with its answers) to index `position` among the children of `newParentId`;
 * the position is where the node ends up, clamped into range, so within the same parent it is
 * its index after the move. The updates cover the node and every sibling, in the old parent and
 * the new, whose position changes; a move that changes nothing plans no updates.
 */
export function planMove(rows: readonly WhyRow[], nodeId: number, newParentId: number, position: number): MovePlan {
  const { byId, childrenOf } = index(rows);
  const node = byId.get(nodeId);
  if (!node || !byId.has(newParentId)) return { ok: false, message: NO_SUCH_WHY };
  if (node.parentId === null) return { ok: false, message: "The problem statement stays at the top" };
  if (newParentId === nodeId || isDescendant(rows, nodeId, newParentId)) return { ok: false, message: MOVE_INTO_ITSELF };

  const target = childrenOf(newParentId).filter((r) => r.id !== nodeId);
  target.splice(clamp(position, 0, target.length), 0, node);
  const updates = renumber(target, newParentId);
  if (node.parentId !== newParentId) {
    updates.push(
      ...renumber(
        childrenOf(node.parentId).filter((r) => r.id !== nodeId),
        node.parentId,
      ),
    );
  }
  return { ok: true, updates };
}

/** Alt+Up / Alt+Down: swaps with the previous or next sibling; at either end nothing moves. */
export function planReorder(rows: readonly WhyRow[], nodeId: number, delta: -1 | 1): MovePlan {
  const { byId, childrenOf } = index(rows);
  const node = byId.get(nodeId);
  if (!node) return { ok: false, message: NO_SUCH_WHY };
  if (node.parentId === null) return { ok: true, updates: [] };
  const siblings = childrenOf(node.parentId);
  const to = siblings.indexOf(node) + delta;
  if (to < 0 || to >= siblings.length) return { ok: true, updates: [] };
  return planMove(rows, nodeId, node.parentId, to);
}

/** Alt+Left: the why becomes its parent's next sibling, keeping its own answers. */
export function planOutdent(rows: readonly WhyRow[], nodeId: number): MovePlan {
  const { byId, childrenOf } = index(rows);
  const node = byId.get(nodeId);
  if (!node) return { ok: false, message: NO_SUCH_WHY };
  const parent = node.parentId === null ? undefined : byId.get(node.parentId);
  if (!parent || parent.parentId === null) return { ok: false, message: "Already at the top level" };
  return planMove(rows, nodeId, parent.parentId, childrenOf(parent.parentId).indexOf(parent) + 1);
}

/** Alt+Right: the why becomes the last answer of the sibling above it. */
export function planIndent(rows: readonly WhyRow[], nodeId: number): MovePlan {
  const { byId, childrenOf } = index(rows);
  const node = byId.get(nodeId);
  if (!node) return { ok: false, message: NO_SUCH_WHY };
  if (node.parentId === null) return { ok: false, message: "The problem statement stays at the top" };
  const siblings = childrenOf(node.parentId);
  const previous = siblings[siblings.indexOf(node) - 1];
  if (!previous) return { ok: false, message: "The first answer has no why above it to go under" };
  return planMove(rows, nodeId, previous.id, childrenOf(previous.id).length);
}

/** Rows with the plan's parent/position changes applied (new objects; the input is not touched). */
export function applyPositionUpdates(rows: readonly WhyRow[], updates: readonly PositionUpdate[]): WhyRow[] {
  const byId = new Map(updates.map((u) => [u.id, u]));
  return rows.map((r) => {
    const u = byId.get(r.id);
    return u ? { ...r, parentId: u.parentId, position: u.position } : r;
  });
}
