import { splitInstant } from "./instant";
import type { FormValues } from "./form-merge";

/*
 * What each edit form of a COE shows, as the strings its fields hold. The forms start from these,
 * and after a 409 the server computes "their" version of the same form with the same functions,
 * so the two can never disagree about what a field holds.
 */

const text = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));
const box = (checked: boolean) => (checked ? "on" : "");

export function headerFormValues(c: {
  title: string;
  severity: number;
  teamId: number;
  services: readonly string[];
  tags: readonly string[];
  eventName: string | null;
  /** The tenets an author may cite (live ones and any retired one already cited): `tenet-<id>` checkboxes. */
  tenets?: readonly { id: number; cited: boolean }[];
}): FormValues {
  return {
    title: c.title,
    severity: text(c.severity),
    teamId: text(c.teamId),
    services: c.services.join(", "),
    tags: c.tags.join(", "),
    event: text(c.eventName),
    ...(c.tenets ? tenetFormValues(c.tenets) : {}),
  };
}

/** `citesTenets` says the form lists the tenets, so none checked means "cites none" (the new-COE form lists none and cites none). */
function tenetFormValues(tenets: readonly { id: number; cited: boolean }[]): FormValues {
  return { citesTenets: "on", ...Object.fromEntries(tenets.map((t) => [`tenet-${t.id}`, box(t.cited)])) };
}

function instantValues(prefix: "started" | "ended", iso: string | null): FormValues {
  const split = iso ? splitInstant(iso) : undefined;
  return { [`${prefix}Local`]: split?.local ?? "", [`${prefix}Offset`]: split?.offset ?? "+00:00" };
}

export function customerImpactFormValues(c: {
  impactStartedAt: string | null;
  impactEndedAt: string | null;
  errorRate: string | null;
  affected: string | null;
  regions: readonly string[];
}): FormValues {
  return {
    ...instantValues("started", c.impactStartedAt),
    ...instantValues("ended", c.impactEndedAt),
    errorRate: text(c.errorRate),
    affected: text(c.affected),
    regions: c.regions.join(", "),
  };
}

export function closeoutFormValues(c: { closeoutFixesValidated: boolean; closeoutDataPreserved: boolean; closeoutFollowupsAssigned: boolean }): FormValues {
  return {
    closeoutFixesValidated: box(c.closeoutFixesValidated),
    closeoutDataPreserved: box(c.closeoutDataPreserved),
    closeoutFollowupsAssigned: box(c.closeoutFollowupsAssigned),
  };
}

export type ActionItemValuesSource = {
  title: string;
  horizon: string;
  ownerId: number | null;
  promisedDate: string | null;
  status: string;
  scaling: string | null;
  validationNote: string | null;
  cancelReason: string | null;
  trackerUrl: string | null;
  isCustomerFacing: boolean;
  whyNodeId: number | null;
  lessonId: number | null;
};

/** An action item; a new one starts open, with nothing else set. `dateChangeReason` is never stored as such (it goes to the date-change log). */
export function actionItemFormValues(i: ActionItemValuesSource | undefined): FormValues {
  return {
    title: text(i?.title),
    horizon: text(i?.horizon),
    ownerId: text(i?.ownerId),
    promisedDate: text(i?.promisedDate),
    dateChangeReason: "",
    status: i?.status ?? "open",
    scaling: text(i?.scaling),
    validationNote: text(i?.validationNote),
    cancelReason: text(i?.cancelReason),
    trackerUrl: text(i?.trackerUrl),
    isCustomerFacing: box(i?.isCustomerFacing ?? false),
    whyNodeId: text(i?.whyNodeId),
    lessonId: text(i?.lessonId),
  };
}

export function dependencyFormValues(d: {
  name: string;
  performedAsPromised: string;
  implementationValidated: string;
  failureMode: string | null;
}): FormValues {
  return { name: d.name, performedAsPromised: d.performedAsPromised, implementationValidated: d.implementationValidated, failureMode: text(d.failureMode) };
}

export function timelineFormValues(e: { at: string; kind: string; text: string; link: string | null }): FormValues {
  const { local, offset } = splitInstant(e.at);
  return { local, offset, kind: e.kind, text: e.text, link: text(e.link) };
}

/** One checkbox per why of the COE (`why-<id>`), checked for those the lesson flows from. */
export function lessonLinksFormValues(linked: readonly number[], whyIds: readonly number[]): FormValues {
  const on = new Set(linked);
  return Object.fromEntries(whyIds.map((id) => [`why-${id}`, box(on.has(id))]));
}

export function whyFormValues(n: { text: string; evidence: string | null }): FormValues {
  return { text: n.text, evidence: text(n.evidence) };
}

/** The forms that edit something existing, by intent: the ones a 409 merges field by field. */
export const MERGED_FORMS = [
  "header",
  "customer-impact",
  "closeout",
  "edit-action-item",
  "edit-dependency",
  "edit-timeline",
  "lesson-links",
  "edit-why",
] as const;
export type MergedForm = (typeof MERGED_FORMS)[number];

const ITEM_LABELS: Record<string, string> = {
  title: "Title",
  horizon: "Horizon",
  ownerId: "Owner",
  promisedDate: "Promised date",
  dateChangeReason: "Reason for a date change",
  status: "Status",
  scaling: "Scaling mechanism",
  validationNote: "Validation note",
  cancelReason: "Cancellation reason",
  trackerUrl: "Tracker link",
  isCustomerFacing: "Customer-facing",
  whyNodeId: "Why it addresses",
  lessonId: "Lesson it follows from",
};

/** What the page calls each field: a banner names fields by these, never by their internal names. */
export const FORM_FIELD_LABELS: Record<MergedForm, Record<string, string>> = {
  header: { title: "Title", severity: "Severity", teamId: "Owning team", services: "Affected services", tags: "Tags", event: "Event" },
  "customer-impact": {
    startedLocal: "Impact started",
    startedOffset: "Impact started: UTC offset",
    endedLocal: "Impact ended",
    endedOffset: "Impact ended: UTC offset",
    errorRate: "Error rate or affected share",
    affected: "Customers or requests affected",
    regions: "Regions",
  },
  closeout: {
    closeoutFixesValidated: "Short-term fixes validated",
    closeoutDataPreserved: "Data and logs preserved",
    closeoutFollowupsAssigned: "Follow-up COEs assigned",
  },
  "edit-action-item": ITEM_LABELS,
  "edit-dependency": {
    name: "Dependency",
    performedAsPromised: "Performed as promised",
    implementationValidated: "Use of it validated",
    failureMode: "Failure mode",
  },
  "edit-timeline": { local: "Time", offset: "UTC offset", kind: "Kind", text: "What happened", link: "Link" },
  "lesson-links": {},
  "edit-why": { text: "Why", evidence: "Evidence" },
};

export const isMergedForm = (intent: string): intent is MergedForm => (MERGED_FORMS as readonly string[]).includes(intent);

/** A field's label in a form; a form with fields named per row (a lesson's why links) passes its own. */
export function formFieldLabel(intent: string, name: string): string {
  const labels = isMergedForm(intent) ? FORM_FIELD_LABELS[intent] : undefined;
  return (
    (labels && Object.hasOwn(labels, name) ? labels[name] : undefined) ??
    (/^why-\d+$/.test(name) ? "a link to a why" : /^tenet-\d+$/.test(name) ? "a cited tenet" : "a field")
  );
}
