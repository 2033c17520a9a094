/**
 * The COE interchange document, schema version 1 (SPEC §7): one COE per JSON file, for import,
 * export, the API and revision snapshots.
 *
 * Round-trip rule. `CoeDocumentSchema.parse(doc)` returns the *normal form*, and export produces
 * exactly that form, so `export(import(doc))` deep-equals `parse(doc)` once plain-text rich fields
 * are replaced by `plainTextToDoc` of them (the store keeps TipTap JSON only):
 *  - arrays default to [], booleans to false, `status` to "draft", dependency tri-states to
 *    "unknown"; `customerImpact` ({ regions: [] } at least) and `detection` ({}) are always present;
 *  - the fields the format documents as nullable — `whys`, and an action item's `owner`,
 *    `promisedDate` and `scaling` — are always present, null when absent;
 *  - every other optional field is omitted when absent and never null (null is rejected);
 *  - strings are trimmed, owner emails lower-cased, the timeline sorted by instant (stable, so
 *    entries at the same instant keep their order); the read-only `metrics` block is dropped.
 *
 * Added to v1 later, all optional, so files written before them still import (and mean what they
 * meant): `tenets` and `closeout` (always present in the normal form, like `detection`), a why
 * node's `category`, a lesson's `whyPaths`, an action item's `originalPromisedDate` and
 * `dateChanges`. The nested ones are omitted when empty (see each schema for its normal form).
 */
import { z } from "zod";
import type { DocJSON } from "../enums";
import { docHasWords } from "./plain-text-doc";
// Refused at the door as well as dropped when rendering: no stored document may carry a javascript: or data: link.
import { isSafeHref } from "./safe-doc";
import { LIMITS } from "../limits";
import { calendarDateRangeProblem, instantRangeProblem } from "../plausible-dates";
import { ACTION_STATUSES, COE_STATUSES, FAILURE_MODES, HORIZONS, SCALING_MECHANISMS, TIMELINE_KINDS, TRI_STATES } from "../enums";

export const SCHEMA_VERSION = 1;
export const MAX_RICH_TEXT_DEPTH = 50;
export const MAX_WHY_DEPTH = 64;
export const MAX_WHY_NODES = 2000;
/** Raw JSON nesting allowed before zod sees the input: deep enough for the two limits above,
 *  shallow enough that recursive parsing cannot exhaust the stack. */
export const MAX_JSON_NESTING = 300;

// ─── Scalars ─────────────────────────────────────────────────────────────────────────────

const requiredText = (max: number) => z.string().trim().min(1, "must not be empty").max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const NameSchema = requiredText(LIMITS.name);

// Seconds are optional, as in the editor's timeline form; the zone is not.
const INSTANT = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;

/** Date.parse would roll 2019-02-30 over into March; an instant in the format must name a real day. */
function isRealCalendarDay(iso: string): boolean {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/**
 * Whether instants and calendar dates are held to the plausible range. Off only while
 * parseStoredCoeDocument runs (parsing is synchronous, so nothing else can parse meanwhile).
 */
let rangeChecks = true;

export const IsoInstantSchema = z
  .string()
  .describe("An instant in ISO 8601 with its zone (Z or ±hh:mm), kept as written.")
  .regex(INSTANT, "must be ISO 8601 with a zone, e.g. 2019-07-02T13:42:00Z or 2019-07-02T15:42:00+02:00")
  // Not `abort: true` on the regex: an explicit abort would also silence the document's cross-reference checks.
  .refine((iso) => !INSTANT.test(iso) || isRealCalendarDay(iso), "is not a real calendar date")
  // The same plausible range as the edit forms (import runs now, so the clock is read at parse time).
  .superRefine((iso, ctx) => {
    if (!rangeChecks) return;
    const problem = INSTANT.test(iso) && isRealCalendarDay(iso) ? instantRangeProblem(Date.parse(iso), Date.now()) : undefined;
    if (problem) ctx.addIssue({ code: "custom", message: problem.replace(/^Must/, "must") });
  });

const CalendarDateSchema = z.iso.date({ error: "must be a real calendar date written YYYY-MM-DD" }).superRefine((date, ctx) => {
  if (!rangeChecks) return;
  const problem = calendarDateRangeProblem(date, Date.now());
  if (problem) ctx.addIssue({ code: "custom", message: problem.replace(/^Must/, "must") });
});
const HttpUrlSchema = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(LIMITS.url);
const WHY_PATH = /^0(?:\.(?:0|[1-9]\d{0,3}))*$/;
const WhyPathSchema = z
  .string()
  .regex(WHY_PATH, 'must be a why path: child indices from the root, e.g. "0" or "0.2.1"')
  .describe('A node of the whys tree: "0" is the root, "0.2" its third child, "0.2.1" that child\'s second child.');

function uniqueNames(names: string[], ctx: z.core.$RefinementCtx<string[]>) {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (seen.has(name)) ctx.addIssue({ code: "custom", path: [i], message: `lists "${name}" twice` });
    seen.add(name);
  });
}
const NameListSchema = z.array(NameSchema).max(LIMITS.namesPerList).superRefine(uniqueNames).default([]);

