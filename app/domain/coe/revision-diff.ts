/**
 * What changed between two revisions of a COE, section by section, for people to read: prose is
 * compared word by word, lists (header fields, timeline, whys outline, items) line by line.
 * Snapshots are interchange documents (see interchange.ts); older or partial ones are tolerated.
 */
import { diffArrays, diffWords } from "diff";
import type { DocJSON } from "../enums";
import { type CoeDocument, resolveWhyPath, walkWhys, type WhyNode } from "./interchange";
import { formatUtc } from "./instant";
import { ACTION_STATUS_LABELS, FAILURE_MODE_LABELS, HORIZON_LABELS, SCALING_LABELS, TIMELINE_KIND_LABELS, TRI_STATE_LABELS } from "./labels";
import { docToPlainText, plainTextToDoc } from "./plain-text-doc";
import { COE_SECTIONS, type CoeSection } from "./sections";

/** Rich text on one line, for the line-by-line views of lists. */
const oneLine = (value: string | DocJSON | undefined) => richText(value).replace(/\s*\n+\s*/g, " ");

/** A snapshot as stored: any part may be missing (a snapshot of a COE that no longer exported is `{}`). */
type Rich = string | DocJSON;
/** A snapshot as stored: rich fields may be plain text (older snapshots) or TipTap JSON. */
export type DiffableCoe = Partial<Omit<CoeDocument, "impactSummary" | "customerRca" | "detection" | "dependencies" | "lessons">> & {
  impactSummary?: Rich;
  customerRca?: Rich;
  detection?: { fastEnough?: Rich; metricsReflectedCustomers?: Rich; similarEventsDetectable?: Rich };
  dependencies?: (Omit<CoeDocument["dependencies"][number], "notes"> & { notes?: Rich })[];
  lessons?: (Omit<CoeDocument["lessons"][number], "text"> & { text: Rich })[];
};

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };
/** `mode` says how to show `parts`: "words" runs inline, "lines" has one part per line. */
export type SectionDiff = { section: DiffSection; label: string; mode: "words" | "lines"; parts: DiffPart[] };

/** The sections a diff reports, in SPEC §2 order. */
export type DiffSection = CoeSection;

/**
 * What restoring a revision puts back: every section, action items (with their promised-date
 * logs) and the close-out checklist included. Only the status is not content: it moves through
 * submit, review and approval.
 */
export type RestorableSection = CoeSection;
export const RESTORABLE_SECTIONS: readonly RestorableSection[] = COE_SECTIONS;

export const DIFF_SECTION_LABELS: Record<DiffSection, string> = {
  header: "Header",
  "impact-summary": "Impact summary",
  "customer-impact": "Customer impact",
  timeline: "Timeline",
  whys: "Five whys",
  detection: "Detection and observability",
  dependencies: "Dependencies",
  lessons: "Lessons learned",
  "action-items": "Action items",
  "customer-rca": "Customer-facing root cause analysis",
  closeout: "Close-out checklist",
};

/** Above this many changed words a prose diff is shown as "all of it replaced": cheaper, and as readable. */
const MAX_WORD_EDITS = 2000;

const DASH = "—";
const orDash = (value: string | undefined | null) => (value === undefined || value === null || value.trim() === "" ? DASH : value);
const listOrDash = (values: readonly string[] | undefined) => (values?.length ? values.join(", ") : DASH);

function richText(value: string | DocJSON | undefined): string {
  if (value === undefined) return "";
  return (typeof value === "string" ? value : docToPlainText(value)).trim();
}

type View = { section: DiffSection } & ({ mode: "words"; text: (doc: DiffableCoe) => string } | { mode: "lines"; lines: (doc: DiffableCoe) => string[] });

