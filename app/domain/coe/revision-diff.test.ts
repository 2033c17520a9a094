import { describe, expect, it } from "vitest";
import type { CoeDocument } from "./interchange";
import { plainTextToDoc } from "./plain-text-doc";
import { canonicalJson, changedRestorableSections, diffCoeDocuments, type DiffableCoe, type DiffPart } from "./revision-diff";

/** A TipTap doc as the format's type has it (the schema narrows `type` to "doc"). */
const richDoc = (text: string) => plainTextToDoc(text) as Exclude<CoeDocument["impactSummary"], string | undefined>;

const base: CoeDocument = {
  schemaVersion: 1,
  title: "Disk full on storage nodes",
  severity: 2,
  status: "draft",
  team: "Storage",
  services: ["Object store"],
  tags: [],
  impactSummary: richDoc("For 40 minutes, uploads were rejected.\n\nCustomers retried."),
  customerImpact: { regions: ["eu-west-1"] },
  timeline: [
    { at: "2024-03-01T10:00:00Z", kind: "impact_start", text: "Uploads failed" },
    { at: "2024-03-01T10:05:00Z", kind: "detected", text: "Alarm fired" },
  ],
  whys: {
    text: "Uploads were rejected",
    rootCause: false,
    children: [{ text: "The disk filled up", rootCause: false, children: [{ text: "No alarm on disk usage", rootCause: true, children: [] }] }],
  },
  detection: { fastEnough: "No" },
  dependencies: [],
  lessons: [{ text: "Alarm on disk usage", whyPath: "0.0.0" }],
  actionItems: [{ title: "Add a disk alarm", horizon: "short", owner: null, promisedDate: "2024-04-01", status: "open", customerFacing: false, scaling: null }],
  customerRca: undefined,
  tenets: [],
  closeout: { fixesValidated: false, dataPreserved: false, followupsAssigned: false },
};

const text = (parts: DiffPart[], kind: DiffPart["kind"]) =>
  parts
    .filter((p) => p.kind === kind)
    .map((p) => p.text.trim())
    .join(" | ");

