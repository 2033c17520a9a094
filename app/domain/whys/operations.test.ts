import { describe, expect, it } from "vitest";
import {
  applyPositionUpdates,
  isDescendant,
  MOVE_INTO_ITSELF,
  NO_SUCH_WHY,
  planAddChild,
  planAddSibling,
  planIndent,
  planMove,
  planOutdent,
  planRemove,
  planReorder,
  type MovePlan,
  type PositionUpdate,
} from "./operations";
import { mulberry32, randomInt, randomWhyRows } from "./random-tree";
import { buildWhyTree, flattenWhyTree, type WhyRow } from "./tree";
import { whyRow } from "../../../tests/why-rows";

/**
 *        1
 *   ┌────┼────┐
 *   2    3    4
 *  ┌┴┐   │
 *  5 6   7
 *        │
 *        8
 */
const ROWS: WhyRow[] = [
  whyRow(1, null, 0),
  whyRow(2, 1, 0),
  whyRow(3, 1, 1),
  whyRow(4, 1, 2),
  whyRow(5, 2, 0),
  whyRow(6, 2, 1),
  whyRow(7, 3, 0),
  whyRow(8, 7, 0),
];

/** Sibling ids per parent, in position order: the shape a plan should produce. */
function shape(rows: readonly WhyRow[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const r of [...rows].sort((a, b) => a.position - b.position)) (out[String(r.parentId)] ??= []).push(r.id);
  return out;
}

function updates(plan: MovePlan): PositionUpdate[] {
  if (!plan.ok) throw new Error(plan.message);
  return plan.updates;
}

const moved = (plan: MovePlan) => shape(applyPositionUpdates(ROWS, updates(plan)));

/** Positions under every parent are exactly 0..n-1. */
function expectDense(rows: readonly WhyRow[]) {
  const byParent = new Map<number | null, number[]>();
  for (const r of rows) byParent.set(r.parentId, [...(byParent.get(r.parentId) ?? []), r.position]);
  for (const [parent, positions] of byParent)
    expect(
      positions.sort((a, b) => a - b),
      `children of ${parent}`,
    ).toEqual(positions.map((_, i) => i));
}

describe("planAddChild", () => {
  it("appends as the last child by default, shifting nothing", () => {
    expect(planAddChild(ROWS, 1)).toEqual({ ok: true, parentId: 1, position: 3, shifts: [] });
    expect(planAddChild(ROWS, 8)).toEqual({ ok: true, parentId: 8, position: 0, shifts: [] });
  });
  it("inserts at an index and shifts only the later siblings", () => {
    expect(planAddChild(ROWS, 1, 1)).toEqual({
      ok: true,
      parentId: 1,
      position: 1,
      shifts: [
        { id: 3, parentId: 1, position: 2 },
        { id: 4, parentId: 1, position: 3 },
      ],
    });
    expect(planAddChild(ROWS, 1, 0)).toMatchObject({ position: 0, shifts: [{ id: 2 }, { id: 3 }, { id: 4 }] });
  });
  it("clamps the index into range", () => {
    expect(planAddChild(ROWS, 1, 99)).toMatchObject({ position: 3, shifts: [] });
    expect(planAddChild(ROWS, 1, -5)).toMatchObject({ position: 0 });
    expect(planAddChild(ROWS, 1, 1.7)).toMatchObject({ position: 1 });
    expect(planAddChild(ROWS, 1, Number.NaN)).toMatchObject({ position: 3 });
  });
  it("refuses an unknown parent", () => {
    expect(planAddChild(ROWS, 99)).toEqual({ ok: false, message: NO_SUCH_WHY });
  });
  it("heals gaps in stored positions", () => {
    const gappy = [whyRow(1, null, 0), whyRow(2, 1, 0), whyRow(3, 1, 5)];
    expect(planAddChild(gappy, 1, 1)).toEqual({ ok: true, parentId: 1, position: 1, shifts: [{ id: 3, parentId: 1, position: 2 }] });
    expect(planAddChild(gappy, 1)).toMatchObject({ position: 2, shifts: [{ id: 3, position: 1 }] });
  });
});

