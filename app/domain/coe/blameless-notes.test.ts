import { describe, expect, it } from "vitest";
import { blamelessNotes } from "./blameless-notes";
import { plainTextToDoc } from "./plain-text-doc";

const none = { impactSummary: null, customerRca: null, detection: [], timeline: [], whys: [], dependencies: [], lessons: [], actionItems: [] };

describe("blamelessNotes", () => {
  it("reads lessons and dependency notes as rich text, and says where each finding is", () => {
    const notes = blamelessNotes(
      {
        ...none,
        lessons: [{ doc: plainTextToDoc("Alex was careless with the config.") }],
        dependencies: [{ notes: plainTextToDoc("The vendor's engineer forgot to renew the certificate.") }, { notes: null }],
      },
      { people: [{ name: "Alex Doe" }], teamName: "Storage" },
    );
    expect(notes.map((n) => [n.where, n.match.toLowerCase()])).toEqual(
      expect.arrayContaining([
        ["Lessons", "careless"],
        ["Dependencies", "forgot"],
      ]),
    );
    expect(notes.every((n) => n.suggestion.length > 0)).toBe(true);
  });

  it("names the page section of each note, so the section navigation can count them", () => {
    const blame = plainTextToDoc("The engineer forgot the step.");
    const notes = blamelessNotes(
      {
        impactSummary: blame,
        customerRca: blame,
        detection: [blame],
        timeline: [{ text: "The engineer forgot the step." }],
        whys: [{ text: "The engineer forgot the step." }],
        dependencies: [{ notes: blame }],
        lessons: [{ doc: blame }],
        actionItems: [{ title: "The engineer forgot the step." }],
      },
      { people: [] },
    );
    expect([...new Set(notes.map((n) => n.section))].sort()).toEqual([
      "action-items",
      "customer-rca",
      "dependencies",
      "detection",
      "five-whys",
      "impact-summary",
      "lessons",
      "timeline",
    ]);
  });

  it("finds nothing in blameless text", () => {
    expect(blamelessNotes({ ...none, lessons: [{ doc: plainTextToDoc("Config changes need review like code.") }] }, { people: [] })).toEqual([]);
  });
});