const VIEWS: readonly View[] = [
  {
    section: "header",
    mode: "lines",
    lines: (d) => [
      `Title: ${orDash(d.title)}`,
      `Severity: ${d.severity === undefined ? DASH : `Sev ${d.severity}`}`,
      `Team: ${orDash(d.team)}`,
      `Services: ${listOrDash(d.services)}`,
      `Tags: ${listOrDash(d.tags)}`,
      `Event: ${orDash(d.event)}`,
      `Tenets cited: ${listOrDash(d.tenets)}`,
    ],
  },
  { section: "impact-summary", mode: "words", text: (d) => richText(d.impactSummary) },
  {
    section: "customer-impact",
    mode: "lines",
    lines: ({ customerImpact: c }) => [
      `Impact started: ${orDash(c?.startedAt)}`,
      `Impact ended: ${orDash(c?.endedAt)}`,
      `Customers or requests affected: ${orDash(c?.affected)}`,
      `Error rate / affected share: ${orDash(c?.errorRate)}`,
      `Regions: ${listOrDash(c?.regions)}`,
    ],
  },
  {
    section: "timeline",
    mode: "lines",
    lines: (d) => (d.timeline ?? []).map((e) => [e.at, TIMELINE_KIND_LABELS[e.kind] ?? e.kind, e.text, ...(e.link ? [e.link] : [])].join(" · ")),
  },
  { section: "whys", mode: "lines", lines: (d) => whyOutline(d.whys) },
  {
    section: "detection",
    mode: "words",
    text: ({ detection: q }) =>
      [
        `Did we detect it fast enough?\n${orDash(richText(q?.fastEnough) || undefined)}`,
        `Did our metrics reflect what customers experienced?\n${orDash(richText(q?.metricsReflectedCustomers) || undefined)}`,
        `Could we detect similar events?\n${orDash(richText(q?.similarEventsDetectable) || undefined)}`,
      ].join("\n\n"),
  },
  {
    section: "dependencies",
    mode: "lines",
    lines: (d) =>
      (d.dependencies ?? []).map((dep) =>
        [
          dep.name,
          `performed as promised: ${TRI_STATE_LABELS[dep.performedAsPromised] ?? dep.performedAsPromised}`,
          `our use validated: ${TRI_STATE_LABELS[dep.implementationValidated] ?? dep.implementationValidated}`,
          `failure mode: ${dep.failureMode ? (FAILURE_MODE_LABELS[dep.failureMode] ?? dep.failureMode) : DASH}`,
          ...(richText(dep.notes) ? [`notes: ${oneLine(dep.notes)}`] : []),
        ].join(" · "),
      ),
  },
  {
    section: "lessons",
    mode: "lines",
    lines: (d) =>
      (d.lessons ?? []).map((l) => {
        const whys = lessonWhyPaths(l).map((path) => whyLabel(d, path));
        if (!whys.length) return oneLine(l.text);
        return `${oneLine(l.text)} (from ${whys.length === 1 ? "why" : "whys"} ${whys.join(", ")})`;
      }),
  },
  { section: "action-items", mode: "lines", lines: (d) => (d.actionItems ?? []).flatMap((item) => actionItemLines(d, item)) },
  { section: "customer-rca", mode: "words", text: (d) => richText(d.customerRca) },
  {
    section: "closeout",
    mode: "lines",
    lines: ({ closeout: c }) => [
      `Short-term fixes validated: ${yesNo(c?.fixesValidated)}`,
      `Data and evidence preserved: ${yesNo(c?.dataPreserved)}`,
      `Follow-ups assigned: ${yesNo(c?.followupsAssigned)}`,
    ],
  },
];

/** A date change's instant as the history shows times; as written when a snapshot holds something else. */
const whenChanged = (at: string) => (Number.isNaN(Date.parse(at)) ? at : formatUtc(Date.parse(at)));
const yesNo = (value: boolean | undefined) => (value ? "yes" : "no");
const SUB = "    ";

type Item = NonNullable<DiffableCoe["actionItems"]>[number];
type LessonLike = { whyPath?: string; whyPaths?: string[] };

function lessonWhyPaths(lesson: LessonLike): string[] {
  return [...new Set([...(lesson.whyPath === undefined ? [] : [lesson.whyPath]), ...(lesson.whyPaths ?? [])])];
}

/** A why as people know it: its text in quotes, or its path when the snapshot's tree does not have it. */
function whyLabel(d: DiffableCoe, path: string): string {
  const why = resolveWhyPath(d.whys, path);
  return why ? `“${why.text}”` : `at ${path}`;
}