describe("planAddSibling", () => {
  it("inserts right after the sibling", () => {
    expect(planAddSibling(ROWS, 2)).toEqual({
      ok: true,
      parentId: 1,
      position: 1,
      shifts: [
        { id: 3, parentId: 1, position: 2 },
        { id: 4, parentId: 1, position: 3 },
      ],
    });
    expect(planAddSibling(ROWS, 4)).toEqual({ ok: true, parentId: 1, position: 3, shifts: [] });
    expect(planAddSibling(ROWS, 8)).toEqual({ ok: true, parentId: 7, position: 1, shifts: [] });
  });
  it("refuses the root and unknown ids", () => {
    expect(planAddSibling(ROWS, 1)).toEqual({ ok: false, message: "The problem statement has no siblings; add a child instead" });
    expect(planAddSibling(ROWS, 99)).toEqual({ ok: false, message: NO_SUCH_WHY });
  });
});

describe("planRemove", () => {
  it("removes the node and its subtree, parents before children, closing the gap", () => {
    expect(planRemove(ROWS, 3)).toEqual({ ok: true, removedIds: [3, 7, 8], shifts: [{ id: 4, parentId: 1, position: 1 }] });
    expect(planRemove(ROWS, 2)).toEqual({
      ok: true,
      removedIds: [2, 5, 6],
      shifts: [
        { id: 3, parentId: 1, position: 0 },
        { id: 4, parentId: 1, position: 1 },
      ],
    });
  });
  it("needs no shifts for the last child or a leaf", () => {
    expect(planRemove(ROWS, 4)).toEqual({ ok: true, removedIds: [4], shifts: [] });
    expect(planRemove(ROWS, 8)).toEqual({ ok: true, removedIds: [8], shifts: [] });
  });
  it("refuses the root and unknown ids", () => {
    expect(planRemove(ROWS, 1)).toEqual({ ok: false, message: "The problem statement cannot be deleted" });
    expect(planRemove(ROWS, 99)).toEqual({ ok: false, message: NO_SUCH_WHY });
  });
  it("terminates on corrupt rows that form a cycle", () => {
    const cyclic = [whyRow(1, null, 0), whyRow(2, 3, 0), whyRow(3, 2, 0)];
    expect(planRemove(cyclic, 2)).toMatchObject({ ok: true, removedIds: [2, 3] });
  });
});

describe("isDescendant", () => {
  it("is true for any node strictly below the ancestor", () => {
    expect(isDescendant(ROWS, 1, 8)).toBe(true);
    expect(isDescendant(ROWS, 3, 8)).toBe(true);
    expect(isDescendant(ROWS, 7, 8)).toBe(true);
  });
  it("is false for itself, siblings, ancestors and unknown ids", () => {
    expect(isDescendant(ROWS, 3, 3)).toBe(false);
    expect(isDescendant(ROWS, 2, 8)).toBe(false);
    expect(isDescendant(ROWS, 8, 3)).toBe(false);
    expect(isDescendant(ROWS, 3, 99)).toBe(false);
    expect(isDescendant(ROWS, 99, 8)).toBe(false);
  });
  it("terminates on a cycle", () => {
    expect(isDescendant([whyRow(2, 3, 0), whyRow(3, 2, 0)], 1, 2)).toBe(false);
  });
});

describe("planMove", () => {
  it("moves a node and its answers under another parent, closing and opening gaps", () => {
    const plan = planMove(ROWS, 2, 7, 0);
    expect(updates(plan)).toEqual([
      { id: 2, parentId: 7, position: 0 },
      { id: 8, parentId: 7, position: 1 },
      { id: 3, parentId: 1, position: 0 },
      { id: 4, parentId: 1, position: 1 },
    ]);
    expect(shape(applyPositionUpdates(ROWS, updates(plan)))).toEqual({ null: [1], 1: [3, 4], 2: [5, 6], 7: [2, 8], 3: [7] });
  });
  it("appends when the position is past the end, and clamps negatives to the front", () => {
    expect(moved(planMove(ROWS, 8, 1, 99))[1]).toEqual([2, 3, 4, 8]);
    expect(moved(planMove(ROWS, 8, 1, -3))[1]).toEqual([8, 2, 3, 4]);
  });
  it("reorders within the same parent, the position being the index after the move", () => {
    expect(updates(planMove(ROWS, 2, 1, 2))).toEqual([
      { id: 3, parentId: 1, position: 0 },
      { id: 4, parentId: 1, position: 1 },
      { id: 2, parentId: 1, position: 2 },
    ]);
    expect(moved(planMove(ROWS, 4, 1, 0))[1]).toEqual([4, 2, 3]);
    expect(moved(planMove(ROWS, 4, 1, 50))[1]).toEqual([2, 3, 4]);
  });
  it("plans nothing for a move to where the node already is", () => {
    expect(planMove(ROWS, 3, 1, 1)).toEqual({ ok: true, updates: [] });
    expect(planMove(ROWS, 4, 1, 7)).toEqual({ ok: true, updates: [] });
  });
  it("refuses to move under itself or its own answers", () => {
    expect(planMove(ROWS, 3, 3, 0)).toEqual({ ok: false, message: MOVE_INTO_ITSELF });
    expect(planMove(ROWS, 3, 7, 0)).toEqual({ ok: false, message: MOVE_INTO_ITSELF });
    expect(planMove(ROWS, 3, 8, 0)).toEqual({ ok: false, message: MOVE_INTO_ITSELF });
  });
  it("refuses to move the root and unknown ids", () => {
    expect(planMove(ROWS, 1, 2, 0)).toEqual({ ok: false, message: "The problem statement stays at the top" });
    expect(planMove(ROWS, 99, 1, 0)).toEqual({ ok: false, message: NO_SUCH_WHY });
    expect(planMove(ROWS, 2, 99, 0)).toEqual({ ok: false, message: NO_SUCH_WHY });
  });
});

