import { describe, expect, it } from "vitest";
import { CHARTS, durationSeries, isChartSlug, quarterSummary, stackRows, type TrendsData } from "./charts";
import { parseTrendsQuery, trendsPeriod } from "./period";

const MIN = 60_000;
const data = (over: Partial<TrendsData> = {}): TrendsData => ({
  period: trendsPeriod(parseTrendsQuery(new URLSearchParams("from=2026-01&to=2026-03")), new Date("2026-03-10T00:00:00Z")),
  coeCount: 0,
  bySeverity: [],
  durations: [],
  quarters: { current: "2026-Q1", previous: "2025-Q4", rows: [] },
  actionItems: [],
  slip: [],
  categories: [],
  rcas: [],
  ...over,
});

describe("aggregation helpers", () => {
  it("fills every month and key with zeros where the database returned no row, and ignores strays", () => {
    const rows = stackRows(
      ["2026-01", "2026-02"],
      [1, 2],
      [
        { x: "2026-02", key: 2, n: 3 },
        { x: "2026-02", key: 1, n: 1 },
        { x: "2025-12", key: 1, n: 9 },
      ],
    );
    expect(rows).toEqual([
      { x: "2026-01", values: { 1: 0, 2: 0 }, total: 0 },
      { x: "2026-02", values: { 1: 1, 2: 3 }, total: 4 },
    ]);
  });
  it("gives a duration series a point per month, empty where nothing was measured", () => {
    const d = data({ durations: [{ month: "2026-02", metric: "ttd", n: 2, median: 5 * MIN, p90: 9 * MIN }] });
    expect(durationSeries(d, "ttd").map((r) => [r.month, r.median])).toEqual([
      ["2026-01", null],
      ["2026-02", 5 * MIN],
      ["2026-03", null],
    ]);
    expect(CHARTS["time-to-detect-mitigate"].table(d).rows[1]).toEqual(["2026-02", "Time to detect", 2, 5, 9]);
  });
  it("says this quarter's median against last quarter's", () => {
    const d = data({ quarters: { current: "2026-Q1", previous: "2025-Q4", rows: [{ quarter: "2025-Q4", metric: "ttd", n: 1, median: 65 * MIN }] } });
    expect(quarterSummary(d, "ttd")).toBe("Median time to detect: no measured COEs this quarter (2026-Q1, 0 COEs) vs 1 h 05 min last quarter (2025-Q4, 1 COE)");
  });
  it("knows its charts by slug, and nothing else", () => {
    expect(isChartSlug("slip")).toBe(true);
    expect(isChartSlug("constructor")).toBe(false);
  });
});