/** One line an item (as before), then one indented line per detail it has: links, the original promise, notes, and every date change. */
function actionItemLines(d: DiffableCoe, i: Item): string[] {
  const lesson = i.lessonIndex === undefined ? undefined : d.lessons?.[i.lessonIndex];
  const details = [
    i.originalPromisedDate !== undefined ? `first promised ${i.originalPromisedDate ?? "nothing"}` : undefined,
    i.customerFacing ? "customer-facing" : undefined,
    i.scaling ? `scaling: ${SCALING_LABELS[i.scaling] ?? i.scaling}` : undefined,
    i.trackerUrl ? `tracker: ${i.trackerUrl}` : undefined,
    i.whyPath !== undefined ? `for why ${whyLabel(d, i.whyPath)}` : undefined,
    i.lessonIndex !== undefined ? `for lesson ${lesson ? `“${oneLine(lesson.text)}”` : i.lessonIndex + 1}` : undefined,
    i.validationNote ? `validation: ${i.validationNote}` : undefined,
    i.cancelReason ? `cancelled because: ${i.cancelReason}` : undefined,
    ...(i.dateChanges ?? []).map(
      (c) => `${whenChanged(c.at)}: promised date ${c.from ?? "none"} → ${c.to ?? "none"}${c.by ? ` by ${c.by}` : ""} (${c.reason})`,
    ),
  ];
  const head = [
    i.title,
    HORIZON_LABELS[i.horizon] ?? i.horizon,
    ACTION_STATUS_LABELS[i.status] ?? i.status,
    i.promisedDate ? `promised ${i.promisedDate}` : "no date promised",
    i.owner ?? "no owner",
  ].join(" · ");
  return [head, ...details.filter((line): line is string => line !== undefined).map((line) => SUB + line)];
}

/** The tree as an indented outline, one node a line (four spaces a level), root causes and evidence named. */
function whyOutline(root: WhyNode | null | undefined): string[] {
  const lines: string[] = [];
  walkWhys(root, (node, path) => {
    const depth = path.split(".").length - 1;
    const category = node.category ? ` [category: ${node.category}]` : "";
    lines.push(`${"    ".repeat(depth)}${node.text}${node.rootCause ? " [root cause]" : ""}${category}${node.evidence ? ` (evidence: ${node.evidence})` : ""}`);
  });
  return lines;
}

function wordParts(before: string, after: string): DiffPart[] {
  const changes = diffWords(before, after, { maxEditLength: MAX_WORD_EDITS });
  if (!changes) return [...(before ? [{ kind: "removed" as const, text: before }] : []), ...(after ? [{ kind: "added" as const, text: after }] : [])];
  return changes.filter((c) => c.value !== "").map((c) => ({ kind: c.added ? "added" : c.removed ? "removed" : "same", text: c.value }));
}

function lineParts(before: string[], after: string[]): DiffPart[] {
  return diffArrays(before, after).flatMap((c) => c.value.map((text) => ({ kind: c.added ? "added" : c.removed ? "removed" : "same", text }) as DiffPart));
}

/**
 * The sections that differ between `before` and `after`, in SPEC order, each with its diff.
 * Sections that read the same are left out, so an empty list means "no visible change" — and,
 * since every section whose stored content differs is reported (by its readable view, or failing
 * that field by field), "a restore of one over the other would change nothing".
 */
export function diffCoeDocuments(beforeIn: DiffableCoe, afterIn: DiffableCoe): SectionDiff[] {
  const [before, after] = alignUnrecorded(beforeIn, afterIn);
  const out: SectionDiff[] = [];
  for (const view of VIEWS) {
    const label = DIFF_SECTION_LABELS[view.section];
    if (view.mode === "words") {
      const [a, b] = [view.text(before), view.text(after)];
      if (a !== b) {
        out.push({ section: view.section, label, mode: "words", parts: wordParts(a, b) });
        continue;
      }
    } else {
      const [a, b] = [view.lines(before), view.lines(after)];
      if (a.length !== b.length || a.some((line, i) => line !== b[i])) {
        out.push({ section: view.section, label, mode: "lines", parts: lineParts(a, b) });
        continue;
      }
    }
    // The readable view missed a stored difference (whitespace, a detail it does not show): list the fields.
    const [x, y] = [sectionContent(before, view.section), sectionContent(after, view.section)];
    if (canonicalJson(x) !== canonicalJson(y)) out.push({ section: view.section, label, mode: "lines", parts: lineParts(fieldLines(x), fieldLines(y)) });
  }
  return out;
}

