import { describe, expect, it } from "vitest";
import {
  addMonths,
  monthLabel,
  monthOf,
  monthsBetween,
  monthTick,
  parseTrendsQuery,
  quarterOf,
  thisAndLastQuarter,
  trendsPeriod,
  trendsSearch,
} from "./period";

const NOW = new Date("2026-11-27T14:00:00Z");
const q = (s: string) => parseTrendsQuery(new URLSearchParams(s));

describe("month bucketing", () => {
  it("reads a month in UTC, whatever the local zone would say", () => {
    expect(monthOf(Date.parse("2026-03-31T23:30:00-02:00"))).toBe("2026-04");
    expect(monthOf(Date.parse("2026-04-01T00:30:00+02:00"))).toBe("2026-03");
  });
  it("steps months across years, both ways", () => {
    expect(addMonths("2025-11", 3)).toBe("2026-02");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(monthsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });
  it("names months and quarters", () => {
    expect(monthLabel("2026-03")).toBe("March 2026");
    expect([monthTick("2026-01"), monthTick("2026-02")]).toEqual(["Jan 26", "Feb"]);
    expect(["2026-01", "2026-03", "2026-04", "2026-12"].map(quarterOf)).toEqual(["2026-Q1", "2026-Q1", "2026-Q2", "2026-Q4"]);
  });
});

describe("trendsPeriod", () => {
  it("shows the last 12 months up to this one by default", () => {
    const p = trendsPeriod(q(""), NOW);
    expect([p.from, p.to, p.months.length]).toEqual(["2025-12", "2026-11", 12]);
    expect([new Date(p.fromMs).toISOString(), new Date(p.toMs).toISOString()]).toEqual(["2025-12-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"]);
  });
  it("takes a month range over the preset, swaps reversed bounds and caps the length", () => {
    expect(trendsPeriod(q("months=3&from=2026-05&to=2026-02"), NOW).months).toEqual(["2026-02", "2026-03", "2026-04", "2026-05"]);
    expect(trendsPeriod(q("from=2026-05"), NOW).to).toBe("2026-11");
    expect(trendsPeriod(q("to=2026-05"), NOW).from).toBe("2025-06");
    expect(trendsPeriod(q("from=2000-01&to=2026-01"), NOW).months).toHaveLength(60);
  });
  it("falls back to no filter on malformed values", () => {
    expect(q("team=abc&severity=9&months=7&from=2026-13&service=-1")).toEqual({ months: "12" });
  });
  it("writes the query back without defaults", () => {
    expect(trendsSearch(q("team=3&months=12&from=2026-01"))).toBe("?team=3&from=2026-01");
    expect(trendsSearch(q(""))).toBe("");
  });
  it("knows this quarter and the last", () => {
    const t = thisAndLastQuarter(new Date("2026-01-10T00:00:00Z"));
    expect([t.current, t.previous]).toEqual(["2026-Q1", "2025-Q4"]);
    expect([new Date(t.fromMs).toISOString().slice(0, 10), new Date(t.toMs).toISOString().slice(0, 10)]).toEqual(["2025-10-01", "2026-04-01"]);
  });
});
