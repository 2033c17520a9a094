import { describe, expect, it } from "vitest";
import { missingPartHref } from "./review-links";

describe("missingPartHref", () => {
  it("sends a section to the edit page at that section", () => {
    expect(missingPartHref(7, "impact-summary")).toBe("/coes/7/edit#impact-summary");
    expect(missingPartHref(7, "action-items")).toBe("/coes/7/edit#action-items");
  });
  it("sends a why to the tree editor with that why selected", () => {
    expect(missingPartHref(7, "why-42")).toBe("/coes/7/edit?why=42#five-whys");
  });
});
