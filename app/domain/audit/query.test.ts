import { describe, expect, it } from "vitest";
import { auditFiltersOf, auditSearch, dayStart, parseAuditQuery } from "./query";

const choices = { actorIds: new Set([3, 7]), actions: new Set(["coe.header", "POST /coes/:id/edit", "user.sign_in"]) };
const parse = (search: string) => parseAuditQuery(new URLSearchParams(search), choices);

describe("parseAuditQuery", () => {
  it("reads every filter", () => {
    const r = parse("who=7&what=POST+%2Fcoes%2F%3Aid%2Fedit&coe=12&outcome=refused&from=2025-01-01&to=2025-01-31&before=900");
    expect(r).toMatchObject({
      ok: true,
      query: { who: 7, what: "POST /coes/:id/edit", coe: 12, outcome: "refused", from: "2025-01-01", to: "2025-01-31", before: 900 },
    });
  });

  it("treats blank fields (an untouched GET form) as no filter", () => {
    expect(parse("who=&what=&coe=&outcome=&from=&to=")).toEqual({ ok: true, query: {}, values: {} });
    expect(parse("coe=+12+")).toMatchObject({ ok: true, query: { coe: 12 } });
  });

  it('"who=none" asks for events with no one signed in', () => {
    expect(parse("who=none")).toMatchObject({ ok: true, query: { who: "none" } });
    expect(auditFiltersOf({ who: "none" })).toEqual({ actorId: null });
  });

  it("names each field it cannot use, and keeps what was typed", () => {
    const r = parse("who=99&what=DROP+TABLE&coe=abc&outcome=maybe&from=2025-02-30&to=yesterday&before=-1");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(["before", "coe", "from", "outcome", "to", "what", "who"]);
    expect(r.errors.coe).toMatch(/COE number/);
    expect(r.errors.from).toBe("“2025-02-30” is not a date; use one like 2025-01-31");
    expect(r.values).toMatchObject({ coe: "abc", from: "2025-02-30", to: "yesterday" });
  });

  it.each(["1e3", "0x10", "0", "-4", "1.5", "12abc", "9".repeat(16), " ", "١٢"])("refuses the COE number %j unless it is plain digits", (coe) => {
    const r = parse(`coe=${encodeURIComponent(coe)}`);
    if (coe.trim() === "") expect(r.ok).toBe(true);
    else expect(r).toMatchObject({ ok: false, errors: { coe: expect.any(String) } });
  });

  it.each(["2025-13-01", "0000-00-00", "99999-01-01", "2025-1-1", "1969-12-31", "2025-02-29", "2025-01-01T00:00", "01/02/2025"])(
    "refuses the date %j",
    (day) => {
      expect(parse(`from=${encodeURIComponent(day)}`)).toMatchObject({ ok: false, errors: { from: expect.any(String) } });
    },
  );

  it("refuses a range that ends before it starts, on the “to” field", () => {
    expect(parse("from=2025-03-02&to=2025-03-01")).toMatchObject({ ok: false, errors: { to: expect.stringMatching(/on or after/) } });
    expect(parse("from=2025-03-02&to=2025-03-02").ok).toBe(true);
  });

  it("caps what it echoes back", () => {
    const r = parse(`coe=${"x".repeat(5000)}`);
    expect(r.values.coe).toHaveLength(200);
  });

  it("ignores keys it does not know", () => {
    expect(parse("page=3&sort=x")).toEqual({ ok: true, query: {}, values: {} });
  });
});

describe("auditFiltersOf", () => {
  it("turns UTC days into a half-open range that includes the whole of the last day", () => {
    expect(auditFiltersOf({ from: "2025-01-01", to: "2025-01-31" })).toEqual({
      since: new Date("2025-01-01T00:00:00Z"),
      until: new Date("2025-02-01T00:00:00Z"),
    });
  });
  it("passes the rest through", () => {
    expect(auditFiltersOf({ who: 3, what: "coe.header", coe: 4, outcome: "done", before: 10 })).toEqual({
      actorId: 3,
      action: "coe.header",
      coeId: 4,
      outcome: "done",
      before: 10,
    });
  });
});

describe("auditSearch", () => {
  it("writes the filters in a fixed order and leaves blanks out", () => {
    expect(auditSearch({ before: 40, outcome: "refused", coe: 12 })).toBe("?coe=12&outcome=refused&before=40");
    expect(auditSearch({})).toBe("");
  });
  it("round-trips through parseAuditQuery", () => {
    const query = { who: 3, what: "POST /coes/:id/edit", coe: 12, outcome: "refused" as const, from: "2025-01-01", to: "2025-01-02", before: 5 };
    expect(parse(auditSearch(query).slice(1))).toMatchObject({ ok: true, query });
  });
});

describe("dayStart", () => {
  it("is midnight UTC of real days only", () => {
    expect(dayStart("2024-02-29")).toEqual(new Date("2024-02-29T00:00:00Z"));
    expect(dayStart("2023-02-29")).toBeUndefined();
  });
});
