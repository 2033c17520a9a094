import { describe, expect, it } from "vitest";
import { mulberry32 } from "../random";
import { carryOver, markPresented, moveAnnouncement, moveBy, moveTo, notYetPresented, queue, remove, spin, type Agenda } from "./agenda";

const agendaOf = (...ids: number[]): Agenda => ids.map((coeId) => ({ coeId, presented: false }));
const ids = (a: Agenda) => a.map((i) => i.coeId);

describe("queue and remove", () => {
  it("adds a COE at the end once, however often it enters review", () => {
    const a = queue(queue(agendaOf(1, 2), 3), 3);
    expect(ids(a)).toEqual([1, 2, 3]);
    const same = agendaOf(1, 2);
    expect(queue(same, 2)).toBe(same);
  });

  it("removes only that COE, and leaves the list as it was when it is not there", () => {
    const a = agendaOf(1, 2, 3);
    expect(ids(remove(a, 2))).toEqual([1, 3]);
    expect(remove(a, 9)).toBe(a);
  });
});

describe("reordering", () => {
  const a = agendaOf(1, 2, 3, 4);

  it.each([
    [1, 2, [2, 3, 1, 4]],
    [4, 0, [4, 1, 2, 3]],
    [2, 3, [1, 3, 4, 2]],
    [3, 99, [1, 2, 4, 3]],
    [3, -5, [3, 1, 2, 4]],
  ])("moves COE %i to index %i as a drop does", (coeId, to, expected) => {
    expect(ids(moveTo(a, coeId, to))).toEqual(expected);
    expect(ids(a)).toEqual([1, 2, 3, 4]); // never mutated
  });

  it("moves one step by keyboard, and not past either end", () => {
    expect(ids(moveBy(a, 3, -1))).toEqual([1, 3, 2, 4]);
    expect(ids(moveBy(a, 3, 1))).toEqual([1, 2, 4, 3]);
    expect(moveBy(a, 1, -1)).toBe(a);
    expect(moveBy(a, 4, 1)).toBe(a);
    expect(moveBy(a, 9, 1)).toBe(a);
  });

  it("announces where the item is now, or that it stayed", () => {
    const moved = moveBy(a, 3, -1);
    expect(moveAnnouncement(a, moved, 3, "DNS failover")).toBe("DNS failover moved to position 2 of 4.");
    expect(moveAnnouncement(a, moveBy(a, 1, -1), 1, "CDN push")).toBe("CDN push stays at position 1 of 4.");
    expect(moveAnnouncement(a, a, 9, "Gone")).toBe("Gone is not on the agenda.");
  });
});

describe("the wheel", () => {
  it("picks only among the COEs not yet presented", () => {
    const a = markPresented(markPresented(agendaOf(1, 2, 3, 4), 2), 4);
    expect(notYetPresented(a)).toEqual([1, 3]);
    expect(spin(notYetPresented(a), () => 0)).toBe(1);
    expect(spin(notYetPresented(a), () => 0.999)).toBe(3);
    expect(spin([], () => 0.5)).toBeUndefined();
  });

  it("is uniform for a seeded source, and replays the same picks for the same seed", () => {
    const counts = new Map<string, number>();
    const random = mulberry32(42);
    for (let i = 0; i < 6000; i++) {
      const team = spin(["payments", "storage", "identity"], random)!;
      counts.set(team, (counts.get(team) ?? 0) + 1);
    }
    for (const n of counts.values()) expect(Math.abs(n - 2000)).toBeLessThan(150);
    const replay = (seed: number) =>
      Array.from(
        { length: 5 },
        (
          (r) => () =>
            spin([1, 2, 3, 4, 5], r)
        )(mulberry32(seed)),
      );
    expect(replay(7)).toEqual(replay(7));
  });

  it("refuses a random source outside [0, 1) rather than picking past the end", () => {
    expect(() => spin([1, 2], () => 1)).toThrow(RangeError);
    expect(() => spin([1, 2], () => Number.NaN)).toThrow(RangeError);
  });
});

describe("carry-over", () => {
  it("puts what was not presented first on the next agenda, in its order, without duplicates", () => {
    const ended = markPresented(agendaOf(5, 6, 7, 8), 6);
    const next = agendaOf(9, 7);
    expect(ids(carryOver(ended, next))).toEqual([5, 8, 9, 7]);
    expect(carryOver(ended, next).every((i) => !i.presented)).toBe(true);
  });

  it("carries nothing when everything was presented", () => {
    const ended = markPresented(agendaOf(1), 1);
    expect(ids(carryOver(ended, agendaOf(2)))).toEqual([2]);
  });

  it("marks presented once; marking again or an absent COE changes nothing", () => {
    const once = markPresented(agendaOf(1, 2), 1);
    expect(markPresented(once, 1)).toBe(once);
    expect(markPresented(once, 9)).toBe(once);
  });
});
