import { describe, expect, it } from "vitest";
import { offeredChoices, planCategoryAssignment, planMerge, reorderedIds } from "./rules";

const RETIRED = new Date("2026-01-01T00:00:00Z");
const categories = [
  { id: 1, name: "Capacity", retiredAt: null },
  { id: 2, name: "Configuration", retiredAt: null },
  { id: 3, name: "Old process", retiredAt: RETIRED },
];

describe("planMerge", () => {
  it("merges one live category into another, naming both", () => {
    expect(planMerge(categories, 1, 2)).toEqual({ ok: true, sourceName: "Capacity", targetName: "Configuration" });
  });
  it("a retired category may be merged away", () => {
    expect(planMerge(categories, 3, 1)).toMatchObject({ ok: true });
  });
  it("refuses a merge into itself, into a retired category, into nothing, and of a category that is gone", () => {
    expect(planMerge(categories, 1, 1)).toMatchObject({ ok: false, field: "targetId" });
    expect(planMerge(categories, 1, 3)).toMatchObject({ ok: false, field: "targetId", message: expect.stringContaining("retired") });
    expect(planMerge(categories, 1, 99)).toMatchObject({ ok: false, field: "targetId" });
    expect(planMerge(categories, 99, 1)).toMatchObject({ ok: false, field: "sourceId" });
  });
});

describe("offeredChoices", () => {
  it("offers the live categories, and a retired one only to the node that already carries it", () => {
    expect(offeredChoices(categories).map((c) => c.id)).toEqual([1, 2]);
    expect(offeredChoices(categories, [3]).map((c) => c.id)).toEqual([1, 2, 3]);
    expect(offeredChoices(categories, [null]).map((c) => c.id)).toEqual([1, 2]);
  });
});

describe("planCategoryAssignment", () => {
  const rootCause = { isRootCause: true, categoryId: null };
  it("lets a root cause take a live category, and anyone clear theirs", () => {
    expect(planCategoryAssignment(rootCause, 1, categories)).toEqual({ ok: true });
    expect(planCategoryAssignment({ isRootCause: false, categoryId: 2 }, null, categories)).toEqual({ ok: true });
  });
  it("refuses a category on a why that is not a root cause", () => {
    expect(planCategoryAssignment({ isRootCause: false, categoryId: null }, 1, categories)).toMatchObject({ ok: false, field: "categoryId" });
  });
  it("refuses a retired or unknown category, unless the node already carries it", () => {
    expect(planCategoryAssignment(rootCause, 3, categories)).toMatchObject({ ok: false, message: expect.stringContaining("retired") });
    expect(planCategoryAssignment(rootCause, 99, categories)).toMatchObject({ ok: false });
    expect(planCategoryAssignment({ isRootCause: true, categoryId: 3 }, 3, categories)).toEqual({ ok: true });
  });
});

describe("reorderedIds", () => {
  it("swaps a tenet with its neighbour, and does nothing at the edges or for an unknown id", () => {
    expect(reorderedIds([4, 5, 6], 5, "up")).toEqual([5, 4, 6]);
    expect(reorderedIds([4, 5, 6], 5, "down")).toEqual([4, 6, 5]);
    expect(reorderedIds([4, 5, 6], 4, "up")).toBeUndefined();
    expect(reorderedIds([4, 5, 6], 6, "down")).toBeUndefined();
    expect(reorderedIds([4, 5, 6], 7, "up")).toBeUndefined();
  });
});
