import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { actionItemDateChanges, actionItems, coeTenets, rootCauseCategories, tenets, users, whyNodes, type timelineEntries } from "../../db/schema";
import { coeRows } from "./coe-rows.server";
import { incidentMetrics } from "../domain/coe/incident-metrics";
import { SCHEMA_VERSION, sortWhyPaths, type ActionItem, type CoeExport, type CoeMetrics, type WhyNode } from "../domain/coe/interchange";
import { perConnection } from "./per-connection.server";

/** The parts coeRows (shared with the pages) does not read: tenets cited, root-cause category names and the promised-date log. */
const exportRows = perConnection((db) => {
  const coeId = sql.placeholder("coeId");
  return {
    tenets: db
      .select({ title: tenets.title })
      .from(coeTenets)
      .innerJoin(tenets, eq(tenets.id, coeTenets.tenetId))
      .where(eq(coeTenets.coeId, coeId))
      .orderBy(asc(tenets.position), asc(tenets.id))
      .prepare("coe_export_tenets"),
    categories: db
      .selectDistinct({ id: rootCauseCategories.id, name: rootCauseCategories.name })
      .from(whyNodes)
      .innerJoin(rootCauseCategories, eq(rootCauseCategories.id, whyNodes.categoryId))
      .where(eq(whyNodes.coeId, coeId))
      .prepare("coe_export_categories"),
    dateChanges: db
      .select({ change: actionItemDateChanges, byEmail: users.email })
      .from(actionItemDateChanges)
      .innerJoin(actionItems, eq(actionItems.id, actionItemDateChanges.actionItemId))
      .leftJoin(users, eq(users.id, actionItemDateChanges.changedById))
      .where(eq(actionItems.coeId, coeId))
      .orderBy(asc(actionItemDateChanges.createdAt), asc(actionItemDateChanges.id))
      .prepare("coe_export_date_changes"),
    validators: db
      .select({ itemId: actionItems.id, email: users.email })
      .from(actionItems)
      .innerJoin(users, eq(users.id, actionItems.validatedById))
      .where(eq(actionItems.coeId, coeId))
      .prepare("coe_export_validators"),
  };
});

/** `{ key: value }` when there is a value, `{}` otherwise: absent optional fields are omitted, never null. */
function given<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * The COE as an interchange document in normal form (see interchange.ts), plus derived metrics.
 * Importing the result creates an equal COE; rich text is always exported as TipTap JSON.
 */
export async function exportCoe(db: Db, coeId: number): Promise<CoeExport | undefined> {
  const q = coeRows(db);
  const [found] = await q.coe.execute({ coeId });
  if (!found) return undefined;
  const { coe: c, team, event } = found;
  const timeline = (await q.timeline.execute({ coeId }));
  const extra = exportRows(db);
  const categoryName = new Map((await extra.categories.execute({ coeId })).map((c) => [c.id, c.name]));
  const { whys, pathById } = whyTreeOf(await q.whyNodes.execute({ coeId }), categoryName);
  const lessonRows = await q.lessons.execute({ coeId });
  const lessonIndexById = new Map(lessonRows.map((l, i) => [l.id, i]));
  const whyPathsOfLesson = linkedWhyPaths(await q.lessonWhyLinks.execute({ coeId }), pathById);
  const changesByItem = new Map<number, NonNullable<ActionItem["dateChanges"]>>();
  for (const { change: d, byEmail } of (await extra.dateChanges.execute({ coeId }))) {
    const entry = { at: d.createdAt.toISOString(), ...given("by", byEmail?.toLowerCase()), from: d.fromDate, to: d.toDate, reason: d.reason };
    changesByItem.set(d.actionItemId, [...(changesByItem.get(d.actionItemId) ?? []), entry]);
  }
  const validatorOf = new Map((await extra.validators.execute({ coeId })).map((v) => [v.itemId, v.email.toLowerCase()]));

  return {
    schemaVersion: SCHEMA_VERSION,
    title: c.title,
    severity: c.severity,
    status: c.status,
    team,
    services: (await q.services.execute({ coeId })).map((r) => r.name),
    tags: (await q.tags.execute({ coeId })).map((r) => r.name),
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
    dependencies: (await q.dependencies.execute({ coeId })).map((d) => ({
      name: d.name,
      performedAsPromised: d.performedAsPromised,
      implementationValidated: d.implementationValidated,
      ...given("failureMode", d.failureMode),
      ...given("notes", d.notes),
    })),
    lessons: lessonRows.map((l) => {
      const paths = whyPathsOfLesson.get(l.id) ?? [];
      return { text: l.text, ...given("whyPath", paths[0]), ...(paths.length > 1 ? { whyPaths: paths } : {}) };
    }),
    actionItems: (await q.actionItems.execute({ coeId })).map(({ item: a, ownerEmail }) => ({
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
      ...given("validatedBy", a.status === "validated" ? validatorOf.get(a.id) : undefined),
      ...given("cancelReason", a.cancelReason),
      ...given("trackerUrl", a.trackerUrl),
      // Absent means "the same as promisedDate"; null (nothing was ever promised) is kept when it differs.
      ...(a.originalPromisedDate === a.promisedDate ? {} : { originalPromisedDate: a.originalPromisedDate }),
      ...given("dateChanges", changesByItem.get(a.id)),
    })),
    ...given("customerRca", c.customerRca),
    tenets: (await extra.tenets.execute({ coeId })).map((t) => t.title),
    closeout: { fixesValidated: c.closeoutFixesValidated, dataPreserved: c.closeoutDataPreserved, followupsAssigned: c.closeoutFollowupsAssigned },
    metrics: metricsOf(timeline, c.impactStartedAt),
  };
}

type WhyRow = typeof whyNodes.$inferSelect;

/** Nests the adjacency list (rows come sorted by position, then id) and numbers every node's path. */
function whyTreeOf(rows: WhyRow[], categoryName: Map<number, string>) {
  const childrenOf = new Map<number | null, WhyRow[]>();
  for (const row of rows) {
    const siblings = childrenOf.get(row.parentId);
    if (siblings) siblings.push(row);
    else childrenOf.set(row.parentId, [row]);
  }
  const pathById = new Map<number, string>();
  const build = (row: WhyRow, path: string): WhyNode => {
    pathById.set(row.id, path);
    return {
      text: row.text,
      rootCause: row.isRootCause,
      ...given("evidence", row.evidence),
      ...given("category", row.categoryId === null ? undefined : categoryName.get(row.categoryId)),
      children: (childrenOf.get(row.id) ?? []).map((child, i) => build(child, `${path}.${i}`)),
    };
  };
  const root = childrenOf.get(null)?.[0];
  return { whys: root ? build(root, "0") : null, pathById };
}

/** Every why node each lesson flows from, as paths in reading order (the format's normal form). */
function linkedWhyPaths(links: { lessonId: number; whyNodeId: number }[], pathById: Map<number, string>): Map<number, string[]> {
  const paths = new Map<number, string[]>();
  for (const { lessonId, whyNodeId } of links) {
    const path = pathById.get(whyNodeId);
    if (path !== undefined) paths.set(lessonId, [...(paths.get(lessonId) ?? []), path]);
  }
  for (const [lessonId, list] of paths) paths.set(lessonId, sortWhyPaths(list));
  return paths;
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