describe("planReorder", () => {
  it("swaps with the previous or next sibling", () => {
    expect(updates(planReorder(ROWS, 3, -1))).toEqual([
      { id: 3, parentId: 1, position: 0 },
      { id: 2, parentId: 1, position: 1 },
    ]);
    expect(moved(planReorder(ROWS, 3, 1))[1]).toEqual([2, 4, 3]);
    expect(moved(planReorder(ROWS, 5, 1))[2]).toEqual([6, 5]);
  });
  it("does nothing at either edge, for an only child or for the root", () => {
    expect(planReorder(ROWS, 2, -1)).toEqual({ ok: true, updates: [] });
    expect(planReorder(ROWS, 4, 1)).toEqual({ ok: true, updates: [] });
    expect(planReorder(ROWS, 8, -1)).toEqual({ ok: true, updates: [] });
    expect(planReorder(ROWS, 1, 1)).toEqual({ ok: true, updates: [] });
  });
  it("refuses unknown ids", () => {
    expect(planReorder(ROWS, 99, 1)).toEqual({ ok: false, message: NO_SUCH_WHY });
  });
});

describe("planOutdent", () => {
  it("makes the node its parent's next sibling, keeping its answers", () => {
    const after = moved(planOutdent(ROWS, 7));
    expect(after[1]).toEqual([2, 3, 7, 4]);
    expect(after[7]).toEqual([8]);
    expect(after[3]).toBeUndefined();
    expect(moved(planOutdent(ROWS, 5))).toMatchObject({ 1: [2, 5, 3, 4], 2: [6] });
    expect(moved(planOutdent(ROWS, 8))).toMatchObject({ 3: [7, 8] });
  });
  it("refuses the root and the root's children", () => {
    expect(planOutdent(ROWS, 1)).toEqual({ ok: false, message: "Already at the top level" });
    expect(planOutdent(ROWS, 2)).toEqual({ ok: false, message: "Already at the top level" });
  });
  it("refuses unknown ids", () => {
    expect(planOutdent(ROWS, 99)).toEqual({ ok: false, message: NO_SUCH_WHY });
  });
});

describe("planIndent", () => {
  it("makes the node the last child of its previous sibling", () => {
    expect(moved(planIndent(ROWS, 3))).toMatchObject({ 1: [2, 4], 2: [5, 6, 3], 3: [7] });
    expect(moved(planIndent(ROWS, 4))).toMatchObject({ 1: [2, 3], 3: [7, 4] });
    expect(moved(planIndent(ROWS, 6))).toMatchObject({ 2: [5], 5: [6] });
  });
  it("refuses the first child, the root and unknown ids", () => {
    expect(planIndent(ROWS, 2)).toEqual({ ok: false, message: "The first answer has no why above it to go under" });
    expect(planIndent(ROWS, 8)).toEqual({ ok: false, message: "The first answer has no why above it to go under" });
    expect(planIndent(ROWS, 1)).toEqual({ ok: false, message: "The problem statement stays at the top" });
    expect(planIndent(ROWS, 99)).toEqual({ ok: false, message: NO_SUCH_WHY });
  });
  it("undoes an outdent", () => {
    const out = applyPositionUpdates(ROWS, updates(planOutdent(ROWS, 7)));
    const back = applyPositionUpdates(out, updates(planIndent(out, 7)));
    expect(shape(back)).toEqual(shape(ROWS));
  });
});