describe("diffCoeDocuments", () => {
  it("reports nothing for identical documents, and for the same content in another key order", () => {
    expect(diffCoeDocuments(base, structuredClone(base))).toEqual([]);
    const reordered = JSON.parse(canonicalJson(base)) as CoeDocument;
    expect(diffCoeDocuments(base, reordered)).toEqual([]);
  });

  it("diffs prose word by word, so one changed word shows as one removal and one addition", () => {
    const after = { ...base, impactSummary: richDoc("For 45 minutes, uploads were rejected.\n\nCustomers retried.") };
    const [summary, ...rest] = diffCoeDocuments(base, after);
    expect(rest).toEqual([]);
    expect(summary).toMatchObject({ section: "impact-summary", label: "Impact summary", mode: "words" });
    expect(text(summary!.parts, "removed")).toBe("40");
    expect(text(summary!.parts, "added")).toBe("45");
    // Reading the old side (same + removed) gives the old text back, the new side the new one.
    expect(
      summary!.parts
        .filter((p) => p.kind !== "added")
        .map((p) => p.text)
        .join(""),
    ).toBe("For 40 minutes, uploads were rejected.\n\nCustomers retried.");
    expect(
      summary!.parts
        .filter((p) => p.kind !== "removed")
        .map((p) => p.text)
        .join(""),
    ).toBe("For 45 minutes, uploads were rejected.\n\nCustomers retried.");
  });

  it("accepts plain text and TipTap JSON alike, and a narrative written from nothing is all added", () => {
    const after = { ...base, customerRca: "We ran out of disk." };
    const [rca] = diffCoeDocuments(base, after);
    expect(rca).toMatchObject({ section: "customer-rca", mode: "words", parts: [{ kind: "added", text: "We ran out of disk." }] });
    expect(diffCoeDocuments({ ...base, impactSummary: "For 40 minutes, uploads were rejected.\n\nCustomers retried." }, base)).toEqual([]);
  });

  it("diffs the header line by line, one field a line", () => {
    const [header] = diffCoeDocuments(base, { ...base, title: "Disk full on storage nodes in eu-west-1", tags: ["capacity"] });
    expect(header).toMatchObject({ section: "header", mode: "lines" });
    expect(text(header!.parts, "removed")).toBe("Title: Disk full on storage nodes | Tags: —");
    expect(text(header!.parts, "added")).toBe("Title: Disk full on storage nodes in eu-west-1 | Tags: capacity");
    expect(header!.parts.filter((p) => p.kind === "same").map((p) => p.text)).toEqual([
      "Severity: Sev 2",
      "Team: Storage",
      "Services: Object store",
      "Event: —",
      "Tenets cited: —",
    ]);
  });

  it("shows timeline entries as at · kind · text lines; an added entry is one added line", () => {
    const entry = { at: "2024-03-01T10:40:00Z", kind: "mitigated" as const, text: "Old files deleted" };
    const [timeline] = diffCoeDocuments(base, { ...base, timeline: [...base.timeline, entry] });
    expect(timeline!.parts).toEqual([
      { kind: "same", text: "2024-03-01T10:00:00Z · Impact started · Uploads failed" },
      { kind: "same", text: "2024-03-01T10:05:00Z · Detected · Alarm fired" },
      { kind: "added", text: "2024-03-01T10:40:00Z · Mitigated · Old files deleted" },
    ]);
  });

  it("shows the whys as an indented outline with root causes and evidence named", () => {
    const whys = structuredClone(base.whys!);
    whys.children[0]!.children[0]!.evidence = "dashboard screenshot";
    whys.children.push({ text: "Cleanup job was paused", rootCause: false, children: [] });
    const [diff] = diffCoeDocuments(base, { ...base, whys });
    expect(diff!.section).toBe("whys");
    expect(diff!.parts).toEqual([
      { kind: "same", text: "Uploads were rejected" },
      { kind: "same", text: "    The disk filled up" },
      { kind: "removed", text: "        No alarm on disk usage [root cause]" },
      { kind: "added", text: "        No alarm on disk usage [root cause] (evidence: dashboard screenshot)" },
      { kind: "added", text: "    Cleanup job was paused" },
    ]);
  });

  it("lists changed sections in SPEC order and leaves unchanged ones out", () => {
    const after: CoeDocument = {
      ...base,
      customerRca: "We ran out of disk.",
      actionItems: [{ ...base.actionItems[0]!, status: "in_progress", owner: "owner@example.com" }],
      detection: { fastEnough: "No, it took five minutes" },
      title: "Disk full",
      lessons: [{ text: "Alarm on disk usage" }],
      dependencies: [{ name: "Block storage", performedAsPromised: "yes", implementationValidated: "unknown" }],
      customerImpact: { regions: ["eu-west-1"], errorRate: "12%" },
    };
    const diffs = diffCoeDocuments(base, after);
    expect(diffs.map((d) => d.section)).toEqual(["header", "customer-impact", "detection", "dependencies", "lessons", "action-items", "customer-rca"]);
    const items = diffs.find((d) => d.section === "action-items")!;
    expect(text(items.parts, "added")).toBe("Add a disk alarm · Short-term · In progress · promised 2024-04-01 · owner@example.com");
    expect(text(items.parts, "removed")).toBe("Add a disk alarm · Short-term · Open · promised 2024-04-01 · no owner");
    const lessons = diffs.find((d) => d.section === "lessons")!;
    expect(text(lessons.parts, "removed")).toBe("Alarm on disk usage (from why “No alarm on disk usage”)");
    expect(diffs.find((d) => d.section === "detection")!.mode).toBe("words");
    expect(text(diffs.find((d) => d.section === "detection")!.parts, "added")).toBe(", it took five minutes");
  });

  it("tolerates partial snapshots (an empty one reads as an empty COE)", () => {
    const diffs = diffCoeDocuments({}, base);
    expect(diffs.map((d) => d.section)).toEqual(["header", "impact-summary", "customer-impact", "timeline", "whys", "detection", "lessons", "action-items"]);
    expect(diffCoeDocuments({} as DiffableCoe, {})).toEqual([]);
  });

  it("gives up on a word diff of two wholly different long texts and shows one replaced by the other", () => {
    const words = (seed: string) => Array.from({ length: 3000 }, (_, i) => `${seed}${i}`).join(" ");
    const [d] = diffCoeDocuments({ ...base, impactSummary: words("a") }, { ...base, impactSummary: words("b") });
    expect(d!.parts.map((p) => p.kind)).toEqual(["removed", "added"]);
  });
});

