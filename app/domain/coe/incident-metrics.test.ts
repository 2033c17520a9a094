import { describe, expect, it } from "vitest";
import { formatDuration, incidentMetrics, type TimelineInstant } from "./incident-metrics";

const t = (iso: string) => Date.parse(iso);
const entry = (kind: TimelineInstant["kind"], iso: string): TimelineInstant => ({ kind, atMs: t(iso) });

describe("incidentMetrics", () => {
  const full = [
    entry("impact_start", "2019-07-02T13:42:00Z"),
    entry("detected", "2019-07-02T13:50:00Z"),
    entry("engaged", "2019-07-02T13:55:00Z"),
    entry("mitigated", "2019-07-02T14:10:00Z"),
    entry("mitigated", "2019-07-02T14:27:00Z"),
    entry("communication", "2019-07-02T14:30:00Z"),
    entry("resolved", "2019-07-02T16:00:00Z"),
  ];

  it("measures every duration from its anchors", () => {
    const m = incidentMetrics(full);
    expect(m.timeToDetect.ms).toBe(8 * 60_000);
    expect(m.timeToEngage.ms).toBe(5 * 60_000);
    expect(m.timeToResolve.ms).toBe(138 * 60_000);
    expect(m.timeToFirstCommunication.ms).toBe(48 * 60_000);
  });

  it("uses the last mitigated entry (staged mitigation) and the first of the others", () => {
    const m = incidentMetrics([...full, entry("detected", "2019-07-02T15:00:00Z"), entry("impact_start", "2019-07-02T15:00:00Z")]);
    expect(m.timeToMitigate.ms).toBe(45 * 60_000);
    expect(m.timeToDetect.ms).toBe(8 * 60_000);
  });

  it("does not depend on the order of the entries", () => {
    expect(incidentMetrics([...full].reverse())).toEqual(incidentMetrics(full));
  });

  it("says which anchor is missing, in the words the page uses (never a stored kind name)", () => {
    const m = incidentMetrics([entry("detected", "2019-07-02T13:50:00Z")]);
    expect(m.timeToDetect).toEqual({ ms: null, missing: "needs the impact start" });
    expect(m.timeToEngage).toEqual({ ms: null, missing: "needs an “Engaged” entry" });
    expect(m.timeToMitigate).toEqual({ ms: null, missing: "needs the impact start and a “Mitigated” entry" });
    expect(incidentMetrics([]).timeToFirstCommunication.missing).toBe("needs the impact start and a “Customer communication” entry");
    for (const metric of Object.values(incidentMetrics([]))) if (metric && "missing" in metric) expect(metric.missing).not.toMatch(/_/);
  });

  it("measures from the same impact start as the customer RCA due date: Customer impact's when given, else the timeline's", () => {
    const fromTimeline = incidentMetrics(full);
    expect(fromTimeline.impactStart).toEqual({ ms: t("2019-07-02T13:42:00Z"), source: "timeline", timelineMs: t("2019-07-02T13:42:00Z") });
    // Customer impact says 13:30: it wins, for every duration measured from impact start.
    const given = incidentMetrics(full, "2019-07-02T15:30:00+02:00");
    expect(given.impactStart).toEqual({ ms: t("2019-07-02T13:30:00Z"), source: "customer-impact", timelineMs: t("2019-07-02T13:42:00Z") });
    expect(given.timeToDetect.ms).toBe(20 * 60_000);
    expect(given.timeToResolve.ms).toBe(150 * 60_000);
    expect(given.timeToEngage).toEqual(fromTimeline.timeToEngage);
    // With no "Impact started" entry, the Customer impact figure alone is enough: no "needs" message.
    const onlyGiven = incidentMetrics(
      full.filter((e) => e.kind !== "impact_start"),
      "2019-07-02T13:30:00Z",
    );
    expect(onlyGiven.timeToDetect).toEqual({ ms: 20 * 60_000 });
    expect(incidentMetrics([]).impactStart).toBeNull();
  });
});

describe("formatDuration", () => {
  it("formats seconds, minutes, hours and days", () => {
    expect(formatDuration(30_000)).toBe("30 s");
    expect(formatDuration(45 * 60_000)).toBe("45 min");
    expect(formatDuration(90_500)).toBe("1 min 31 s");
    expect(formatDuration(65 * 60_000)).toBe("1 h 05 min");
    expect(formatDuration((51 * 60 + 10) * 60_000)).toBe("2 d 3 h");
    expect(formatDuration(-5 * 60_000)).toBe("−5 min");
  });
});
