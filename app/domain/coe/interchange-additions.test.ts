import { describe, expect, it } from "vitest";
import { CoeDocumentSchema, parseCoeDocument, sortWhyPaths } from "./interchange";

const minimal = { schemaVersion: 1, title: "Checkout slow", severity: 3, team: "Payments" };
const whys = { text: "root", children: [{ text: "a", children: [{ text: "a0" }] }, { text: "b" }] };
const item = { title: "Fix", horizon: "short", promisedDate: "2026-03-10" };

describe("the parts added to v1 later", () => {
  it("are optional: a document without them means nothing ticked, nothing cited, one link per lesson", () => {
    const doc = CoeDocumentSchema.parse({ ...minimal, whys, lessons: [{ text: "L", whyPath: "0.1" }], actionItems: [item] });
    expect(doc.closeout).toEqual({ fixesValidated: false, dataPreserved: false, followupsAssigned: false });
    expect(doc.tenets).toEqual([]);
    expect(doc.lessons).toEqual([{ text: "L", whyPath: "0.1" }]);
    expect(doc.actionItems[0]).not.toHaveProperty("originalPromisedDate");
    expect(doc.actionItems[0]).not.toHaveProperty("dateChanges");
  });

  it("normalise a lesson's links: whyPath is the first in reading order, whyPaths all of them once, only when there are several", () => {
    const parse = (lesson: object) => CoeDocumentSchema.parse({ ...minimal, whys, lessons: [{ text: "L", ...lesson }] }).lessons[0];
    expect(parse({ whyPaths: ["0.1", "0.0.0", "0.1"] })).toEqual({ text: "L", whyPath: "0.0.0", whyPaths: ["0.0.0", "0.1"] });
    expect(parse({ whyPath: "0.1", whyPaths: ["0.0"] })).toEqual({ text: "L", whyPath: "0.0", whyPaths: ["0.0", "0.1"] });
    expect(parse({ whyPaths: ["0.1"] })).toEqual({ text: "L", whyPath: "0.1" });
    expect(parse({ whyPaths: [] })).toEqual({ text: "L" });
    expect(sortWhyPaths(["0.10", "0.2", "0", "0.2.0"])).toEqual(["0", "0.2", "0.2.0", "0.10"]);
  });

  it("report a link in whyPaths that does not resolve, by its path", () => {
    const result = parseCoeDocument({ ...minimal, whys, lessons: [{ text: "L", whyPaths: ["0.0", "0.7"] }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([{ path: "$.lessons[0].whyPaths[1]", message: expect.stringMatching(/0\.7/) }]);
  });

  it("keep an original promise only when it differs from the promised date (null: nothing was promised at first)", () => {
    const parse = (extra: object) => CoeDocumentSchema.parse({ ...minimal, actionItems: [{ ...item, ...extra }] }).actionItems[0];
    expect(parse({ originalPromisedDate: "2026-03-10" })).not.toHaveProperty("originalPromisedDate");
    expect(parse({ originalPromisedDate: "2026-02-01" })).toMatchObject({ originalPromisedDate: "2026-02-01" });
    expect(parse({ originalPromisedDate: null })).toMatchObject({ originalPromisedDate: null });
  });

  it("check the date-change log field by field", () => {
    const change = { at: "2026-01-10T09:30:15.250Z", by: "Planner@Example.com", from: null, to: "2026-03-10", reason: "First promise" };
    expect(CoeDocumentSchema.parse({ ...minimal, actionItems: [{ ...item, dateChanges: [change] }] }).actionItems[0]!.dateChanges).toEqual([
      { ...change, by: "planner@example.com" },
    ]);
    const bad = parseCoeDocument({ ...minimal, actionItems: [{ ...item, dateChanges: [{ at: "yesterday", to: "2026-02-30", reason: " " }] }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors.map((e) => e.path).sort()).toEqual([
        "$.actionItems[0].dateChanges[0].at",
        "$.actionItems[0].dateChanges[0].reason",
        "$.actionItems[0].dateChanges[0].to",
      ]);
  });

  it("refuse unknown fields inside them, naming the field", () => {
    const result = parseCoeDocument({ ...minimal, closeout: { fixesValidated: true, signedOff: true }, whys: { text: "root", category: 7 } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path).sort()).toEqual(["$.closeout.signedOff", "$.whys.category"]);
  });
});
