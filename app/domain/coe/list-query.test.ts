import { describe, expect, it } from "vitest";
import { coeListSearch, openedBetween, parseCoeListQuery } from "./list-query";

describe("parseCoeListQuery", () => {
  it("reads filters, sort and page", () => {
    expect(parseCoeListQuery(new URLSearchParams("status=in_review&team=2&severity=1&sort=severity&page=3"))).toEqual({
      status: "in_review",
      team: 2,
      severity: 1,
      sort: "severity",
      page: 3,
    });
  });
  it("falls back to no filter for blank or bad values", () => {
    expect(parseCoeListQuery(new URLSearchParams("status=nope&team=&severity=9&sort=x&page=-1"))).toEqual({
      status: undefined,
      team: undefined,
      severity: undefined,
      sort: "updated",
      page: 1,
    });
  });
  it("round-trips through the search string", () => {
    const q = parseCoeListQuery(new URLSearchParams("status=draft&sort=title&page=2"));
    expect(coeListSearch(q)).toBe("?status=draft&sort=title&page=2");
    expect(coeListSearch({ sort: "updated", page: 1 })).toBe("");
  });
});

describe("the month range and service filters (the trends page's links)", () => {
  it("reads months and a service, drops malformed ones, and writes them back", () => {
    const q = parseCoeListQuery(new URLSearchParams("service=4&from=2026-03&to=2026-03"));
    expect([q.service, q.from, q.to]).toEqual([4, "2026-03", "2026-03"]);
    expect(coeListSearch(q)).toBe("?service=4&from=2026-03&to=2026-03");
    const bad = parseCoeListQuery(new URLSearchParams("service=x&from=2026-13&to=March"));
    expect([bad.service, bad.from, bad.to]).toEqual([undefined, undefined, undefined]);
  });
  it("reads a root-cause category and a customer RCA state, drops malformed ones, and writes them back", () => {
    const q = parseCoeListQuery(new URLSearchParams("category=7&rca=late&from=2026-03&to=2026-03"));
    expect([q.category, q.rca]).toEqual([7, "late"]);
    expect(coeListSearch(q)).toBe("?category=7&rca=late&from=2026-03&to=2026-03");
    const bad = parseCoeListQuery(new URLSearchParams("category=-1&rca=overdue"));
    expect([bad.category, bad.rca]).toEqual([undefined, undefined]);
  });
  it("reads an action item's horizon and state, drops malformed ones, and writes them back", () => {
    const q = parseCoeListQuery(new URLSearchParams("horizon=short&item=in_progress"));
    expect([q.horizon, q.item]).toEqual(["short", "in_progress"]);
    expect(coeListSearch(q)).toBe("?horizon=short&item=in_progress");
    const bad = parseCoeListQuery(new URLSearchParams("horizon=soon&item=done"));
    expect([bad.horizon, bad.item]).toEqual([undefined, undefined]);
  });
  it("covers whole UTC months, the end exclusive; either end may be open", () => {
    const iso = (ms?: number) => (ms === undefined ? undefined : new Date(ms).toISOString());
    const both = openedBetween({ from: "2025-12", to: "2026-01" });
    expect([iso(both.fromMs), iso(both.toMs)]).toEqual(["2025-12-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z"]);
    expect(openedBetween({ to: "2026-12" })).toEqual({ fromMs: undefined, toMs: Date.UTC(2027, 0, 1) });
  });
});
