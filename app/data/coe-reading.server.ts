import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coeAuthors, coes } from "../../db/schema";
import { coeRows } from "./coe-rows.server";
import { buildWhyTree } from "../domain/whys/tree";
import { docToPlainText } from "../domain/coe/plain-text-doc";

/** Everything the reading and editing views show, in SPEC §2 order, with ids for anchoring. */
export function getCoe(db: Db, coeId: number) {
  const q = coeRows(db);
  const found = q.coe.get({ coeId });
  if (!found) return undefined;
  const { coe: c, team: teamName, event: eventName } = found;
  const links = q.lessonWhyLinks.all({ coeId });
  return {
    id: c.id,
    title: c.title,
    severity: c.severity,
    status: c.status,
    version: c.version,
    sectionVersions: c.sectionVersions,
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
    services: q.services.all({ coeId }).map((r) => r.name),
    tags: q.tags.all({ coeId }).map((r) => r.name),
    authors: q.authors.all({ coeId }),
    timeline: q.timeline.all({ coeId }).map(({ id, at, atMs, kind, text, link }) => ({ id, at, atMs, kind, text, link })),
    whyTree: buildWhyTree(q.whyNodes.all({ coeId }).map(({ id, parentId, position, text, isRootCause, evidence }) => ({ id, parentId, position, text, isRootCause, evidence }))),
    // `text` is the lesson as plain text, for labels (the why panel, link targets); `doc` is what it says.
    lessons: q.lessons.all({ coeId }).map((l) => ({ id: l.id, doc: l.text, text: docToPlainText(l.text), whyNodeIds: links.filter((k) => k.lessonId === l.id).map((k) => k.whyNodeId) })),
    actionItems: q.actionItems.all({ coeId }).map(({ item: i, ownerName }) => ({
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
    })),
    dependencies: q.dependencies.all({ coeId }).map(({ id, name, performedAsPromised, implementationValidated, failureMode, notes }) => ({ id, name, performedAsPromised, implementationValidated, failureMode, notes })),
  };
}

export type CoeView = NonNullable<ReturnType<typeof getCoe>>;

/** A COE's whys tree alone, and the version of that part (what a drawing of it depends on). */
export function getWhyTree(db: Db, coeId: number) {
  const q = coeRows(db);
  const found = q.coe.get({ coeId });
  if (!found) return undefined;
  const rows = q.whyNodes.all({ coeId }).map(({ id, parentId, position, text, isRootCause, evidence }) => ({ id, parentId, position, text, isRootCause, evidence }));
  return { tree: buildWhyTree(rows), version: found.coe.sectionVersions.whys ?? 0, coeVersion: found.coe.version };
}

export function getCoeAuthorIds(db: Db, coeId: number): number[] {
  return db.select({ userId: coeAuthors.userId }).from(coeAuthors).where(eq(coeAuthors.coeId, coeId)).all().map((r) => r.userId);
}

/** Status, version and authors: what a permission check and a write need. */
export function getCoeAccess(db: Db, coeId: number) {
  const row = db.select({ id: coes.id, status: coes.status }).from(coes).where(eq(coes.id, coeId)).get();
  return row && { ...row, authorIds: getCoeAuthorIds(db, coeId) };
}
