import { describe, expect, it } from "vitest";
import { ActionItemFormSchema, CustomerImpactFormSchema, TimelineEntryFormSchema } from "./coe/forms";
import { parseCoeDocument } from "./coe/interchange";
import { calendarDateRangeProblem, instantRangeProblem, latestPlausibleMs, plausibleRangeText } from "./plausible-dates";

const now = Date.parse("2026-11-26T12:00:00Z");

describe("plausible dates", () => {
  it("run from 2000-01-01 to ten years after now, both ends included", () => {
    expect(plausibleRangeText(now)).toBe("between 2000-01-01 and 2036-11-26");
    expect(instantRangeProblem(Date.parse("2000-01-01T00:00:00Z"), now)).toBeUndefined();
    expect(instantRangeProblem(latestPlausibleMs(now), now)).toBeUndefined();
    expect(instantRangeProblem(Date.parse("1999-12-31T23:59:59Z"), now)).toBe("Must be between 2000-01-01 and 2036-11-26");
    expect(instantRangeProblem(latestPlausibleMs(now) + 1, now)).toMatch(/^Must be between/);
    expect(instantRangeProblem(Date.parse("9999-12-31T00:00:00Z"), now)).toMatch(/^Must be between/);
    expect(instantRangeProblem(Number.NaN, now)).toBe("Enter a valid date and time");
  });

  it("check calendar dates the same way, and never throw", () => {
    expect(calendarDateRangeProblem("2030-06-30", now)).toBeUndefined();
    expect(calendarDateRangeProblem("2036-11-26", now)).toBeUndefined();
    expect(calendarDateRangeProblem("2036-11-27", now)).toMatch(/^Must be between/);
    expect(calendarDateRangeProblem("1999-12-31", now)).toMatch(/^Must be between/);
    for (const odd of ["99999-01-01", "", "2025-13-01x", "+099999-01-01"]) expect(calendarDateRangeProblem(odd, now)).toBe("Use a date like 2026-12-31");
  });
});

describe("the forms and import refuse implausible dates with a field-level message", () => {
  const errorsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

  it("a timeline entry in the year 9999", () => {
    const r = TimelineEntryFormSchema.safeParse({ local: "9999-01-01T10:00", offset: "+00:00", kind: "resolved", text: "Done" });
    expect(errorsOf(r)).toEqual({ local: expect.stringMatching(/^Must be between 2000-01-01 and \d{4}-\d{2}-\d{2}$/) });
    expect(TimelineEntryFormSchema.safeParse({ local: "2024-01-01T10:00", offset: "+00:00", kind: "resolved", text: "Done" }).success).toBe(true);
  });

  it("impact start and end", () => {
    const r = CustomerImpactFormSchema.safeParse({ startedLocal: "1970-01-01T00:00", endedLocal: "9999-01-01T00:00" });
    expect(errorsOf(r)).toEqual({ startedLocal: expect.stringMatching(/^Must be between/), endedLocal: expect.stringMatching(/^Must be between/) });
  });

  it("a promised date of year 99999 or 9999 is a 400 on promisedDate, not a 500", () => {
    expect(errorsOf(ActionItemFormSchema.safeParse({ title: "t", horizon: "mid", promisedDate: "99999-01-01" }))).toEqual({
      promisedDate: "Use a date like 2026-12-31",
    });
    expect(errorsOf(ActionItemFormSchema.safeParse({ title: "t", horizon: "mid", promisedDate: "9999-01-01" }))).toEqual({
      promisedDate: expect.stringMatching(/^Must be between/),
    });
  });

  it("import applies the same range, by path", () => {
    const r = parseCoeDocument({
      schemaVersion: 1,
      title: "T",
      severity: 3,
      team: "Storage",
      customerImpact: { startedAt: "1990-01-01T00:00:00Z" },
      timeline: [{ at: "9999-01-01T00:00:00Z", kind: "resolved", text: "Done" }],
      actionItems: [{ title: "t", horizon: "mid", promisedDate: "9999-12-31" }],
    });
    expect(r.ok ? [] : r.errors.map((e) => [e.path, e.message.slice(0, 15)])).toEqual([
      ["$.customerImpact.startedAt", "must be between"],
      ["$.timeline[0].at", "must be between"],
      ["$.actionItems[0].promisedDate", "must be between"],
    ]);
  });
});