describe("changedRestorableSections", () => {
  it("names exactly the sections whose stored content differs, including details the diff view does not show", () => {
    expect(changedRestorableSections(base, structuredClone(base))).toEqual([]);
    const whys = structuredClone(base.whys!);
    whys.children[0]!.text = "The disk filled";
    expect(changedRestorableSections(base, { ...base, whys, detection: { fastEnough: "Yes" }, customerRca: "Sorry." })).toEqual([
      "whys",
      "detection",
      "customer-rca",
    ]);
  });

  it("ignores status and metrics (a restore does not rewrite them) but not action items or the close-out checklist", () => {
    const other = { ...base, status: "in_review" as const, metrics: { timeToDetectMs: 1 } };
    expect(changedRestorableSections(base, other)).toEqual([]);
    expect(changedRestorableSections(base, { ...other, actionItems: [], closeout: { ...base.closeout, dataPreserved: true } })).toEqual([
      "action-items",
      "closeout",
    ]);
  });

  it("treats an empty narrative and a missing one as the same", () => {
    expect(changedRestorableSections({ ...base, customerRca: richDoc("") }, base)).toEqual([]);
    expect(changedRestorableSections({ ...base, impactSummary: "For 40 minutes, uploads were rejected.\n\nCustomers retried." }, base)).toEqual([]);
  });

  it("compares lessons and dependency notes by content, whether stored as plain text or documents", () => {
    const asDocs: DiffableCoe = {
      ...base,
      lessons: [{ text: richDoc("Alarm on disk usage"), whyPath: "0.0.0" }],
      dependencies: [{ name: "Block storage", performedAsPromised: "yes", implementationValidated: "unknown", notes: richDoc("Fine") }],
    };
    const asText: DiffableCoe = {
      ...base,
      dependencies: [{ name: "Block storage", performedAsPromised: "yes", implementationValidated: "unknown", notes: "Fine" }],
    };
    expect(changedRestorableSections(asDocs, asText)).toEqual([]);
    expect(changedRestorableSections(asDocs, { ...asText, lessons: [{ text: "Alarm on disk usage!", whyPath: "0.0.0" }] })).toEqual(["lessons"]);
    expect(changedRestorableSections(asDocs, { ...asText, dependencies: [{ ...asText.dependencies![0]!, notes: richDoc("") }] })).toEqual(["dependencies"]);
  });
});

describe("lessons and dependency notes in the diff", () => {
  it("shows rich lessons and notes as one readable line each", () => {
    const before: DiffableCoe = { ...base, lessons: [{ text: richDoc("Alarm on disk usage.\n\nPage the owner."), whyPath: "0.0.0" }] };
    const after: DiffableCoe = {
      ...before,
      dependencies: [{ name: "Block storage", performedAsPromised: "no", implementationValidated: "yes", notes: richDoc("Throttled writes.\n\nNo fallback.") }],
    };
    const diffs = diffCoeDocuments(before, after);
    expect(diffs.map((d) => d.section)).toEqual(["dependencies"]);
    expect(text(diffs[0]!.parts, "added")).toBe(
      "Block storage · performed as promised: No · our use validated: Yes · failure mode: — · notes: Throttled writes. No fallback.",
    );
    const lessons = diffCoeDocuments(before, base).find((d) => d.section === "lessons")!;
    expect(text(lessons.parts, "removed")).toBe("Alarm on disk usage. Page the owner. (from why “No alarm on disk usage”)");
  });
});