describe("applyPositionUpdates", () => {
  it("applies parent and position by id without touching the input", () => {
    const input = [whyRow(1, null, 0), whyRow(2, 1, 0), whyRow(3, 1, 1)];
    const output = applyPositionUpdates(input, [
      { id: 3, parentId: 2, position: 0 },
      { id: 99, parentId: 1, position: 4 },
    ]);
    expect(output).toEqual([whyRow(1, null, 0), whyRow(2, 1, 0), { ...whyRow(3, 2, 0), text: "n3" }]);
    expect(input[2]).toEqual(whyRow(3, 1, 1));
    expect(output[0]).toBe(input[0]);
  });
  it("returns the rows unchanged for no updates", () => {
    expect(applyPositionUpdates(ROWS, [])).toEqual(ROWS);
  });
});

describe("every plan keeps sibling positions dense (random trees)", () => {
  const SEEDS = 60;
  const OPS_PER_TREE = 40;

  it(`holds over ${SEEDS} seeded trees × ${OPS_PER_TREE} random operations`, () => {
    let applied = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const random = mulberry32(seed);
      let rows = randomWhyRows(random, randomInt(random, 1, 40), { shape: seed % 2 ? "random" : "breadth-first", textLength: [1, 5] });
      let nextId = rows.length + 1;
      for (let step = 0; step < OPS_PER_TREE; step++) {
        const ids = rows.map((r) => r.id);
        const pick = () => ids[randomInt(random, 0, ids.length - 1)]!;
        const nodeId = pick();
        const before = rows;
        switch (randomInt(random, 0, 7)) {
          case 0:
          case 1: {
            const plan = random() < 0.5 ? planAddChild(rows, nodeId, random() < 0.5 ? undefined : randomInt(random, -1, 6)) : planAddSibling(rows, nodeId);
            if (!plan.ok) break;
            rows = [
              ...applyPositionUpdates(rows, plan.shifts),
              { id: nextId++, parentId: plan.parentId, position: plan.position, text: "new", isRootCause: false, evidence: null },
            ];
            break;
          }
          case 2: {
            const plan = planRemove(rows, nodeId);
            if (!plan.ok) {
              expect(rows.find((r) => r.id === nodeId)!.parentId).toBeNull();
              break;
            }
            expect(new Set(plan.removedIds).size).toBe(plan.removedIds.length);
            for (const id of plan.removedIds.slice(1)) expect(isDescendant(rows, nodeId, id)).toBe(true);
            const gone = new Set(plan.removedIds);
            expect(rows.filter((r) => !gone.has(r.id) && (r.id === nodeId || isDescendant(rows, nodeId, r.id)))).toEqual([]);
            rows = applyPositionUpdates(
              rows.filter((r) => !gone.has(r.id)),
              plan.shifts,
            );
            break;
          }
          case 3: {
            const target = pick();
            const plan = planMove(rows, nodeId, target, randomInt(random, -1, 6));
            const illegal = rows.find((r) => r.id === nodeId)!.parentId === null || target === nodeId || isDescendant(rows, nodeId, target);
            expect(plan.ok).toBe(!illegal);
            if (plan.ok) rows = applyPositionUpdates(rows, plan.updates);
            break;
          }
          case 4: {
            const plan = planReorder(rows, nodeId, random() < 0.5 ? -1 : 1);
            if (plan.ok) rows = applyPositionUpdates(rows, plan.updates);
            break;
          }
          case 5: {
            const plan = planOutdent(rows, nodeId);
            if (plan.ok) rows = applyPositionUpdates(rows, plan.updates);
            break;
          }
          default: {
            const plan = planIndent(rows, nodeId);
            if (plan.ok) rows = applyPositionUpdates(rows, plan.updates);
          }
        }
        if (rows !== before) applied++;
        expectDense(rows);
        // Still one tree: every row is reachable from the single root.
        expect(flattenWhyTree(buildWhyTree(rows))).toHaveLength(rows.length);
      }
    }
    expect(applied).toBeGreaterThan(SEEDS * OPS_PER_TREE * 0.5);
  });

  it("reports only rows that actually change", () => {
    for (let seed = 100; seed < 140; seed++) {
      const random = mulberry32(seed);
      const rows = randomWhyRows(random, randomInt(random, 2, 30), { shape: "random", textLength: [1, 3] });
      const plan = planMove(rows, randomInt(random, 2, rows.length), randomInt(random, 1, rows.length), randomInt(random, 0, 5));
      if (!plan.ok) continue;
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const u of plan.updates) {
        const r = byId.get(u.id)!;
        expect(r.parentId !== u.parentId || r.position !== u.position).toBe(true);
      }
    }
  });
});
