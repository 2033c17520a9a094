/**
 * What changed between two revisions of a COE, section by section, for people to read: prose is
 * compared word by word, lists (header fields, timeline, whys outline, items) line by line.
 * Snapshots are interchange documents (see interchange.ts); older or partial ones are tolerated.
 */
import { diffArrays, diffWords } from "diff";
import type { DocJSON } from "../enums";
import { type CoeDocument, resolveWhyPath, walkWhys, type WhyNode } from "./interchange";
import { ACTION_STATUS_LABELS, FAILURE_MODE_LABELS, HORIZON_LABELS, TIMELINE_KIND_LABELS, TRI_STATE_LABELS } from "./labels";
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
export type DiffSection = Exclude<CoeSection, "closeout">;

/** What restoring a revision puts back: everything but action items (which have owners and date logs of their own) and the close-out checklist. */
export type RestorableSection = Exclude<CoeSection, "action-items" | "closeout">;
export const RESTORABLE_SECTIONS: readonly RestorableSection[] = COE_SECTIONS.filter((s): s is RestorableSection => s !== "action-items" && s !== "closeout");

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
        const why = l.whyPath === undefined ? undefined : resolveWhyPath(d.whys, l.whyPath);
        return why ? `${oneLine(l.text)} (from why “${why.text}”)` : oneLine(l.text);
      }),
  },
  {
    section: "action-items",
    mode: "lines",
    lines: (d) =>
      (d.actionItems ?? []).map((i) =>
        [
          i.title,
          HORIZON_LABELS[i.horizon] ?? i.horizon,
          ACTION_STATUS_LABELS[i.status] ?? i.status,
          i.promisedDate ? `promised ${i.promisedDate}` : "no date promised",
          i.owner ?? "no owner",
        ].join(" · "),
      ),
  },
  { section: "customer-rca", mode: "words", text: (d) => richText(d.customerRca) },
];

/** The tree as an indented outline, one node a line (four spaces a level), root causes and evidence named. */
function whyOutline(root: WhyNode | null | undefined): string[] {
  const lines: string[] = [];
  walkWhys(root, (node, path) => {
    const depth = path.split(".").length - 1;
    lines.push(`${"    ".repeat(depth)}${node.text}${node.rootCause ? " [root cause]" : ""}${node.evidence ? ` (evidence: ${node.evidence})` : ""}`);
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
 * Sections that read the same are left out, so an empty list means "no visible change".
 */
export function diffCoeDocuments(before: DiffableCoe, after: DiffableCoe): SectionDiff[] {
  const out: SectionDiff[] = [];
  for (const view of VIEWS) {
    if (view.mode === "words") {
      const [a, b] = [view.text(before), view.text(after)];
      if (a !== b) out.push({ section: view.section, label: DIFF_SECTION_LABELS[view.section], mode: "words", parts: wordParts(a, b) });
    } else {
      const [a, b] = [view.lines(before), view.lines(after)];
      if (a.length !== b.length || a.some((line, i) => line !== b[i])) out.push({ section: view.section, label: DIFF_SECTION_LABELS[view.section], mode: "lines", parts: lineParts(a, b) });
    }
  }
  return out;
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
      return { title: doc.title, severity: doc.severity, team: doc.team, services: doc.services ?? [], tags: doc.tags ?? [], event: doc.event };
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
      return { fastEnough: richContent(q.fastEnough), metricsReflectedCustomers: richContent(q.metricsReflectedCustomers), similarEventsDetectable: richContent(q.similarEventsDetectable) };
    }
    case "dependencies":
      return (doc.dependencies ?? []).map((d) => ({ ...d, notes: richContent(d.notes) ?? undefined }));
    case "lessons":
      return (doc.lessons ?? []).map((l) => ({ ...l, text: richContent(l.text) }));
    case "customer-rca":
      return richContent(doc.customerRca);
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