// ─── Rich text ───────────────────────────────────────────────────────────────────────────

const AttrsSchema = z.record(z.string(), z.unknown());
const MarkSchema = z.strictObject({ type: z.string().min(1), attrs: AttrsSchema.optional() });
export const DocNodeSchema = z.strictObject({
  type: z.string().min(1),
  attrs: AttrsSchema.optional(),
  get content(): z.ZodOptional<z.ZodArray<typeof DocNodeSchema>> {
    return z.array(DocNodeSchema).optional();
  },
  marks: z.array(MarkSchema).optional(),
  text: z.string().optional(),
});

/** Structure only; which node and mark types exist is the editor's extension list's business. */
function checkDocShape(doc: DocJSON, ctx: z.core.$RefinementCtx<DocJSON>) {
  const stack: { node: DocJSON; path: (string | number)[]; depth: number }[] = [{ node: doc, path: [], depth: 1 }];
  while (stack.length) {
    const { node, path, depth } = stack.pop()!;
    if (depth > MAX_RICH_TEXT_DEPTH) {
      ctx.addIssue({ code: "custom", path, message: `nests deeper than ${MAX_RICH_TEXT_DEPTH} levels` });
      continue;
    }
    if (node.type === "text" && !node.text) ctx.addIssue({ code: "custom", path, message: "a text node needs non-empty text" });
    if (node.type !== "text" && node.text !== undefined)
      ctx.addIssue({ code: "custom", path: [...path, "text"], message: `a ${node.type} node cannot carry text` });
    node.marks?.forEach((mark, i) => {
      if (mark.type === "link" && !isSafeHref(mark.attrs?.href))
        ctx.addIssue({ code: "custom", path: [...path, "marks", i, "attrs", "href"], message: "a link must point to an http(s) or mailto address" });
    });
    node.content?.forEach((child, i) => stack.push({ node: child, path: [...path, "content", i], depth: depth + 1 }));
  }
}

export const RichDocSchema = z
  .strictObject({ type: z.literal("doc"), attrs: AttrsSchema.optional(), content: z.array(DocNodeSchema).optional() })
  .superRefine(checkDocShape);

/** Plain text (paragraphs split by blank lines) or a TipTap JSON doc. */
export const RichTextSchema = z.union([z.string().max(LIMITS.richTextPlain), RichDocSchema], {
  error: 'must be plain text or a TipTap JSON doc ({ "type": "doc", "content": [...] })',
});

// ─── Sections ────────────────────────────────────────────────────────────────────────────

const CustomerImpactSchema = z
  .strictObject({
    startedAt: IsoInstantSchema.optional(),
    endedAt: IsoInstantSchema.optional(),
    affected: optionalText(LIMITS.affected),
    errorRate: optionalText(LIMITS.errorRate),
    regions: NameListSchema,
  })
  .superRefine((impact, ctx) => {
    if (impact.startedAt && impact.endedAt && Date.parse(impact.endedAt) < Date.parse(impact.startedAt))
      ctx.addIssue({ code: "custom", path: ["endedAt"], message: "is before startedAt" });
  })
  .default({ regions: [] });

