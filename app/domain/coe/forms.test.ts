import { describe, expect, it } from "vitest";
import {
  ActionItemFormSchema,
  DependencyFormSchema,
  fieldErrors,
  HeaderFormSchema,
  LessonFormSchema,
  LessonLinksFormSchema,
  NewDependencyFormSchema,
  TimelineEntryFormSchema,
} from "./forms";

describe("HeaderFormSchema", () => {
  it("parses a header with comma lists", () => {
    const r = HeaderFormSchema.parse({ title: " API errors ", severity: "2", teamId: "3", services: "api, lb, api", tags: "", event: "" });
    expect(r).toEqual({ title: "API errors", severity: 2, teamId: 3, services: ["api", "lb"], tags: [], event: undefined });
  });
  it("reports every bad field", () => {
    const r = HeaderFormSchema.safeParse({ title: " ", severity: "7", teamId: "" });
    expect(r.success).toBe(false);
    expect(Object.keys(fieldErrors(r.error!)).sort()).toEqual(["severity", "teamId", "title"]);
    expect(fieldErrors(r.error!).teamId).toBe("Choose the owning team");
  });
});

describe("TimelineEntryFormSchema", () => {
  it("composes the instant from local time and offset", () => {
    const r = TimelineEntryFormSchema.parse({ local: "2019-07-02T13:42", offset: "-07:00", kind: "detected", text: "Alarm", link: "" });
    expect(r).toEqual({ at: "2019-07-02T13:42:00-07:00", atMs: Date.parse("2019-07-02T20:42:00Z"), kind: "detected", text: "Alarm", link: null });
  });
  it("rejects bad times, kinds and links by field", () => {
    const r = TimelineEntryFormSchema.safeParse({ local: "2019-13-40T10:00", kind: "boom", text: "", link: "javascript:alert(1)" });
    expect(Object.keys(fieldErrors(r.error!)).sort()).toEqual(["kind", "link", "text"]);
    const t = TimelineEntryFormSchema.safeParse({ local: "2019-02-30T10:00", kind: "detected", text: "x" });
    expect(fieldErrors(t.error!)).toEqual({ local: "Enter a valid date and time" });
  });
});

describe("ActionItemFormSchema", () => {
  const base = { title: "Add a canary", horizon: "mid", ownerId: "", promisedDate: "", status: "open", scaling: "" };
  it("parses blanks as null", () => {
    expect(ActionItemFormSchema.parse(base)).toMatchObject({ ownerId: null, promisedDate: null, scaling: null, isCustomerFacing: false });
    expect(ActionItemFormSchema.parse({ ...base, isCustomerFacing: "on", promisedDate: "2026-12-31" })).toMatchObject({
      isCustomerFacing: true,
      promisedDate: "2026-12-31",
    });
  });
  it("requires a validation note to validate and a reason to cancel", () => {
    expect(fieldErrors(ActionItemFormSchema.safeParse({ ...base, status: "validated" }).error!)).toHaveProperty("validationNote");
    expect(fieldErrors(ActionItemFormSchema.safeParse({ ...base, status: "cancelled" }).error!)).toHaveProperty("cancelReason");
  });
  it("rejects impossible dates", () => {
    expect(fieldErrors(ActionItemFormSchema.safeParse({ ...base, promisedDate: "2026-02-30" }).error!)).toEqual({ promisedDate: "Not a real calendar date" });
  });
  it("answers the dates that once threw (a 500) with a field error on promisedDate", () => {
    expect(fieldErrors(ActionItemFormSchema.safeParse({ ...base, promisedDate: "2025-13-01" }).error!)).toEqual({ promisedDate: "Not a real calendar date" });
    expect(fieldErrors(ActionItemFormSchema.safeParse({ ...base, promisedDate: "0000-00-00" }).error!)).toEqual({ promisedDate: "Not a real calendar date" });
    expect(fieldErrors(ActionItemFormSchema.safeParse({ ...base, promisedDate: "99999-01-01" }).error!)).toEqual({
      promisedDate: "Use a date like 2026-12-31",
    });
    expect(fieldErrors(ActionItemFormSchema.safeParse({ ...base, promisedDate: "yesterday" }).error!)).toEqual({ promisedDate: "Use a date like 2026-12-31" });
  });
});

describe("CustomerImpactFormSchema", () => {
  it("composes instants, leaves blanks unrecorded, and refuses an end before the start", async () => {
    const { CustomerImpactFormSchema } = await import("./forms");
    expect(
      CustomerImpactFormSchema.parse({
        startedLocal: "2019-07-02T13:42",
        startedOffset: "+00:00",
        endedLocal: "",
        errorRate: "3%",
        regions: "us-east-1, eu-west-1",
      }),
    ).toEqual({
      impactStartedAt: "2019-07-02T13:42:00Z",
      impactEndedAt: null,
      errorRate: "3%",
      affected: null,
      regions: ["us-east-1", "eu-west-1"],
    });
    const r = CustomerImpactFormSchema.safeParse({ startedLocal: "2019-07-02T13:42", endedLocal: "2019-07-02T12:00" });
    expect(fieldErrors(r.error!)).toEqual({ endedLocal: "Impact cannot end before it started" });
  });
});

describe("LessonFormSchema and LessonLinksFormSchema", () => {
  it("turn the text into a document and the ticked why-<id> boxes into ids", () => {
    const form = LessonFormSchema.parse({
      text: "  First.\n\nSecond. ",
      "why-3": "on",
      "why-12": "on",
      "why-4": "off",
      "why-x": "on",
      "why-0": "on",
      intent: "add-lesson",
    });
    expect(form.whyIds).toEqual([3, 12]);
    expect(form.doc.content).toHaveLength(2);
    expect(LessonLinksFormSchema.parse({ id: "7" })).toEqual({ id: 7, whyIds: [] });
  });

  it("require the text", () => {
    const r = LessonFormSchema.safeParse({ text: "   " });
    expect(r.success ? {} : fieldErrors(r.error)).toEqual({ text: "The lesson is required" });
  });
});

describe("DependencyFormSchema and NewDependencyFormSchema", () => {
  it("default the answers to unknown and a blank failure mode to null", () => {
    expect(DependencyFormSchema.parse({ name: " DNS ", failureMode: "" })).toEqual({
      name: "DNS",
      performedAsPromised: "unknown",
      implementationValidated: "unknown",
      failureMode: null,
    });
    expect(NewDependencyFormSchema.parse({ name: "DNS", notes: "  " }).notes).toBeNull();
    expect(NewDependencyFormSchema.parse({ name: "DNS", notes: "Cached." }).notes?.type).toBe("doc");
  });

  it("name every bad field", () => {
    const r = DependencyFormSchema.safeParse({ name: "", performedAsPromised: "maybe", implementationValidated: "no", failureMode: "cosmic" });
    expect(r.success ? [] : Object.keys(fieldErrors(r.error)).sort()).toEqual(["failureMode", "name", "performedAsPromised"]);
  });
});

describe("limits shared with the interchange format", () => {
  it("keeps a dependency's name within what import accepts", () => {
    expect(DependencyFormSchema.safeParse({ name: "d".repeat(100) }).success).toBe(true);
    expect(fieldErrors(DependencyFormSchema.safeParse({ name: "d".repeat(101) }).error!).name).toMatch(/at most 100/);
  });
});
