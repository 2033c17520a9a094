import { describe, expect, it } from "vitest";
import { bandScale, linearScale, tickStep } from "./scales";

describe("chart scales", () => {
  it("steps ticks by 1, 2 or 5 × 10ⁿ", () => {
    expect([tickStep(10, 4), tickStep(37, 4), tickStep(1000, 4), tickStep(0.3, 4), tickStep(0, 4)]).toEqual([2, 10, 200, 0.1, 1]);
  });
  it("maps 0 to the bottom and a nice maximum to the top", () => {
    const y = linearScale(37, [200, 0]);
    expect(y.ticks).toEqual([0, 10, 20, 30, 40]);
    expect([y(0), y(20), y(40), y(-3)]).toEqual([200, 100, 0, 200]);
  });
  it("keeps count ticks whole, and draws an empty chart", () => {
    expect(linearScale(3, [100, 0], 4, true).ticks).toEqual([0, 1, 2, 3]);
    expect(linearScale(0, [100, 0], 4, true).ticks).toEqual([0, 1]);
  });
  it("splits a range into padded bands", () => {
    const x = bandScale(["a", "b", "c", "d"], [0, 400], 0.2);
    expect([x("a"), x("b"), x("d"), x.bandwidth]).toEqual([10, 110, 310, 80]);
    expect(bandScale([], [0, 100]).bandwidth).toBe(0);
  });
});