const TimelineEntrySchema = z.strictObject({
  at: IsoInstantSchema,
  kind: z.enum(TIMELINE_KINDS),
  text: requiredText(LIMITS.timelineText),
  link: HttpUrlSchema.optional(),
});

export const WhyNodeSchema = z.strictObject({
  text: requiredText(LIMITS.whyText),
  rootCause: z.boolean().default(false),
  evidence: optionalText(LIMITS.whyEvidence),
  /** Added to v1 later (optional): the root-cause category used for cross-COE trends. */
  category: optionalText(LIMITS.category),
  get children(): z.ZodDefault<z.ZodArray<typeof WhyNodeSchema>> {
    return z.array(WhyNodeSchema).default([]);
  },
});

function checkTreeSize(root: WhyNode, ctx: z.core.$RefinementCtx<WhyNode>) {
  let count = 0;
  let deepest = 0;
  walkWhys(root, (_node, path) => {
    count += 1;
    deepest = Math.max(deepest, path.split(".").length);
  });
  if (count > MAX_WHY_NODES) ctx.addIssue({ code: "custom", path: [], message: `has ${count} nodes; the limit is ${MAX_WHY_NODES}` });
  if (deepest > MAX_WHY_DEPTH) ctx.addIssue({ code: "custom", path: [], message: `is ${deepest} levels deep; the limit is ${MAX_WHY_DEPTH}` });
}

/** Detection answers are rich text, like the impact summary: plain paragraphs or a TipTap document. */
const DetectionSchema = z
  .strictObject({
    fastEnough: RichTextSchema.optional(),
    metricsReflectedCustomers: RichTextSchema.optional(),
    similarEventsDetectable: RichTextSchema.optional(),
  })
  .default({});

const DependencySchema = z.strictObject({
  name: NameSchema,
  performedAsPromised: z.enum(TRI_STATES).default("unknown"),
  implementationValidated: z.enum(TRI_STATES).default("unknown"),
  failureMode: z.enum(FAILURE_MODES).optional(),
  /** Rich text, like the detection answers: plain paragraphs or a TipTap document. */
  notes: RichTextSchema.optional(),
});

/**
 * A lesson's text is rich text too, and may not be blank. A lesson may flow from several why
 * nodes: `whyPath` names the first (in reading order, what older readers understand) and
 * `whyPaths`, added to v1 later, all of them. Normal form: no link → neither field; one → `whyPath`
 * only; several → `whyPath` (the first) and `whyPaths` (all, in reading order, each once).
 */
const LessonSchema = z
  .strictObject({
    text: RichTextSchema.refine((t) => (typeof t === "string" ? t.trim() !== "" : docHasWords(t)), "must not be empty"),
    whyPath: WhyPathSchema.optional(),
    whyPaths: z.array(WhyPathSchema).max(MAX_WHY_NODES).optional(),
  })
  .overwrite(({ whyPath, whyPaths, ...lesson }) => {
    const paths = sortWhyPaths([...(whyPath === undefined ? [] : [whyPath]), ...(whyPaths ?? [])]);
    return { ...lesson, ...(paths.length ? { whyPath: paths[0] } : {}), ...(paths.length > 1 ? { whyPaths: paths } : {}) };
  });

/** One change of an action item's promised date (added to v1 later): when, by whom, from what, to what, and why. */
const DateChangeSchema = z.strictObject({
  at: IsoInstantSchema,
  by: z.email("must be an email address").toLowerCase().optional(),
  from: CalendarDateSchema.nullable().default(null),
  to: CalendarDateSchema.nullable().default(null),
  reason: requiredText(LIMITS.dateChangeReason),
});

