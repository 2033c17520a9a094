import { describe, expect, it } from "vitest";
import { coeListSearch, parseCoeListQuery } from "./list-query";

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
