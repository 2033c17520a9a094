import { describe, expect, it } from "vitest";
import { PAGE_SECTIONS, sectionStates, type SectionFacts } from "./page-sections";

const empty: SectionFacts = {
  title: "A title",
  richWritten: { "impact-summary": false, "detection-fast-enough": false, "detection-metrics": false, "detection-similar": false, "customer-rca": false },
  impactStartedAt: null,
  impactEndedAt: null,
  errorRate: null,
  affected: "  ",
  regions: [],
  timelineCount: 0,
  hasWhys: false,
  dependencyCount: 0,
  lessonCount: 0,
  actionItemCount: 0,
  closeout: [false, false, false],
  notes: [],
};
const written = (f: SectionFacts) => Object.fromEntries(sectionStates(f).map((s) => [s.id, s.isWritten]));

describe("sectionStates", () => {
  it("lists every page section once, in page order, with its label", () => {
    expect(sectionStates(empty).map((s) => s.id)).toEqual(PAGE_SECTIONS.map((s) => s.id));
    expect(new Set(PAGE_SECTIONS.map((s) => s.id)).size).toBe(PAGE_SECTIONS.length);
  });

  it("a new COE has only its header written (blank text counts as empty)", () => {
    const states = written(empty);
    expect(
      Object.entries(states)
        .filter(([, w]) => w)
        .map(([id]) => id),
    ).toEqual(["header"]);
  });

  it("marks each section written by its own facts, and no other", () => {
    const cases: [Partial<SectionFacts>, string][] = [
      [{ richWritten: { ...empty.richWritten, "impact-summary": true } }, "impact-summary"],
      [{ errorRate: "3%" }, "customer-impact"],
      [{ regions: ["eu-west-1"] }, "customer-impact"],
      [{ impactStartedAt: "2026-01-01T00:00:00Z" }, "customer-impact"],
      [{ timelineCount: 2 }, "timeline"],
      [{ hasWhys: true }, "five-whys"],
      [{ richWritten: { ...empty.richWritten, "detection-similar": true } }, "detection"],
      [{ dependencyCount: 1 }, "dependencies"],
      [{ lessonCount: 1 }, "lessons"],
      [{ actionItemCount: 3 }, "action-items"],
      [{ richWritten: { ...empty.richWritten, "customer-rca": true } }, "customer-rca"],
      [{ closeout: [false, true, false] }, "closeout"],
    ];
    for (const [facts, id] of cases) {
      const states = written({ ...empty, ...facts });
      expect(
        Object.entries(states)
          .filter(([, w]) => w)
          .map(([s]) => s),
        JSON.stringify(facts),
      ).toEqual(["header", id].filter((v, i, a) => a.indexOf(v) === i));
    }
  });

  it("counts blameless notes per section", () => {
    const states = sectionStates({ ...empty, notes: [{ section: "timeline" }, { section: "five-whys" }, { section: "timeline" }] });
    expect(Object.fromEntries(states.map((s) => [s.id, s.notes]))).toMatchObject({ timeline: 2, "five-whys": 1, lessons: 0, header: 0 });
  });
});