const ActionItemSchema = z
  .strictObject({
    title: requiredText(LIMITS.actionItemTitle),
    horizon: z.enum(HORIZONS),
    owner: z.email("must be an email address or null").toLowerCase().nullable().default(null),
    promisedDate: CalendarDateSchema.nullable().default(null),
    status: z.enum(ACTION_STATUSES).default("open"),
    customerFacing: z.boolean().default(false),
    scaling: z.enum(SCALING_MECHANISMS).nullable().default(null),
    lessonIndex: z.int().min(0).optional(),
    whyPath: WhyPathSchema.optional(),
    validationNote: optionalText(LIMITS.validationNote),
    /** Added to v1 later: who validated it (an email), when it is validated. */
    validatedBy: z.email("must be an email address").toLowerCase().optional(),
    cancelReason: optionalText(LIMITS.cancelReason),
    trackerUrl: HttpUrlSchema.optional(),
    /** Added to v1 later: the first date ever promised, when it differs from `promisedDate` (absent: the same). */
    originalPromisedDate: CalendarDateSchema.nullable().optional(),
    /** Added to v1 later: every change of the promised date, oldest first. */
    dateChanges: z.array(DateChangeSchema).max(1000).optional(),
  })
  .superRefine((item, ctx) => {
    // The database refuses a cancellation without a reason too; saying so here names the field.
    if (item.status === "cancelled" && !item.cancelReason)
      ctx.addIssue({ code: "custom", path: ["cancelReason"], message: "is required when status is cancelled" });
  })
  .overwrite(({ originalPromisedDate, dateChanges, ...item }) => ({
    ...item,
    ...(originalPromisedDate === undefined || originalPromisedDate === item.promisedDate ? {} : { originalPromisedDate }),
    ...(dateChanges?.length ? { dateChanges } : {}),
  }));

/** The close-out checklist (added to v1 later; absent: nothing ticked). */
const CloseoutSchema = z
  .strictObject({
    fixesValidated: z.boolean().default(false),
    dataPreserved: z.boolean().default(false),
    followupsAssigned: z.boolean().default(false),
  })
  .default({ fixesValidated: false, dataPreserved: false, followupsAssigned: false });

const MetricsSchema = z
  .record(z.string(), z.unknown())
  .meta({ readOnly: true, description: "Written by export (durations in ms, null where an anchor is missing); ignored by import." });

// ─── The document ────────────────────────────────────────────────────────────────────────

const CoeDocumentObject = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION, { error: "must be 1 (this is version 1 of the format)" }),
  title: requiredText(LIMITS.coeTitle),
  severity: z.int("must be a whole number from 1 (worst) to 5").min(1).max(5),
  status: z.enum(COE_STATUSES).default("draft"),
  team: NameSchema,
  services: NameListSchema,
  tags: NameListSchema,
  event: NameSchema.optional(),
  impactSummary: RichTextSchema.optional(),
  customerImpact: CustomerImpactSchema,
  timeline: z
    .array(TimelineEntrySchema)
    .max(5000)
    .overwrite((entries) => [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)))
    .default([]),
  whys: WhyNodeSchema.superRefine(checkTreeSize).nullable().default(null),
  detection: DetectionSchema,
  dependencies: z.array(DependencySchema).max(200).default([]),
  lessons: z.array(LessonSchema).max(500).default([]),
  actionItems: z.array(ActionItemSchema).max(500).default([]),
  customerRca: RichTextSchema.optional(),
  /** Added to v1 later: the titles of the organisation's tenets this COE cites. */
  tenets: NameListSchema,
  closeout: CloseoutSchema,
  metrics: MetricsSchema.optional(),
});

type ParsedDocument = z.output<typeof CoeDocumentObject>;

