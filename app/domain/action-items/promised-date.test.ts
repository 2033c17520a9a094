import { describe, expect, it } from "vitest";
import { planPromisedDate } from "./promised-date";

describe("planPromisedDate", () => {
  const none = { originalPromisedDate: null, promisedDate: null };
  const promised = { originalPromisedDate: "2026-12-01", promisedDate: "2026-12-01" };

  it("keeps the first promise as the original and logs it", () => {
    expect(planPromisedDate(none, "2026-12-01", undefined)).toEqual({
      ok: true,
      next: promised,
      change: { fromDate: null, toDate: "2026-12-01", reason: "First promise" },
    });
  });
  it("changes nothing when the date is the same", () => {
    expect(planPromisedDate(promised, "2026-12-01", undefined)).toEqual({ ok: true, next: promised });
  });
  it("requires a reason to move a promise and never overwrites the original", () => {
    expect(planPromisedDate(promised, "2027-01-15", " ")).toMatchObject({ ok: false, field: "dateChangeReason" });
    expect(planPromisedDate(promised, "2027-01-15", "vendor delay")).toEqual({
      ok: true,
      next: { originalPromisedDate: "2026-12-01", promisedDate: "2027-01-15" },
      change: { fromDate: "2026-12-01", toDate: "2027-01-15", reason: "vendor delay" },
    });
    expect(planPromisedDate({ originalPromisedDate: "2026-12-01", promisedDate: "2027-01-15" }, null, "re-planning")).toMatchObject({
      ok: true,
      next: { originalPromisedDate: "2026-12-01", promisedDate: null },
    });
  });
  it("clearing a draft date with no promise yet needs no log", () => {
    expect(planPromisedDate(none, null, undefined)).toEqual({ ok: true, next: none });
  });
});