/** Every leaf of a section's content as `path: value`, the last resort of the diff view. */
function fieldLines(value: unknown, path = ""): string[] {
  if (value === null || value === undefined || typeof value !== "object") return [`${path || "value"}: ${JSON.stringify(value ?? null)}`];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [`[${i}]`, v] as const)
    : Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [path ? `.${k}` : k, v] as const);
  if (!entries.length) return [`${path || "value"}: ${Array.isArray(value) ? "[]" : "{}"}`];
  return entries.flatMap(([key, v]) => fieldLines(v, `${path}${key}`));
}

/**
 * Snapshots written before the close-out checklist and tenets were recorded do not have them; a
 * restore of such a version leaves them as they are, so the diff takes the other side's.
 */
function alignUnrecorded(before: DiffableCoe, after: DiffableCoe): [DiffableCoe, DiffableCoe] {
  const fill = (a: DiffableCoe, b: DiffableCoe): DiffableCoe => ({
    ...a,
    ...(a.closeout === undefined && b.closeout !== undefined ? { closeout: b.closeout } : {}),
    ...(a.tenets === undefined && b.tenets !== undefined ? { tenets: b.tenets } : {}),
  });
  return [fill(before, after), fill(after, before)];
}

// ─── What a restore must rewrite ─────────────────────────────────────────────────────────

/** An empty narrative is the same whether it was never written or written and cleared. */
function richContent(value: string | DocJSON | undefined): DocJSON | null {
  if (value === undefined) return null;
  const doc = typeof value === "string" ? plainTextToDoc(value) : value;
  const isEmpty = (doc.content ?? []).every((node) => node.type === "paragraph" && !node.content?.length);
  return isEmpty ? null : doc;
}

/** The stored content of one restorable section, in a form that compares equal exactly when the content is the same. */
function sectionContent(doc: DiffableCoe, section: RestorableSection): unknown {
  switch (section) {
    case "header":
      return {
        title: doc.title,
        severity: doc.severity,
        team: doc.team,
        services: doc.services ?? [],
        tags: doc.tags ?? [],
        event: doc.event,
        tenets: doc.tenets ?? [],
      };
    case "impact-summary":
      return richContent(doc.impactSummary);
    case "customer-impact":
      return doc.customerImpact ?? { regions: [] };
    case "timeline":
      return doc.timeline ?? [];
    case "whys":
      return doc.whys ?? null;
    case "detection": {
      const q = doc.detection ?? {};
      return {
        fastEnough: richContent(q.fastEnough),
        metricsReflectedCustomers: richContent(q.metricsReflectedCustomers),
        similarEventsDetectable: richContent(q.similarEventsDetectable),
      };
    }
    case "dependencies":
      return (doc.dependencies ?? []).map((d) => ({ ...d, notes: richContent(d.notes) ?? undefined }));
    case "lessons":
      return (doc.lessons ?? []).map(({ whyPath: _first, whyPaths: _all, ...l }) => ({
        ...l,
        text: richContent(l.text),
        whyPaths: lessonWhyPaths({ whyPath: _first, whyPaths: _all }).sort(),
      }));
    case "action-items":
      // Absent means "the same as the promised date" (the format's normal form).
      return (doc.actionItems ?? []).map((i) => ({
        ...i,
        originalPromisedDate: i.originalPromisedDate === undefined ? i.promisedDate : i.originalPromisedDate,
        dateChanges: i.dateChanges ?? [],
      }));
    case "customer-rca":
      return richContent(doc.customerRca);
    case "closeout": {
      const c = doc.closeout;
      return { fixesValidated: c?.fixesValidated ?? false, dataPreserved: c?.dataPreserved ?? false, followupsAssigned: c?.followupsAssigned ?? false };
    }
  }
}

/** JSON with object keys sorted and undefined fields dropped, so equal content gives equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * The restorable sections whose stored content differs between two documents (compared exactly,
 * not as displayed: an edited evidence note counts). A restore rewrites, and conflict-checks, only these.
 */
export function changedRestorableSections(current: DiffableCoe, target: DiffableCoe): RestorableSection[] {
  return RESTORABLE_SECTIONS.filter((s) => canonicalJson(sectionContent(current, s)) !== canonicalJson(sectionContent(target, s)));
}

/** What a compare of two versions shows about the status, which no restore changes. */
export function statusChange(before: DiffableCoe, after: DiffableCoe): { from: string; to: string } | undefined {
  return before.status !== undefined && after.status !== undefined && before.status !== after.status ? { from: before.status, to: after.status } : undefined;
}