/** Links by whyPath and lessonIndex must land on something; reported even when other fields fail. */
function checkCrossReferences(doc: ParsedDocument, ctx: z.core.$RefinementCtx<ParsedDocument>) {
  const whysFailed = ctx.issues.some((issue) => issue.path?.[0] === "whys");
  const whys = (doc.whys ?? null) as WhyNode | null;
  const checkPath = (path: unknown, at: (string | number)[]) => {
    if (typeof path !== "string" || !WHY_PATH.test(path) || whysFailed) return;
    const problem = whyPathProblem(whys, path);
    if (problem) ctx.addIssue({ code: "custom", path: at, message: problem });
  };
  const lessons: unknown[] = Array.isArray(doc.lessons) ? doc.lessons : [];
  lessons.forEach((lesson, i) => {
    checkPath(field(lesson, "whyPath"), ["lessons", i, "whyPath"]);
    const paths = field(lesson, "whyPaths");
    // Normalised: when there are several, `whyPath` is one of them, so each is reported once.
    if (Array.isArray(paths)) paths.forEach((p, j) => p !== field(lesson, "whyPath") && checkPath(p, ["lessons", i, "whyPaths", j]));
  });
  const items: unknown[] = Array.isArray(doc.actionItems) ? doc.actionItems : [];
  items.forEach((item, i) => {
    checkPath(field(item, "whyPath"), ["actionItems", i, "whyPath"]);
    const lessonIndex = field(item, "lessonIndex");
    if (typeof lessonIndex === "number" && Number.isInteger(lessonIndex) && lessonIndex >= lessons.length)
      ctx.addIssue({
        code: "custom",
        path: ["actionItems", i, "lessonIndex"],
        message: `refers to lesson ${lessonIndex} but the document has ${lessons.length} lesson${lessons.length === 1 ? "" : "s"} (indices start at 0)`,
      });
  });
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
}

export const CoeDocumentSchema = CoeDocumentObject.overwrite(({ metrics: _ignored, ...doc }) => doc).superRefine(checkCrossReferences, {
  when: (payload) => payload.value !== null && typeof payload.value === "object",
});

export type CoeDocumentInput = z.input<typeof CoeDocumentSchema>;
/** The normal form (see the top of this file); `metrics` never survives parsing. */
export type CoeDocument = Omit<z.output<typeof CoeDocumentSchema>, "metrics">;
export type RichText = string | DocJSON;
export type WhyNode = z.output<typeof WhyNodeSchema>;
export type TimelineEntry = CoeDocument["timeline"][number];
export type Dependency = CoeDocument["dependencies"][number];
export type Lesson = CoeDocument["lessons"][number];
export type ActionItem = CoeDocument["actionItems"][number];
export type CoeMetrics = {
  timeToDetectMs: number | null;
  timeToEngageMs: number | null;
  timeToMitigateMs: number | null;
  timeToResolveMs: number | null;
  timeToFirstCommunicationMs: number | null;
};
/** What export produces: the normal form with rich text always as TipTap JSON, plus metrics. */
export type CoeExport = Omit<CoeDocument, "impactSummary" | "customerRca" | "detection" | "dependencies" | "lessons"> & {
  impactSummary?: DocJSON;
  customerRca?: DocJSON;
  detection: { fastEnough?: DocJSON; metricsReflectedCustomers?: DocJSON; similarEventsDetectable?: DocJSON };
  dependencies: (Omit<Dependency, "notes"> & { notes?: DocJSON })[];
  lessons: (Omit<Lesson, "text"> & { text: DocJSON })[];
  metrics: CoeMetrics;
};

// ─── Why paths ───────────────────────────────────────────────────────────────────────────

type Tree<N> = { children: N[] };

/** [2, 1] → "0.2.1": the root is "0", then the index of each child on the way down. */
export function whyPathOf(childIndices: readonly number[]): string {
  return ["0", ...childIndices].join(".");
}

/** "0.2.1" → [2, 1]; undefined when the text is not a why path. */
export function parseWhyPath(path: string): number[] | undefined {
  if (!WHY_PATH.test(path)) return undefined;
  return path.split(".").slice(1).map(Number);
}

export function resolveWhyPath<N extends Tree<N>>(root: N | null | undefined, path: string): N | undefined {
  const indices = parseWhyPath(path);
  if (!root || !indices) return undefined;
  let node: N | undefined = root;
  for (const i of indices) node = node?.children[i];
  return node;
}

/** Reading order of why paths (depth-first, parents first): compare child indices left to right. Duplicates dropped. */
export function sortWhyPaths(paths: readonly string[]): string[] {
  const key = (p: string) => parseWhyPath(p) ?? [];
  const compare = (a: string, b: string) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  };
  return [...new Set(paths)].sort(compare);
}

