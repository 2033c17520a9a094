import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  ActionItemFormSchema,
  CustomerImpactFormSchema,
  DependencyFormSchema,
  HeaderFormSchema,
  LessonFormSchema,
  NewDependencyFormSchema,
  RichTextFormSchema,
  TimelineEntryFormSchema,
} from "./coe/forms";
import { formatJsonPath, parseCoeDocument } from "./coe/interchange";
import { formatLimit, LIMITS, tooLongMessage, type LimitName } from "./limits";
import { TeamReviewFormSchema } from "./meetings/teams";
import { ActionItemFromWhyFormSchema, AddWhyFormSchema, EditWhyFormSchema, LessonFromWhyFormSchema } from "./whys/forms";

/** A value of exactly `n` units of the limited thing: characters, a link's length, or names in a list. */
type Make = (n: number) => string | string[];
const chars: Make = (n) => "x".repeat(n);
const link: Make = (n) => `https://example.com/${"a".repeat(n - 20)}`;
const names: Make = (n) => Array.from({ length: n }, (_, i) => `name-${i}`);

type FormCheck = { schema: z.ZodType; input: (v: string) => Record<string, string>; field: string };
type ImportCheck = { doc: (v: string | string[]) => Record<string, unknown>; path: (string | number)[] };
type Row = { make: Make; forms: FormCheck[] | { none: string }; imports: ImportCheck[] | { none: string } };

const header = (over: Record<string, string>) => ({ title: "T", severity: "3", teamId: "1", services: "", tags: "", event: "", ...over });
const timeline = (over: Record<string, string>) => ({ local: "2024-05-01T10:00", offset: "+00:00", kind: "detected", text: "Seen", link: "", ...over });
const action = (over: Record<string, string>) => ({
  title: "Fix",
  horizon: "mid",
  ownerId: "",
  promisedDate: "",
  status: "open",
  scaling: "",
  trackerUrl: "",
  ...over,
});
const doc = (over: Record<string, unknown>) => ({ schemaVersion: 1, title: "T", severity: 3, team: "Storage", ...over });
const item = (over: Record<string, unknown>) => ({ actionItems: [{ title: "Fix", horizon: "mid", ...over }] });

