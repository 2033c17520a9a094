import { describe, expect, it } from "vitest";
import { horizonWarning } from "./horizon";

describe("horizonWarning", () => {
  const created = "2026-11-01";
  it.each([
    ["short", "2026-11-15", false],
    ["short", "2026-11-16", true],
    ["mid", "2027-06-01", false],
    ["mid", "2026-11-01", false],
    ["long", "2026-11-08", true],
    ["long", "2026-10-20", true],
    ["long", "2026-11-09", false],
  ] as const)("%s promised %s warns: %s", (horizon, date, warns) => {
    expect(horizonWarning(horizon, created, date) !== undefined).toBe(warns);
  });
  it("says nothing without a date and names the days when it warns", () => {
    expect(horizonWarning("short", created, null)).toBeUndefined();
    expect(horizonWarning("short", created, "2026-12-01")).toContain("30 days");
  });
});
