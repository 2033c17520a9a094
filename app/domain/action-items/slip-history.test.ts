import { describe, expect, it } from "vitest";
import { mulberry32 } from "../random";
import { addDays } from "../calendar-date";
import { slipFigures } from "./slip";
import {
  describeChange,
  figureChanges,
  itemAsOf,
  readStoredFigures,
  rePromisesOf,
  slipFiguresAsOf,
  toStoredFigures,
  type ItemWithHistory,
} from "./slip-history";

const item = (over: Partial<ItemWithHistory> = {}): ItemWithHistory => ({
  status: "open",
  createdDay: "2026-11-01",
  originalPromisedDate: "2026-11-10",
  validatedDay: null,
  promiseChanges: [{ day: "2026-11-01", isRePromise: false }],
  ...over,
});

describe("an item as it stood on a past day", () => {
  it("did not exist before it was created", () => {
    expect(itemAsOf(item(), "2026-10-31")).toBeUndefined();
    expect(itemAsOf(item(), "2026-11-01")).toMatchObject({ status: "open", createdDay: "2026-11-01" });
  });

  it("was still open before the day it was validated, and validated from that day", () => {
    const done = item({ status: "validated", validatedDay: "2026-11-12" });
    expect(itemAsOf(done, "2026-11-11")).toMatchObject({ status: "open", validatedDay: null });
    expect(itemAsOf(done, "2026-11-12")).toMatchObject({ status: "validated", validatedDay: "2026-11-12" });
    // Implemented is not done: as of any day it counts as open.
    expect(itemAsOf(item({ status: "implemented" }), "2026-11-05")!.status).toBe("open");
  });

  it("counts only the re-promises made by then", () => {
    const moved = item({
      promiseChanges: [
        { day: "2026-11-01", isRePromise: false },
        { day: "2026-11-08", isRePromise: true },
        { day: "2026-11-20", isRePromise: true },
      ],
    });
    expect(itemAsOf(moved, "2026-11-07")!.rePromises).toBe(0);
    expect(itemAsOf(moved, "2026-11-08")!.rePromises).toBe(1);
    expect(itemAsOf(moved, "2026-12-01")!.rePromises).toBe(2);
    expect(rePromisesOf(moved.promiseChanges)).toBe(2);
  });

  it("had no promise before its first promise was logged; without a log, its promise dates from its creation", () => {
    const promisedLater = item({ promiseChanges: [{ day: "2026-11-04", isRePromise: false }] });
    expect(itemAsOf(promisedLater, "2026-11-03")!.originalPromisedDate).toBeNull();
    expect(itemAsOf(promisedLater, "2026-11-04")!.originalPromisedDate).toBe("2026-11-10");
    expect(itemAsOf(item({ promiseChanges: [] }), "2026-11-01")!.originalPromisedDate).toBe("2026-11-10");
  });

  it("stays cancelled (left out of slip either way)", () => {
    expect(itemAsOf(item({ status: "cancelled" }), "2026-11-05")!.status).toBe("cancelled");
  });
});

