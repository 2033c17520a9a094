import { z } from "zod";
import { ACTION_STATUSES, FAILURE_MODES, HORIZONS, SCALING_MECHANISMS, TIMELINE_KINDS, TRI_STATES } from "../enums";
import { calendarDateProblem } from "../calendar-date";
import { formInteger } from "../form-number";
import { composeInstant } from "./instant";
import { plainTextToDoc } from "./plain-text-doc";
import { parseRichField } from "./rich-fields";
import { formatLimit, LIMITS } from "../limits";
import { calendarDateRangeProblem, instantRangeProblem } from "../plausible-dates";

// The forms are constants parsed by the edit page's one action; the plausible-date range ends ten
// years after now, so they read the clock when they parse (the range checks themselves take `now`).
const clock = () => Date.now();

const trimmed = (max: number, label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${formatLimit(max)} characters`);
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string()
      .trim()
      .max(max, `At most ${formatLimit(max)} characters`)
      .optional(),
  );
const version = formInteger("Missing base version");
const idField = formInteger("Missing id", { min: 1 });

/** "a, b,  c" → ["a","b","c"], de-duplicated, order kept. */
const commaList = z
  .string()
  .default("")
  .transform((s) => [
    ...new Set(
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.string().max(LIMITS.name, `Each name must be at most ${LIMITS.name} characters`))
      .max(LIMITS.namesPerList, `At most ${LIMITS.namesPerList} names`),
  );

const httpUrl = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z
    .string()
    .trim()
    .max(LIMITS.url, `A link must be at most ${formatLimit(LIMITS.url)} characters`)
    .refine((s) => /^https?:\/\//i.test(s) && URL.canParse(s), "Must be an http(s) link")
    .optional(),
);

/** Checkboxes named `tenet-<id>` → the checked ids; undefined when the form does not list tenets (`citesTenets` absent). */
function citedTenetIds(values: Record<string, unknown>): number[] | undefined {
  if (values.citesTenets !== "on") return undefined;
  return Object.keys(values)
    .filter((k) => /^tenet-[1-9]\d{0,15}$/.test(k) && values[k] === "on")
    .map((k) => Number(k.slice("tenet-".length)));
}

export const HeaderFormSchema = z
  .looseObject({
    title: trimmed(LIMITS.coeTitle, "Title"),
    severity: formInteger("Severity is 1 (worst) to 5", { min: 1, max: 5 }),
    teamId: formInteger("Choose the owning team", { min: 1 }),
    services: commaList,
    tags: commaList,
    // A name, as the interchange format keeps it (100 characters at most), so the COE can be exported and imported again.
    event: optionalText(LIMITS.name),
  })
  .transform((v) => {
    const tenetIds = citedTenetIds(v);
    return { title: v.title, severity: v.severity, teamId: v.teamId, services: v.services, tags: v.tags, event: v.event, ...(tenetIds ? { tenetIds } : {}) };
  });
export type HeaderForm = z.output<typeof HeaderFormSchema>;

export const TimelineEntryFormSchema = z
  .object({
    local: z.string({ error: "Time is required" }).trim().min(1, "Time is required"),
    offset: z.string().default("+00:00"),
    kind: z.enum(TIMELINE_KINDS, { error: "Choose a kind" }),
    text: trimmed(LIMITS.timelineText, "Description"),
    link: httpUrl,
  })
  .transform((v, ctx) => {
    const at = composeInstant(v.local, v.offset);
    if (!at) {
      ctx.addIssue({ code: "custom", path: ["local"], message: "Enter a valid date and time" });
      return z.NEVER;
    }
    const outOfRange = instantRangeProblem(Date.parse(at), clock());
    if (outOfRange) {
      ctx.addIssue({ code: "custom", path: ["local"], message: outOfRange });
      return z.NEVER;
    }
    return { at, atMs: Date.parse(at), kind: v.kind, text: v.text, link: v.link ?? null };
  });
export type TimelineEntryForm = z.output<typeof TimelineEntryFormSchema>;

// One total check (not a regex followed by a refine: zod runs the refine even when the regex fails).
export const calendarDate = z.string().superRefine((s, ctx) => {
  const problem = calendarDateProblem(s);
  if (problem) ctx.addIssue({ code: "custom", message: problem === "format" ? "Use a date like 2026-12-31" : "Not a real calendar date" });
  else {
    const outOfRange = calendarDateRangeProblem(s, clock());
    if (outOfRange) ctx.addIssue({ code: "custom", message: outOfRange });
  }
});

export const ActionItemFormSchema = z
  .object({
    title: trimmed(LIMITS.actionItemTitle, "Title"),
    horizon: z.enum(HORIZONS, { error: "Choose short, mid or long term" }),
    ownerId: z.preprocess((v) => (v === "" || v == null ? null : v), idField.nullable()),
    promisedDate: z.preprocess((v) => (v === "" || v == null ? null : v), calendarDate.nullable()),
    dateChangeReason: optionalText(LIMITS.dateChangeReason),
    status: z.enum(ACTION_STATUSES).default("open"),
    validationNote: optionalText(LIMITS.validationNote),
    cancelReason: optionalText(LIMITS.cancelReason),
    scaling: z.preprocess((v) => (v === "" || v == null ? null : v), z.enum(SCALING_MECHANISMS).nullable()),
    isCustomerFacing: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    trackerUrl: httpUrl,
    // What the item addresses; the data layer checks both belong to this COE.
    whyNodeId: z.preprocess((v) => (v === "" || v == null ? null : v), formInteger("Choose a why from the list", { min: 1 }).nullable()),
    lessonId: z.preprocess((v) => (v === "" || v == null ? null : v), formInteger("Choose a lesson from the list", { min: 1 }).nullable()),
  })
  .superRefine((v, ctx) => {
    // SPEC §4: implemented is not done; an item is done only when validated, with a note saying how.
    if (v.status === "validated" && !v.validationNote)
      ctx.addIssue({ code: "custom", path: ["validationNote"], message: "Say how you showed the same conditions no longer cause the failure" });
    if (v.status === "cancelled" && !v.cancelReason) ctx.addIssue({ code: "custom", path: ["cancelReason"], message: "A cancelled item needs a reason" });
  });
export type ActionItemForm = z.output<typeof ActionItemFormSchema>;

export const BaseVersionSchema = z.object({ baseVersion: version });
export const EntityIdSchema = z.object({ id: idField });

export type FieldErrors = Record<string, string>;

/** First message per field, keyed by the form field's name. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "form";
    out[key] ??= issue.message;
  }
  return out;
}

/** An optional instant from a datetime-local + offset pair; both blank means "not recorded". */
function optionalInstant(localKey: string, offsetKey: string) {
  return (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const local = typeof v[localKey] === "string" ? (v[localKey] as string).trim() : "";
    if (!local) return null;
    const at = composeInstant(local, typeof v[offsetKey] === "string" ? (v[offsetKey] as string) : "+00:00");
    if (!at) ctx.addIssue({ code: "custom", path: [localKey], message: "Enter a valid date and time" });
    const outOfRange = at ? instantRangeProblem(Date.parse(at), clock()) : undefined;
    if (outOfRange) ctx.addIssue({ code: "custom", path: [localKey], message: outOfRange });
    return at ?? null;
  };
}

export const CustomerImpactFormSchema = z
  .object({
    startedLocal: z.string().default(""),
    startedOffset: z.string().default("+00:00"),
    endedLocal: z.string().default(""),
    endedOffset: z.string().default("+00:00"),
    errorRate: optionalText(LIMITS.errorRate),
    affected: optionalText(LIMITS.affected),
    regions: commaList,
  })
  .transform((v, ctx) => {
    const impactStartedAt = optionalInstant("startedLocal", "startedOffset")(v, ctx);
    const impactEndedAt = optionalInstant("endedLocal", "endedOffset")(v, ctx);
    if (impactStartedAt && impactEndedAt && Date.parse(impactEndedAt) < Date.parse(impactStartedAt))
      ctx.addIssue({ code: "custom", path: ["endedLocal"], message: "Impact cannot end before it started" });
    return { impactStartedAt, impactEndedAt, errorRate: v.errorRate ?? null, affected: v.affected ?? null, regions: v.regions };
  });
export type CustomerImpactForm = z.output<typeof CustomerImpactFormSchema>;

const checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());
export const CloseoutFormSchema = z.object({
  closeoutFixesValidated: checkbox,
  closeoutDataPreserved: checkbox,
  closeoutFollowupsAssigned: checkbox,
});
export type CloseoutForm = z.output<typeof CloseoutFormSchema>;

/** A rich-text field typed as plain text (the form that works without JavaScript). */
export const RichTextFormSchema = z
  .object({
    section: z.string().transform((key, ctx) => parseRichField(key) ?? (ctx.addIssue({ code: "custom", message: "No such section" }), z.NEVER)),
    text: z
      .string()
      .max(LIMITS.richTextPlain, `The text is too long (${formatLimit(LIMITS.richTextPlain)} characters at most)`)
      .default(""),
  })
  .transform(({ section, text }) => ({ field: section, doc: plainTextToDoc(text) }));

/**
 * The autosave endpoint's JSON body: the document (checked against the editor's schema next, by
 * validateRichText) and the version of its section the editor started from.
 */
export const RichTextSaveSchema = z.object(
  {
    doc: z.unknown(),
    baseVersion: z
      .number({ error: "baseVersion must be a whole number" })
      .int("baseVersion must be a whole number")
      .min(0, "baseVersion must be a whole number"),
  },
  { error: 'The body must be a JSON object: { "doc": …, "baseVersion": … }' },
);

// ─── Lessons and dependencies ───────────────────────────────────────────────────────────

/** Checkboxes named `why-<id>` (one per why node a lesson may flow from) → the checked ids. A plain function, not a nested `.parse`, so it cannot throw inside a transform. */
function checkedWhyIds(values: Record<string, unknown>): number[] {
  return Object.keys(values)
    .filter((k) => /^why-[1-9]\d{0,15}$/.test(k) && values[k] === "on")
    .map((k) => Number(k.slice(4)))
    .filter(Number.isSafeInteger);
}

/** A new lesson: plain paragraphs (the rich editor takes over once it exists) and the whys it flows from. */
export const LessonFormSchema = z
  .looseObject({ text: trimmed(LIMITS.plainParagraphs, "The lesson") })
  .transform((v) => ({ doc: plainTextToDoc(v.text), whyIds: checkedWhyIds(v) }));
export type LessonForm = z.output<typeof LessonFormSchema>;

export const LessonLinksFormSchema = z.looseObject({ id: idField }).transform((v) => ({ id: v.id, whyIds: checkedWhyIds(v) }));

export const MoveRowFormSchema = z.object({ id: idField, direction: z.enum(["up", "down"], { error: "Choose up or down" }) });

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);
export const DependencyFormSchema = z.object({
  // The interchange format allows names of up to 100 characters; more could not be exported and imported again.
  name: trimmed(LIMITS.name, "The dependency's name"),
  performedAsPromised: z.enum(TRI_STATES, { error: "Choose yes, no or unknown" }).default("unknown"),
  implementationValidated: z.enum(TRI_STATES, { error: "Choose yes, no or unknown" }).default("unknown"),
  failureMode: z.preprocess(blankToUndefined, z.enum(FAILURE_MODES, { error: "Choose a failure mode" }).optional()).transform((v) => v ?? null),
});
export type DependencyForm = z.output<typeof DependencyFormSchema>;

/** A new dependency may come with its first notes, typed as plain paragraphs. */
export const NewDependencyFormSchema = DependencyFormSchema.extend({ notes: optionalText(LIMITS.plainParagraphs) }).transform(({ notes, ...rest }) => ({
  ...rest,
  notes: notes ? plainTextToDoc(notes) : null,
}));
export type NewDependencyForm = z.output<typeof NewDependencyFormSchema>;
