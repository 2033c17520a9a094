import type { Db } from "../../db/client";
import type { timelineEntries, whyNodes } from "../../db/schema";
import { coeRows } from "./coe-rows.server";
import { incidentMetrics } from "../domain/coe/incident-metrics";
import { SCHEMA_VERSION, type CoeExport, type CoeMetrics, type WhyNode } from "../domain/coe/interchange";

/** `{ key: value }` when there is a value, `{}` otherwise: absent optional fields are omitted, never null. */
function given<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * The COE as an interchange document in normal form (see interchange.ts), plus derived metrics.
 * Importing the result creates an equal COE; rich text is always exported as TipTap JSON.
 */
export function exportCoe(db: Db, coeId: number): CoeExport | undefined {
  const q = coeRows(db);
  const found = q.coe.get({ coeId });
  if (!found) return undefined;
  const { coe: c, team, event } = found;
  const timeline = q.timeline.all({ coeId });
  const { whys, pathById, orderById } = whyTreeOf(q.whyNodes.all({ coeId }));
  const lessonRows = q.lessons.all({ coeId });
  const lessonIndexById = new Map(lessonRows.map((l, i) => [l.id, i]));
  const firstWhyOfLesson = firstLinkedWhy(q.lessonWhyLinks.all({ coeId }), orderById);

  return {
    schemaVersion: SCHEMA_VERSION,
    title: c.title,
    severity: c.severity,
    status: c.status,
    team,
    services: q.services.all({ coeId }).map((r) => r.name),
    tags: q.tags.all({ coeId }).map((r) => r.name),
    ...given("event", event),
    ...given("impactSummary", c.impactSummary),
    customerImpact: {
      ...given("startedAt", c.impactStartedAt),
      ...given("endedAt", c.impactEndedAt),
      ...given("affected", c.affected),
      ...given("errorRate", c.errorRate),
      regions: c.regions,
    },
    timeline: timeline.map((e) => ({ at: e.at, kind: e.kind, text: e.text, ...given("link", e.link) })),
    whys,
    detection: {
      ...given("fastEnough", c.detectionFastEnough),
      ...given("metricsReflectedCustomers", c.detectionMetricsReflectedCustomers),
      ...given("similarEventsDetectable", c.detectionSimilarEventsDetectable),
    },
    dependencies: q.dependencies.all({ coeId }).map((d) => ({
      name: d.name,
      performedAsPromised: d.performedAsPromised,
      implementationValidated: d.implementationValidated,
      ...given("failureMode", d.failureMode),
      ...given("notes", d.notes),
    })),
    lessons: lessonRows.map((l) => {
      const whyId = firstWhyOfLesson.get(l.id);
      return { text: l.text, ...given("whyPath", whyId === undefined ? undefined : pathById.get(whyId)) };
    }),
    actionItems: q.actionItems.all({ coeId }).map(({ item: a, ownerEmail }) => ({
      title: a.title,
      horizon: a.horizon,
      owner: ownerEmail?.toLowerCase() ?? null,
      promisedDate: a.promisedDate,
      status: a.status,
      customerFacing: a.isCustomerFacing,
      scaling: a.scaling,
      ...given("lessonIndex", a.lessonId === null ? undefined : lessonIndexById.get(a.lessonId)),
      ...given("whyPath", a.whyNodeId === null ? undefined : pathById.get(a.whyNodeId)),
      ...given("validationNote", a.validationNote),
      ...given("cancelReason", a.cancelReason),
      ...given("trackerUrl", a.trackerUrl),
    })),
    ...given("customerRca", c.customerRca),
    metrics: metricsOf(timeline, c.impactStartedAt),
  };
}

type WhyRow = typeof whyNodes.$inferSelect;

/** Nests the adjacency list (rows come sorted by position, then id) and numbers every node's path. */
function whyTreeOf(rows: WhyRow[]) {
  const childrenOf = new Map<number | null, WhyRow[]>();
  for (const row of rows) {
    const siblings = childrenOf.get(row.parentId);
    if (siblings) siblings.push(row);
    else childrenOf.set(row.parentId, [row]);
  }
  const pathById = new Map<number, string>();
  const orderById = new Map<number, number>();
  const build = (row: WhyRow, path: string): WhyNode => {
    pathById.set(row.id, path);
    orderById.set(row.id, orderById.size);
    return {
      text: row.text,
      rootCause: row.isRootCause,
      ...given("evidence", row.evidence),
      children: (childrenOf.get(row.id) ?? []).map((child, i) => build(child, `${path}.${i}`)),
    };
  };
  const root = childrenOf.get(null)?.[0];
  return { whys: root ? build(root, "0") : null, pathById, orderById };
}

/**
 * A lesson may flow from several why nodes (the editor allows it) but the format carries one
 * whyPath; export names the first of them in reading order.
 */
function firstLinkedWhy(links: { lessonId: number; whyNodeId: number }[], orderById: Map<number, number>): Map<number, number> {
  const first = new Map<number, number>();
  for (const { lessonId, whyNodeId } of links) {
    const order = orderById.get(whyNodeId);
    if (order === undefined) continue;
    const current = first.get(lessonId);
    if (current === undefined || order < orderById.get(current)!) first.set(lessonId, whyNodeId);
  }
  return first;
}

function metricsOf(timeline: { kind: (typeof timelineEntries.$inferSelect)["kind"]; atMs: number }[], impactStartedAt: string | null): CoeMetrics {
  const m = incidentMetrics(timeline, impactStartedAt);
  return {
    timeToDetectMs: m.timeToDetect.ms,
    timeToEngageMs: m.timeToEngage.ms,
    timeToMitigateMs: m.timeToMitigate.ms,
    timeToResolveMs: m.timeToResolve.ms,
    timeToFirstCommunicationMs: m.timeToFirstCommunication.ms,
  };
}