describe("slipFiguresAsOf", () => {
  it("measures each item as it stood that day", () => {
    const items = [
      item(), // open, promised 10 Nov
      item({ status: "validated", validatedDay: "2026-11-15", promiseChanges: [] }), // validated late, after the day
      item({ createdDay: "2026-11-25" }), // did not exist yet
      item({
        promiseChanges: [
          { day: "2026-11-01", isRePromise: false },
          { day: "2026-11-12", isRePromise: true },
        ],
      }),
    ];
    const then = slipFiguresAsOf(items, "2026-11-14");
    // Three items existed, all open; each 14 days into a 10-day promise: slip 1.4.
    expect(then).toMatchObject({ measured: 3, median: 1.4, worst: 1.4, due: 3, onPromise: 0 });
    expect(then.rePromisesPerItem).toBeCloseTo(1 / 3);
  });

  it("as of today is the figures of today, for any set of items whose history is all in the past", () => {
    const random = mulberry32(12);
    const today = "2026-12-31";
    for (let run = 0; run < 50; run += 1) {
      const items = Array.from({ length: 1 + Math.floor(random() * 12) }, () => {
        const createdDay = addDays("2026-01-01", Math.floor(random() * 300));
        const status = (["open", "in_progress", "implemented", "validated", "cancelled"] as const)[Math.floor(random() * 5)]!;
        const moves = Math.floor(random() * 3);
        return item({
          status,
          createdDay,
          originalPromisedDate: random() < 0.1 ? null : addDays(createdDay, Math.floor(random() * 60)),
          validatedDay: status === "validated" ? addDays(createdDay, Math.floor(random() * 60)) : null,
          promiseChanges: [
            { day: createdDay, isRePromise: false },
            ...Array.from({ length: moves }, (_, i) => ({ day: addDays(createdDay, i + 1), isRePromise: true })),
          ],
        });
      });
      const now = slipFigures(
        items.map((i) => ({ ...i, rePromises: rePromisesOf(i.promiseChanges) })),
        today,
      );
      expect(slipFiguresAsOf(items, today)).toEqual(now);
    }
  });
});

describe("how figures moved", () => {
  const before = { median: 1.6, p90: 2, worst: 4, onPromise: 0.5, rePromisesPerItem: 0.4 };

  it("says better or worse for each figure, lower slip and re-promises and higher on-promise delivery being better", () => {
    const changes = figureChanges(before, { median: 1.3, p90: 2.6, worst: 4, onPromise: 0.75, rePromisesPerItem: 0.4 });
    expect(changes.map((c) => [c.figure, c.trend, c.direction])).toEqual([
      ["median", "better", "down"],
      ["p90", "worse", "up"],
      ["worst", "same", "flat"],
      ["onPromise", "better", "up"],
      ["rePromisesPerItem", "same", "flat"],
    ]);
    expect(changes.map(describeChange)).toEqual(["↓ better (was 1.6×)", "↑ worse (was 2.0×)", "no change", "↑ better (was 50%)", "no change"]);
  });

  it("calls a change too small to show no change, so the words agree with the figures", () => {
    const [median, , , onPromise] = figureChanges({ median: 1.31, onPromise: 0.501 }, { median: 1.34, onPromise: 0.504 });
    expect(median!.trend).toBe("same");
    expect(onPromise!.trend).toBe("same");
    expect(figureChanges({ onPromise: 0.5 }, { onPromise: 0.4 })[3]).toMatchObject({ trend: "worse", direction: "down" });
  });

  it("has nothing to compare when a figure is missing on either side", () => {
    const [median, p90] = figureChanges({ p90: 2 }, { median: 1.2 });
    expect(median).toMatchObject({ trend: "none" });
    expect(describeChange(median!)).toBe("no figure then");
    expect(describeChange(p90!)).toBe("none now (was 2.0×)");
  });
});

describe("stored figures", () => {
  it("keep what they hold through JSON, and the day they were taken", () => {
    const figures = slipFigures([{ ...item(), rePromises: 1 }], "2026-11-20");
    const stored = toStoredFigures(figures, "2026-11-20");
    expect(readStoredFigures(JSON.parse(JSON.stringify(stored)))).toEqual({ asOf: "2026-11-20", ...figures });
    const empty = toStoredFigures(slipFigures([], "2026-11-20"), "2026-11-20");
    expect(Object.keys(empty).sort()).toEqual(["asOf", "due", "measured"]);
    expect(readStoredFigures(JSON.parse(JSON.stringify(empty)))).toEqual({ asOf: "2026-11-20", measured: 0, due: 0 });
  });

  it("read back as undefined when the row holds something else", () => {
    expect(readStoredFigures(null)).toBeUndefined();
    expect(readStoredFigures({ median: "1.2" })).toBeUndefined();
  });
});
