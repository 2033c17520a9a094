import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coeAuthors, coes } from "../../db/schema";
import { coeRows } from "./coe-rows.server";
import { tenetChoicesFor } from "./tenets.server";
import { listCategories } from "./categories.server";
import { utcDay } from "../domain/calendar-date";
import { sectionVersionOf, sectionVersionsOf } from "./section-versions.server";
import { buildWhyTree, type WhyRow } from "../domain/whys/tree";
import { docToPlainText } from "../domain/coe/plain-text-doc";

/** Everything the reading and editing views show, in SPEC §2 order, with ids for anchoring. */
export async function getCoe(db: Db, coeId: number) {
  const q = coeRows(db);
  // Versions are read before the content they guard: content read later can only be newer, so a
  // write based on them can meet a needless 409, never overwrite a change its author did not see.
  const [found] = await q.coe.execute({ coeId });
  if (!found) return undefined;
  const sectionVersions = await sectionVersionsOf(db, coeId);
  const { coe: c, team: teamName, event: eventName } = found;
  const links = (await q.lessonWhyLinks.execute({ coeId }));
  return {
    id: c.id,
    title: c.title,
    severity: c.severity,
    status: c.status,
    version: c.version,
    sectionVersions,
    teamId: c.teamId,
    teamName,
    eventName,
    impactSummary: c.impactSummary,
    customerRca: c.customerRca,
    impactStartedAt: c.impactStartedAt,
    impactEndedAt: c.impactEndedAt,
    affected: c.affected,
    errorRate: c.errorRate,
    regions: c.regions,
    detectionFastEnough: c.detectionFastEnough,
    detectionMetricsReflectedCustomers: c.detectionMetricsReflectedCustomers,
    detectionSimilarEventsDetectable: c.detectionSimilarEventsDetectable,
    closeoutFixesValidated: c.closeoutFixesValidated,
    closeoutDataPreserved: c.closeoutDataPreserved,
    closeoutFollowupsAssigned: c.closeoutFollowupsAssigned,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    services: (await q.services.execute({ coeId })).map((r) => r.name),
    tags: (await q.tags.execute({ coeId })).map((r) => r.name),
    tenets: await tenetChoicesFor(db, coeId),
    authors: (await q.authors.execute({ coeId })),
    timeline: (await q.timeline.execute({ coeId })).map(({ id, at, atMs, kind, text, link }) => ({ id, at, atMs, kind, text, link })),
    whyTree: buildWhyTree(await whyRowsOf(db, coeId)),
    // `text` is the lesson as plain text, for labels (the why panel, link targets); `doc` is what it says.
    lessons: (await q.lessons.execute({ coeId })).map((l) => ({ id: l.id, doc: l.text, text: docToPlainText(l.text), whyNodeIds: links.filter((k) => k.lessonId === l.id).map((k) => k.whyNodeId) })),
    actionItems: (await q.actionItems.execute({ coeId })).map(({ item: i, ownerName }) => ({
      id: i.id,
      title: i.title,
      horizon: i.horizon,
      ownerId: i.ownerId,
      ownerName,
      originalPromisedDate: i.originalPromisedDate,
      promisedDate: i.promisedDate,
      status: i.status,
      validationNote: i.validationNote,
      cancelReason: i.cancelReason,
      scaling: i.scaling,
      isCustomerFacing: i.isCustomerFacing,
      trackerUrl: i.trackerUrl,
      lessonId: i.lessonId,
      whyNodeId: i.whyNodeId,
      version: i.version,
      createdDay: utcDay(i.createdAt.getTime()),
      validatedDay: i.validatedAt ? utcDay(i.validatedAt.getTime()) : null,
    })),
    dependencies: (await q.dependencies.execute({ coeId })).map(({ id, name, performedAsPromised, implementationValidated, failureMode, notes }) => ({ id, name, performedAsPromised, implementationValidated, failureMode, notes })),
  };
}

export type CoeView = NonNullable<Awaited<ReturnType<typeof getCoe>>>;

/** A COE's whys tree alone, and the version of that part (what a drawing of it depends on). */
export async function getWhyTree(db: Db, coeId: number) {
  const q = coeRows(db);
  const [found] = await q.coe.execute({ coeId });
  if (!found) return undefined;
  const version = await sectionVersionOf(db, coeId, "whys");
  return { tree: buildWhyTree(await whyRowsOf(db, coeId)), version, coeVersion: found.coe.version };
}

/** A COE's why rows with each root cause's category name (a rename shows at once: nodes point at the category). */
async function whyRowsOf(db: Db, coeId: number): Promise<WhyRow[]> {
  const categoryNames = new Map((await listCategories(db)).map((c) => [c.id, c.name]));
  return (await coeRows(db).whyNodes.execute({ coeId })).map(({ id, parentId, position, text, isRootCause, evidence, categoryId }) => ({
    id,
    parentId,
    position,
    text,
    isRootCause,
    evidence,
    categoryId,
    category: categoryId === null ? undefined : categoryNames.get(categoryId),
  }));
}

export async function getCoeAuthorIds(db: Db, coeId: number): Promise<number[]> {
  return (await db.select({ userId: coeAuthors.userId }).from(coeAuthors).where(eq(coeAuthors.coeId, coeId))).map((r) => r.userId);
}

/** Status, version and authors: what a permission check and a write need. */
export async function getCoeAccess(db: Db, coeId: number) {
  const [row] = await db.select({ id: coes.id, status: coes.status }).from(coes).where(eq(coes.id, coeId));
  return row && { ...row, authorIds: await getCoeAuthorIds(db, coeId) };
}
