import { describe, expect, it } from "vitest";
import { customerRcaDue, impactStart, impactStartMs } from "./customer-rca";
import { incidentMetrics } from "./incident-metrics";

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
    expect(
      impactStartMs(null, [
        { kind: "impact_start", atMs: 5 },
        { kind: "impact_start", atMs: 3 },
        { kind: "detected", atMs: 1 },
      ]),
    ).toBe(3);
    expect(impactStartMs(null, [])).toBeUndefined();
  });
  it("agrees with the metrics: the due date and the durations start from the same instant", () => {
    const timeline = [
      { kind: "impact_start" as const, atMs: start + 3_600_000 },
      { kind: "detected" as const, atMs: start + 7_200_000 },
    ];
    for (const given of [null, "2026-11-01T10:00:00Z"]) {
      const metrics = incidentMetrics(timeline, given);
      expect(metrics.impactStart?.ms).toBe(impactStartMs(given, timeline));
      expect(metrics.timeToDetect.ms).toBe(start + 7_200_000 - impactStartMs(given, timeline)!);
    }
    expect(impactStart("not a date", timeline)).toEqual({ ms: start + 3_600_000, source: "timeline", timelineMs: start + 3_600_000 });
  });
});
