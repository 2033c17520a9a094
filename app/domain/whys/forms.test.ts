import { describe, expect, it } from "vitest";
import { fieldErrors } from "../coe/forms";
import { ActionItemFromWhyFormSchema, AddWhyFormSchema, RestructureWhyFormSchema, RootCauseFormSchema } from "./forms";

describe("why forms", () => {
  it("adds under a parent, or as the problem statement when the parent is blank", () => {
    expect(AddWhyFormSchema.parse({ parentId: "4", text: "  A host failed ", evidence: "" })).toEqual({
      parentId: 4,
      text: "A host failed",
      evidence: null,
      position: undefined,
    });
    expect(AddWhyFormSchema.parse({ parentId: "", text: "3% of calls failed" })).toMatchObject({ parentId: null });
  });
  it("requires text and bounds it", () => {
    expect(fieldErrors(AddWhyFormSchema.safeParse({ parentId: "1", text: "   " }).error!)).toEqual({ text: "Say why — the text is required" });
    expect(fieldErrors(AddWhyFormSchema.safeParse({ parentId: "1", text: "x".repeat(2001) }).error!).text).toMatch(/at most 2,000/);
    expect(AddWhyFormSchema.safeParse({ parentId: "1", text: "x".repeat(2000) }).success).toBe(true);
  });
  it("trims evidence, keeps it to 5,000 characters, and turns blank evidence into null", () => {
    expect(AddWhyFormSchema.parse({ parentId: "1", text: "x", evidence: " https://grafana/d/1 " }).evidence).toBe("https://grafana/d/1");
    expect(AddWhyFormSchema.parse({ parentId: "1", text: "x", evidence: "  \n" }).evidence).toBeNull();
    expect(AddWhyFormSchema.safeParse({ parentId: "1", text: "x", evidence: "e".repeat(5000) }).success).toBe(true);
    expect(fieldErrors(AddWhyFormSchema.safeParse({ parentId: "1", text: "x", evidence: "e".repeat(5001) }).error!).evidence).toMatch(/at most 5,000/);
  });
  it("reads root-cause flags and restructure commands", () => {
    expect(RootCauseFormSchema.parse({ id: "3", isRootCause: "false" })).toEqual({ id: 3, isRootCause: false });
    expect(RestructureWhyFormSchema.parse({ id: "3", how: "move", parentId: "9", position: "2" })).toEqual({ id: 3, how: "move", parentId: 9, position: 2 });
    expect(RestructureWhyFormSchema.parse({ id: "3", how: "indent" })).toEqual({ id: 3, how: "indent" });
    expect(RestructureWhyFormSchema.safeParse({ id: "3", how: "sideways" }).success).toBe(false);
  });
  it("needs a title and a horizon for an action item from a why", () => {
    expect(Object.keys(fieldErrors(ActionItemFromWhyFormSchema.safeParse({ whyId: "3", title: "", horizon: "soon" }).error!)).sort()).toEqual([
      "horizon",
      "title",
    ]);
  });
});
