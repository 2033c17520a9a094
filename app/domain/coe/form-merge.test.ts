import { describe, expect, it } from "vitest";
import { FormBaseSchema } from "./form-base-schema";
import { mergeFormValues, sameFormValue, settleConflicts } from "./form-merge";

describe("mergeFormValues", () => {
  const base = { title: "Disk full", severity: "2", event: "" };

  it("takes the fields only they changed and keeps the fields only I changed", () => {
    const merged = mergeFormValues(base, { ...base, event: "Storage outage" }, { ...base, title: "Disks full", severity: "1" });
    expect(merged).toEqual({ values: { title: "Disks full", severity: "1", event: "Storage outage" }, takenFromThem: ["title", "severity"], conflicts: {} });
  });

  it("lists a field both changed to different values as a conflict, holding mine for now", () => {
    const merged = mergeFormValues(base, { ...base, title: "Mine" }, { ...base, title: "Theirs" });
    expect(merged.values.title).toBe("Mine");
    expect(merged.conflicts).toEqual({ title: { mine: "Mine", theirs: "Theirs" } });
    expect(merged.takenFromThem).toEqual([]);
  });

  it("is no conflict when both made the same change", () => {
    expect(mergeFormValues(base, { ...base, title: "Same" }, { ...base, title: "Same" })).toEqual({
      values: { ...base, title: "Same" },
      takenFromThem: [],
      conflicts: {},
    });
  });

  it("treats an absent checkbox as unchecked: their check survives my untouched box, my uncheck survives their untouched one", () => {
    const boxes = { a: "on", b: "", c: "on" };
    // Mine: a unchecked (absent), b and c as they were; theirs: b checked.
    const merged = mergeFormValues(boxes, { c: "on" }, { a: "on", b: "on", c: "on" });
    expect(merged.values).toEqual({ a: "", b: "on", c: "on" });
    expect(merged.takenFromThem).toEqual(["b"]);
    expect(merged.conflicts).toEqual({});
  });

  it("drops a field gone from their version and takes one new in it", () => {
    expect(mergeFormValues({ "why-1": "on" }, { "why-1": "on" }, { "why-2": "" }).values).toEqual({ "why-2": "" });
  });

  it("does not count what the browser does to a value as a change (CRLF, spaces, zero seconds)", () => {
    expect(sameFormValue("a\r\nb ", "a\nb")).toBe(true);
    expect(sameFormValue("2019-07-02T13:42", "2019-07-02T13:42:00")).toBe(true);
    expect(sameFormValue("2019-07-02T13:42", "2019-07-02T13:42:01")).toBe(false);
    const merged = mergeFormValues(
      { text: "a\nb", local: "2019-07-02T13:42:00" },
      { text: "a\r\nb", local: "2019-07-02T13:42" },
      { text: "c", local: "2019-07-02T14:00:00" },
    );
    expect(merged.values).toEqual({ text: "c", local: "2019-07-02T14:00:00" });
    expect(merged.conflicts).toEqual({});
  });
});

describe("settleConflicts", () => {
  it("takes theirs from the base, keeps mine, and names what was not chosen", () => {
    const settled = settleConflicts(
      { title: "Mine", event: "Mine too", tags: "x", "choose.title": "theirs", "choose.event": "mine" },
      { title: "Theirs", event: "Theirs", tags: "y" },
      ["title", "event", "tags"],
    );
    expect(settled.values).toMatchObject({ title: "Theirs", event: "Mine too", tags: "x" });
    expect(settled.unsettled).toEqual(["tags"]);
  });

  it("never reads an inherited property as a value", () => {
    expect(settleConflicts({}, {}, ["constructor"])).toEqual({ values: {}, unsettled: ["constructor"] });
    expect(settleConflicts({ "choose.constructor": "theirs" }, {}, ["constructor"]).values).toEqual({ "choose.constructor": "theirs", constructor: "" });
  });
});

describe("FormBaseSchema", () => {
  it("reads the base and the conflicts", () => {
    expect(FormBaseSchema.parse({ formBase: '{"title":"x"}', formConflicts: "title" })).toEqual({ base: { title: "x" }, conflicts: ["title"] });
    expect(FormBaseSchema.parse({})).toEqual({ base: undefined, conflicts: [] });
  });

  it.each([
    ["not JSON", { formBase: "{" }],
    ["an array", { formBase: "[]" }],
    ["a non-string value", { formBase: '{"title":1}' }],
    ["a hostile key", { formBase: '{"__proto__":"x"}' }],
    ["a conflict that names no field", { formBase: '{"title":"x"}', formConflicts: "__proto__" }],
    ["conflicts without a base", { formConflicts: "title" }],
    ["an oversized base", { formBase: JSON.stringify({ t: "x".repeat(200_001) }) }],
  ])("refuses %s", (_, input) => {
    expect(FormBaseSchema.safeParse(input).success).toBe(false);
  });
});
