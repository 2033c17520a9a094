import { describe, expect, it } from "vitest";
import { customerRcaDue, impactStartMs } from "./customer-rca";

describe("customer RCA due date", () => {
  const start = Date.parse("2026-11-01T10:00:00Z");
  it("is due 7 days after impact start and late only if unwritten past it", () => {
    const due = Date.parse("2026-11-08T10:00:00Z");
    expect(customerRcaDue({ impactStartedMs: start, now: due - 1, isWritten: false })).toEqual({ dueMs: due, isLate: false });
    expect(customerRcaDue({ impactStartedMs: start, now: due + 1, isWritten: false })).toEqual({ dueMs: due, isLate: true });
    expect(customerRcaDue({ impactStartedMs: start, now: due + 1, isWritten: true })).toEqual({ dueMs: due, isLate: false });
    expect(customerRcaDue({ impactStartedMs: undefined, now: due, isWritten: false })).toEqual({ dueMs: null, isLate: false });
  });
  it("takes impact start from the figures, else the first impact_start entry", () => {
    expect(impactStartMs("2026-11-01T10:00:00Z", [])).toBe(start);
    expect(impactStartMs(null, [{ kind: "impact_start", atMs: 5 }, { kind: "impact_start", atMs: 3 }, { kind: "detected", atMs: 1 }])).toBe(3);
    expect(impactStartMs(null, [])).toBeUndefined();
  });
});
