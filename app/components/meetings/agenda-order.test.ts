import { describe, expect, it } from "vitest";
import { moveTo } from "~/domain/meetings/agenda";
import { agendaOf, arrange, dropIndex, dropIndicator, orderKey, shownOrder, withLocalMove } from "./agenda-order";

const rows = (...ids: number[]) => ids.map((coeId) => ({ coeId, presented: coeId % 2 === 0, title: `COE ${coeId}` }));

describe("the order the list shows", () => {
  it("keeps only what the domain's operations need, and keys the order", () => {
    expect(agendaOf(rows(1, 2))).toEqual([
      { coeId: 1, presented: false },
      { coeId: 2, presented: true },
    ]);
    expect(orderKey(agendaOf(rows(3, 1, 2)))).toBe("3,1,2");
    expect(orderKey([])).toBe("");
  });

  it("arranges the rows in the agenda's order, with the rows' own data", () => {
    const items = rows(1, 2, 3);
    const arranged = arrange(items, moveTo(agendaOf(items), 3, 0));
    expect(arranged.map((r) => r.coeId)).toEqual([3, 1, 2]);
    expect(arranged[0]).toBe(items[2]);
  });

  it("leaves out rows that are gone and puts rows it does not know yet last", () => {
    expect(arrange(rows(2, 4, 5), agendaOf(rows(3, 2, 1, 4))).map((r) => r.coeId)).toEqual([2, 4, 5]);
    expect(arrange(rows(1, 2, 3), agendaOf(rows(3))).map((r) => r.coeId)).toEqual([3, 1, 2]);
    expect(arrange([], agendaOf(rows(1)))).toEqual([]);
  });
});

describe("moves on their way to the server", () => {
  const s0 = agendaOf(rows(1, 2, 3, 4));
  const key = (a: readonly { coeId: number }[]) => a.map((i) => i.coeId).join(",");

  it("shows the server's order when nothing was moved here", () => {
    expect(shownOrder(s0, null)).toBe(s0);
  });

  it("shows a move at once and holds it while the server still has the old order (rows rebuilt or not)", () => {
    const moved = moveTo(s0, 4, 0);
    const local = withLocalMove(s0, null, moved);
    expect(shownOrder(s0, local)).toBe(moved);
    expect(shownOrder(agendaOf(rows(1, 2, 3, 4)), local)).toBe(moved);
  });

  it("does not undo later moves while the server catches up with earlier ones, one response at a time", () => {
    let local = null as ReturnType<typeof withLocalMove> | null;
    const steps = [s0];
    for (const [coeId, to] of [
      [4, 2],
      [4, 1],
      [4, 0],
    ] as const) {
      const next = moveTo(shownOrder(s0, local), coeId, to);
      local = withLocalMove(s0, local, next);
      steps.push(next);
    }
    expect(key(shownOrder(s0, local))).toBe("4,1,2,3");
    // The server's answers arrive: each an order passed through on the way, until the last.
    expect(key(shownOrder(steps[1]!, local))).toBe("4,1,2,3");
    expect(key(shownOrder(steps[2]!, local))).toBe("4,1,2,3");
    expect(shownOrder(steps[3]!, local)).toBe(steps[3]);
  });

  it("shows the server's order when it holds something else: someone else's move, a COE added or removed", () => {
    const local = withLocalMove(s0, null, moveTo(s0, 4, 0));
    for (const other of [agendaOf(rows(2, 1, 3, 4)), agendaOf(rows(1, 2, 3)), agendaOf(rows(1, 2, 3, 4, 5))]) {
      expect(shownOrder(other, local)).toBe(other);
    }
  });

  it("starts afresh from the server's order once it has caught up or moved elsewhere", () => {
    const first = withLocalMove(s0, null, moveTo(s0, 4, 0));
    const s1 = agendaOf(rows(4, 1, 2, 3));
    const second = withLocalMove(s1, first, moveTo(s1, 1, 3));
    expect(second.path).toEqual(["4,1,2,3", "4,2,3,1"]);
    // the old order is no longer one the server is "catching up" from
    expect(shownOrder(s0, second)).toBe(s0);
    const elsewhere = agendaOf(rows(3, 2, 1, 4));
    expect(withLocalMove(elsewhere, first, moveTo(elsewhere, 4, 0)).path).toEqual(["3,2,1,4", "4,3,2,1"]);
  });
});

describe("dragging", () => {
  // Five rows 40 px high: middles at 20, 60, 100, 140, 180.
  const middles = [20, 60, 100, 140, 180];

  it.each([
    [0, 20, 0],
    [0, 59, 0],
    [0, 61, 1],
    [0, 179, 3],
    [0, 500, 4],
    [4, 180, 4],
    [4, 101, 3],
    [4, 99, 2],
    [4, -50, 0],
    [2, 100, 2],
    [2, 61, 2],
    [2, 59, 1],
    [2, 141, 3],
  ])("dragged from %i with its middle at %i, lands at %i", (from, middle, expected) => {
    expect(dropIndex(middles, from, middle)).toBe(expected);
  });

  it("lands where moveTo then puts it", () => {
    const agenda = agendaOf(rows(1, 2, 3, 4, 5));
    const to = dropIndex(middles, 1, 150);
    expect(moveTo(agenda, 2, to).map((i) => i.coeId)).toEqual([1, 3, 4, 2, 5]);
  });

  it("draws the drop line before the row it displaces going up, after it going down, and not at all in place", () => {
    expect(dropIndicator(3, 1)).toEqual({ index: 1, edge: "before" });
    expect(dropIndicator(1, 3)).toEqual({ index: 3, edge: "after" });
    expect(dropIndicator(2, 2)).toBeUndefined();
  });
});
