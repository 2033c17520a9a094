import { describe, expect, it } from "vitest";
import { anchorChoices, MAX_LISTED_WHYS } from "./anchor-choices";

const whys = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, text: `Why number ${i + 1}`, isRootCause: i % 25 === 24 }));
const parts = (n: number) => ({
  whys: whys(n),
  timeline: [{ id: 7, text: "Paged" }],
  lessons: [{ id: 3, text: "x".repeat(80) }],
  actionItems: [{ id: 9, title: "Fix it" }],
});
const whyValues = (choices: { value: string }[]) => choices.filter((c) => c.value.startsWith("why_node:")).map((c) => c.value);

describe("anchorChoices", () => {
  it("lists the whole COE, the sections, every why of a small tree in order, then timeline, lessons and action items", () => {
    const choices = anchorChoices(parts(3));
    expect(choices[0]).toEqual({ value: "coe", label: "The whole COE" });
    expect(choices.some((c) => c.value === "section:impact-summary")).toBe(true);
    expect(choices.some((c) => c.value === "section:header")).toBe(false);
    expect(choices.slice(-6).map((c) => c.value)).toEqual(["why_node:1", "why_node:2", "why_node:3", "timeline_entry:7", "lesson:3", "action_item:9"]);
    expect(choices.find((c) => c.value === "lesson:3")!.label).toBe(`Lesson: ${"x".repeat(69)}…`);
  });

  it(`lists every why up to ${MAX_LISTED_WHYS}`, () => {
    expect(whyValues(anchorChoices(parts(MAX_LISTED_WHYS)))).toHaveLength(MAX_LISTED_WHYS);
  });

  it("on a bigger tree lists the root causes and the whys to keep (discussed, or where the reader came from), in tree order", () => {
    const choices = anchorChoices(parts(500), new Set(["why_node:300", "why_node:2", "lesson:3"]));
    expect(whyValues(choices)).toEqual(
      [
        "why_node:2",
        ...whys(500)
          .filter((w) => w.isRootCause || w.id === 300)
          .map((w) => `why_node:${w.id}`),
      ].sort((a, b) => Number(a.slice(9)) - Number(b.slice(9))),
    );
    expect(choices.some((c) => c.value === "action_item:9")).toBe(true);
  });
});