/** Every limit, the forms that enforce it and where the interchange format does. */
const TABLE: Record<LimitName, Row> = {
  coeTitle: {
    make: chars,
    forms: [{ schema: HeaderFormSchema, input: (v) => header({ title: v }), field: "title" }],
    imports: [{ doc: (v) => doc({ title: v }), path: ["title"] }],
  },
  name: {
    make: chars,
    forms: [
      { schema: HeaderFormSchema, input: (v) => header({ event: v }), field: "event" },
      { schema: HeaderFormSchema, input: (v) => header({ services: v }), field: "services" },
      { schema: CustomerImpactFormSchema, input: (v) => ({ regions: v }), field: "regions" },
      { schema: DependencyFormSchema, input: (v) => ({ name: v }), field: "name" },
    ],
    imports: [
      { doc: (v) => doc({ team: v }), path: ["team"] },
      { doc: (v) => doc({ event: v }), path: ["event"] },
      { doc: (v) => doc({ services: [v] }), path: ["services", 0] },
      { doc: (v) => doc({ customerImpact: { regions: [v] } }), path: ["customerImpact", "regions", 0] },
      { doc: (v) => doc({ dependencies: [{ name: v }] }), path: ["dependencies", 0, "name"] },
    ],
  },
  namesPerList: {
    make: names,
    forms: [
      { schema: HeaderFormSchema, input: (v) => header({ tags: v }), field: "tags" },
      { schema: CustomerImpactFormSchema, input: (v) => ({ regions: v }), field: "regions" },
    ],
    imports: [
      { doc: (v) => doc({ tags: v }), path: ["tags"] },
      { doc: (v) => doc({ customerImpact: { regions: v } }), path: ["customerImpact", "regions"] },
    ],
  },
  timelineText: {
    make: chars,
    forms: [{ schema: TimelineEntryFormSchema, input: (v) => timeline({ text: v }), field: "text" }],
    imports: [{ doc: (v) => doc({ timeline: [{ at: "2024-05-01T10:00:00Z", kind: "detected", text: v }] }), path: ["timeline", 0, "text"] }],
  },
  url: {
    make: link,
    forms: [
      { schema: TimelineEntryFormSchema, input: (v) => timeline({ link: v }), field: "link" },
      { schema: ActionItemFormSchema, input: (v) => action({ trackerUrl: v }), field: "trackerUrl" },
    ],
    imports: [
      { doc: (v) => doc({ timeline: [{ at: "2024-05-01T10:00:00Z", kind: "detected", text: "t", link: v }] }), path: ["timeline", 0, "link"] },
      { doc: (v) => doc(item({ trackerUrl: v })), path: ["actionItems", 0, "trackerUrl"] },
    ],
  },
  whyText: {
    make: chars,
    forms: [
      { schema: AddWhyFormSchema, input: (v) => ({ parentId: "", text: v, evidence: "" }), field: "text" },
      { schema: EditWhyFormSchema, input: (v) => ({ id: "1", text: v, evidence: "" }), field: "text" },
    ],
    imports: [{ doc: (v) => doc({ whys: { text: v } }), path: ["whys", "text"] }],
  },
  whyEvidence: {
    make: chars,
    forms: [{ schema: EditWhyFormSchema, input: (v) => ({ id: "1", text: "w", evidence: v }), field: "evidence" }],
    imports: [{ doc: (v) => doc({ whys: { text: "w", evidence: v } }), path: ["whys", "evidence"] }],
  },
  affected: {
    make: chars,
    forms: [{ schema: CustomerImpactFormSchema, input: (v) => ({ affected: v }), field: "affected" }],
    imports: [{ doc: (v) => doc({ customerImpact: { affected: v } }), path: ["customerImpact", "affected"] }],
  },
  errorRate: {
    make: chars,
    forms: [{ schema: CustomerImpactFormSchema, input: (v) => ({ errorRate: v }), field: "errorRate" }],
    imports: [{ doc: (v) => doc({ customerImpact: { errorRate: v } }), path: ["customerImpact", "errorRate"] }],
  },
  category: {
    make: chars,
    forms: { none: "categories get their editor with the root-cause taxonomy (issue 13); until then only import sets them" },
    imports: [{ doc: (v) => doc({ whys: { text: "w", category: v } }), path: ["whys", "category"] }],
  },
  actionItemTitle: {
    make: chars,
    forms: [
      { schema: ActionItemFormSchema, input: (v) => action({ title: v }), field: "title" },
      { schema: ActionItemFromWhyFormSchema, input: (v) => ({ whyId: "1", title: v, horizon: "mid" }), field: "title" },
    ],
    imports: [{ doc: (v) => doc(item({ title: v })), path: ["actionItems", 0, "title"] }],
  },
  validationNote: {
    make: chars,
    forms: [{ schema: ActionItemFormSchema, input: (v) => action({ validationNote: v }), field: "validationNote" }],
    imports: [{ doc: (v) => doc(item({ validationNote: v })), path: ["actionItems", 0, "validationNote"] }],
  },
  cancelReason: {
    make: chars,
    forms: [{ schema: ActionItemFormSchema, input: (v) => action({ cancelReason: v }), field: "cancelReason" }],
    imports: [{ doc: (v) => doc(item({ cancelReason: v })), path: ["actionItems", 0, "cancelReason"] }],
  },
  dateChangeReason: {
    make: chars,
    forms: [{ schema: ActionItemFormSchema, input: (v) => action({ dateChangeReason: v }), field: "dateChangeReason" }],
    imports: [
      {
        doc: (v) => doc(item({ promisedDate: "2031-01-31", dateChanges: [{ at: "2026-01-02T10:00:00Z", from: "2031-01-01", to: "2031-01-31", reason: v }] })),
        path: ["actionItems", 0, "dateChanges", 0, "reason"],
      },
    ],
  },
  teamFollowUp: {
    make: chars,
    forms: [{ schema: TeamReviewFormSchema, input: (v) => ({ teamId: "1", followUp: v }), field: "followUp" }],
    imports: { none: "team reviews belong to a meeting, not to a COE: the interchange format has none" },
  },
  plainParagraphs: {
    make: chars,
    forms: [
      { schema: LessonFormSchema, input: (v) => ({ text: v }), field: "text" },
      { schema: LessonFromWhyFormSchema, input: (v) => ({ whyId: "1", text: v }), field: "text" },
      { schema: NewDependencyFormSchema, input: (v) => ({ name: "n", notes: v }), field: "notes" },
    ],
    imports: { none: "imported lessons and notes are rich text (richTextPlain), edited afterwards in the rich editor, not in these forms" },
  },
  richTextPlain: {
    make: chars,
    forms: [{ schema: RichTextFormSchema, input: (v) => ({ section: "impact-summary", text: v }), field: "text" }],
    imports: [{ doc: (v) => doc({ impactSummary: v }), path: ["impactSummary"] }],
  },
};

const formValue = (v: string | string[]) => (Array.isArray(v) ? v.join(", ") : v);

describe("one set of limits", () => {
  it("every limit has a row, and every row a form", () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(LIMITS).sort());
    // A limit no form uses (or no import) says why in its row, so a missing check is a decision, not an oversight.
    for (const row of Object.values(TABLE)) expect("none" in row.forms ? row.forms.none : row.forms.length).toBeTruthy();
  });

  describe.each(Object.entries(TABLE) as [LimitName, Row][])("%s", (name, row) => {
    const limit = LIMITS[name];
    const forms = "none" in row.forms ? [] : row.forms;
    it.each(forms.map((f, i) => [i, f] as const))("form %i takes exactly the limit and refuses one more, naming the limit", (_i, form) => {
      const at = form.schema.safeParse(form.input(formValue(row.make(limit))));
      expect(at.success ? [] : at.error.issues.filter((i) => String(i.path[0]) === form.field)).toEqual([]);
      const over = form.schema.safeParse(form.input(formValue(row.make(limit + 1))));
      expect(over.success).toBe(false);
      const issue = over.success ? undefined : over.error.issues.find((i) => String(i.path[0]) === form.field);
      expect(issue?.message).toMatch(new RegExp(`\\b(${limit}|${formatLimit(limit).replace(",", "\\,")})\\b`));
    });

    if (!("none" in row.imports))
      it.each(row.imports.map((c, i) => [i, c] as const))("interchange %i takes exactly the limit and refuses one more", (_i, check) => {
        const at = parseCoeDocument(check.doc(row.make(limit)));
        expect(at.ok ? [] : at.errors).toEqual([]);
        const over = parseCoeDocument(check.doc(row.make(limit + 1)));
        expect(over.ok ? [] : over.errors.map((e) => e.path)).toContain(formatJsonPath(check.path));
      });
  });

  it("says how long the text is and what the limit is", () => {
    expect(tooLongMessage("Why", 5000, 2000)).toBe("Why is 5,000 characters; the limit is 2,000 (3,000 too many).");
  });
});
