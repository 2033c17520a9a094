import { describe, expect, it } from "vitest";
import { formatSlip, percentile, slipFigures, slipLevel, slipOf, type FigureInput } from "./slip";

const item = (over: Partial<FigureInput> = {}): FigureInput => ({
  status: "open",
  createdDay: "2026-11-01",
  originalPromisedDate: "2026-11-10",
  validatedDay: null,
  rePromises: 0,
  ...over,
});

describe("slipOf", () => {
  it("is elapsed over promised days, counted inclusively, today while open", () => {
    expect(slipOf(item(), "2026-11-10")).toBe(1);
    expect(slipOf(item(), "2026-11-20")).toBe(2);
    expect(slipOf(item(), "2026-11-05")).toBe(0.5);
  });
  it("uses the validation day once validated, and only then (implemented is not done)", () => {
    expect(slipOf(item({ status: "validated", validatedDay: "2026-11-03" }), "2027-01-01")).toBeCloseTo(0.3);
    expect(slipOf(item({ status: "implemented", validatedDay: null }), "2026-11-20")).toBe(2);
  });
  it("handles zero-length promises and promises dated before creation without dividing by zero", () => {
    const sameDay = item({ originalPromisedDate: "2026-11-01" });
    expect(slipOf(sameDay, "2026-11-01")).toBe(1);
    expect(slipOf(sameDay, "2026-11-02")).toBe(2);
    expect(slipOf(item({ originalPromisedDate: "2026-10-01" }), "2026-10-03")).toBe(3);
    expect(slipOf(item({ originalPromisedDate: "2026-10-01", status: "validated", validatedDay: "2026-10-01" }), "2026-11-03")).toBe(1);
    expect(slipOf(item({ status: "validated", validatedDay: "2026-10-30" }), "2026-11-05")).toBeGreaterThan(0);
  });
  it("is undefined for cancelled items and items never promised", () => {
    expect(slipOf(item({ status: "cancelled" }), "2026-12-01")).toBeUndefined();
    expect(slipOf(item({ originalPromisedDate: null }), "2026-12-01")).toBeUndefined();
  });
});

describe("slipLevel and formatSlip", () => {
  it.each([
    [1, "fine"],
    [1.2, "fine"],
    [1.21, "warning"],
    [2, "warning"],
    [2.01, "late"],
    [20, "late"],
  ] as const)("%s is %s", (slip, level) => expect(slipLevel(slip)).toBe(level));
  it("formats", () => {
    expect([0.01, 0.333, 1, 1.25, 12.6].map(formatSlip)).toEqual(["<0.1×", "0.3×", "1.0×", "1.3×", "13×"]);
  });
});

describe("percentile (nearest rank)", () => {
  it("picks ranks", () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect([percentile(v, 50), percentile(v, 90), percentile(v, 100), percentile([], 50), percentile([7], 90)]).toEqual([5, 9, 10, undefined, 7]);
  });
});

describe("slipFigures", () => {
  const today = "2026-11-20";
  it("gives median, p90, worst, on-promise delivery and re-promises", () => {
    const items = [
      item({ status: "validated", validatedDay: "2026-11-10" }), // 1, kept
      item({ status: "validated", validatedDay: "2026-11-11", rePromises: 1 }), // 1.1, not kept
      item({ status: "open" }), // 2 (today), due, not kept
      item({ status: "open", originalPromisedDate: "2026-12-30" }), // not due
      item({ status: "cancelled", rePromises: 5 }),
      item({ originalPromisedDate: null, rePromises: 1 }),
    ];
    const f = slipFigures(items, today);
    expect(f.measured).toBe(4);
    expect(f.median).toBeCloseTo(1);
    expect(f.worst).toBe(2);
    expect(f.due).toBe(3);
    expect(f.onPromise).toBeCloseTo(1 / 3);
    expect(f.rePromisesPerItem).toBeCloseTo(2 / 5);
  });
  it("is empty for no items", () => {
    expect(slipFigures([], today)).toEqual({
      measured: 0,
      median: undefined,
      p90: undefined,
      worst: undefined,
      onPromise: undefined,
      due: 0,
      rePromisesPerItem: undefined,
    });
  });
});