function whyPathProblem(root: WhyNode | null, path: string): string | undefined {
  if (!root) return `refers to why node ${path} but the document has no whys tree`;
  const indices = parseWhyPath(path)!;
  let node = root;
  for (let depth = 0; depth < indices.length; depth++) {
    const child = node.children[indices[depth]!];
    if (!child) {
      const at = whyPathOf(indices.slice(0, depth));
      return `refers to why node ${path}, but node ${at} has ${node.children.length} ${node.children.length === 1 ? "child" : "children"}`;
    }
    node = child;
  }
  return undefined;
}

/** Depth-first, parents before children, siblings in order: the order import writes rows in. */
export function walkWhys<N extends Tree<N>>(root: N | null | undefined, visit: (node: N, path: string, parentPath: string | undefined) => void) {
  if (!root) return;
  const stack: { node: N; path: string; parentPath: string | undefined }[] = [{ node: root, path: "0", parentPath: undefined }];
  while (stack.length) {
    const { node, path, parentPath } = stack.pop()!;
    visit(node, path, parentPath);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, path: `${path}.${i}`, parentPath: path });
  }
}

// ─── Parsing and reporting ───────────────────────────────────────────────────────────────

export type FormattedIssue = { path: string; message: string };
type PathSegment = PropertyKey;

/** ["timeline", 2, "at"] → "$.timeline[2].at", the way jq and JSONPath readers expect it. */
export function formatJsonPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((out, seg) => {
    if (typeof seg === "number") return `${out}[${seg}]`;
    const key = String(seg);
    return /^[A-Za-z_$][\w$]*$/.test(key) ? `${out}.${key}` : `${out}[${JSON.stringify(key)}]`;
  }, "$");
}

/**
 * One entry per problem, by JSON path. A failed union (plain text or a doc) is reported through
 * the branch the input was aiming at, so a broken doc names the broken node, not "invalid input".
 */
export function formatIssues(error: { issues: readonly z.core.$ZodIssue[] }): FormattedIssue[] {
  const out: FormattedIssue[] = [];
  const visit = (issue: z.core.$ZodIssue, prefix: readonly PathSegment[]) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length) {
      const aimed = issue.errors.filter((branch) => !branch.every((i) => i.code === "invalid_type" && i.path.length === 0));
      if (aimed.length === 1) return aimed[0]!.forEach((i) => visit(i, path));
    }
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ path: formatJsonPath([...path, key]), message: "is not a field of this format" });
      return;
    }
    out.push({ path: formatJsonPath(path), message: issue.message });
  };
  for (const issue of error.issues) visit(issue, []);
  return out;
}

/** The path of the first value nested deeper than `limit`, found without recursion. */
export function findExcessNesting(input: unknown, limit = MAX_JSON_NESTING): PathSegment[] | undefined {
  const stack: { value: unknown; path: PathSegment[] }[] = [{ value: input, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== "object") continue;
    if (path.length >= limit) return path;
    const entries: [PathSegment, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
  }
  return undefined;
}

export type ParseCoeResult = { ok: true; doc: CoeDocument } | { ok: false; errors: FormattedIssue[] };

/**
 * Parses what this system stored itself (a revision's snapshot, the COE's own export) with every
 * check but the plausible date range: a date written before the range was enforced (a "resolved"
 * in the year 9999) must still read, compare and restore as it was — never silently changed, never
 * a 500. Callers name such dates to the user (see implausibleDates).
 */
export function parseStoredCoeDocument(input: unknown): ParseCoeResult {
  rangeChecks = false;
  try {
    return parseCoeDocument(input);
  } finally {
    rangeChecks = true;
  }
}

/** Use this rather than CoeDocumentSchema.safeParse on untrusted input: it refuses absurd nesting first. */
export function parseCoeDocument(input: unknown): ParseCoeResult {
  const tooDeep = findExcessNesting(input);
  if (tooDeep) return { ok: false, errors: [{ path: formatJsonPath(tooDeep), message: `nests deeper than ${MAX_JSON_NESTING} levels` }] };
  const result = CoeDocumentSchema.safeParse(input);
  return result.success ? { ok: true, doc: result.data } : { ok: false, errors: formatIssues(result.error) };
}
