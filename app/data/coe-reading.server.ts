import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  actionItems,
  coeAuthors,
  coes,
  coeServices,
  coeTags,
  dependencies,
  events,
  lessons,
  lessonWhyLinks,
  services,
  tags,
  teams,
  timelineEntries,
  users,
  whyNodes,
} from "../../db/schema";
import { buildWhyTree } from "../domain/whys/tree";
import { docToPlainText } from "../domain/coe/plain-text-doc";

/** Everything the reading and editing views show, in SPEC §2 order, with ids for anchoring. */
export function getCoe(db: Db, coeId: number) {
  const header = db
    .select({
      id: coes.id,
      title: coes.title,
      severity: coes.severity,
      status: coes.status,
      version: coes.version,
      sectionVersions: coes.sectionVersions,
      teamId: coes.teamId,
      teamName: teams.name,
      eventName: events.name,
      impactSummary: coes.impactSummary,
      customerRca: coes.customerRca,
      impactStartedAt: coes.impactStartedAt,
      impactEndedAt: coes.impactEndedAt,
      affected: coes.affected,
      errorRate: coes.errorRate,
      regions: coes.regions,
      detectionFastEnough: coes.detectionFastEnough,
      detectionMetricsReflectedCustomers: coes.detectionMetricsReflectedCustomers,
      detectionSimilarEventsDetectable: coes.detectionSimilarEventsDetectable,
      closeoutFixesValidated: coes.closeoutFixesValidated,
      closeoutDataPreserved: coes.closeoutDataPreserved,
      closeoutFollowupsAssigned: coes.closeoutFollowupsAssigned,
      createdAt: coes.createdAt,
      updatedAt: coes.updatedAt,
    })
    .from(coes)
    .innerJoin(teams, eq(teams.id, coes.teamId))
    .leftJoin(events, eq(events.id, coes.eventId))
    .where(eq(coes.id, coeId))
    .get();
  if (!header) return undefined;

  const serviceNames = db.select({ name: services.name }).from(coeServices).innerJoin(services, eq(services.id, coeServices.serviceId)).where(eq(coeServices.coeId, coeId)).orderBy(asc(coeServices.position)).all();
  const tagNames = db.select({ name: tags.name }).from(coeTags).innerJoin(tags, eq(tags.id, coeTags.tagId)).where(eq(coeTags.coeId, coeId)).orderBy(asc(coeTags.position)).all();
  const authors = db
    .select({ id: users.id, name: users.name })
    .from(coeAuthors)
    .innerJoin(users, eq(users.id, coeAuthors.userId))
    .where(eq(coeAuthors.coeId, coeId))
    .orderBy(asc(coeAuthors.createdAt))
    .all();
  const timeline = db
    .select({ id: timelineEntries.id, at: timelineEntries.at, atMs: timelineEntries.atMs, kind: timelineEntries.kind, text: timelineEntries.text, link: timelineEntries.link })
    .from(timelineEntries)
    .where(eq(timelineEntries.coeId, coeId))
    .orderBy(asc(timelineEntries.atMs), asc(timelineEntries.id))
    .all();
  const whyRows = db
    .select({ id: whyNodes.id, parentId: whyNodes.parentId, position: whyNodes.position, text: whyNodes.text, isRootCause: whyNodes.isRootCause, evidence: whyNodes.evidence })
    .from(whyNodes)
    .where(eq(whyNodes.coeId, coeId))
    .all();
  const lessonRows = db
    .select({ id: lessons.id, doc: lessons.text })
    .from(lessons)
    .where(eq(lessons.coeId, coeId))
    .orderBy(asc(lessons.position), asc(lessons.id))
    .all();
  const links = db
    .select({ lessonId: lessonWhyLinks.lessonId, whyNodeId: lessonWhyLinks.whyNodeId })
    .from(lessonWhyLinks)
    .innerJoin(lessons, eq(lessons.id, lessonWhyLinks.lessonId))
    .where(eq(lessons.coeId, coeId))
    .all();
  const items = db
    .select({
      id: actionItems.id,
      title: actionItems.title,
      horizon: actionItems.horizon,
      ownerId: actionItems.ownerId,
      ownerName: users.name,
      originalPromisedDate: actionItems.originalPromisedDate,
      promisedDate: actionItems.promisedDate,
      status: actionItems.status,
      validationNote: actionItems.validationNote,
      cancelReason: actionItems.cancelReason,
      scaling: actionItems.scaling,
      isCustomerFacing: actionItems.isCustomerFacing,
      trackerUrl: actionItems.trackerUrl,
      lessonId: actionItems.lessonId,
      whyNodeId: actionItems.whyNodeId,
    })
    .from(actionItems)
    .leftJoin(users, eq(users.id, actionItems.ownerId))
    .where(eq(actionItems.coeId, coeId))
    .orderBy(asc(actionItems.position), asc(actionItems.id))
    .all();
  const deps = db
    .select({ id: dependencies.id, name: dependencies.name, performedAsPromised: dependencies.performedAsPromised, implementationValidated: dependencies.implementationValidated, failureMode: dependencies.failureMode, notes: dependencies.notes })
    .from(dependencies)
    .where(eq(dependencies.coeId, coeId))
    .orderBy(asc(dependencies.position), asc(dependencies.id))
    .all();

  return {
    ...header,
    services: serviceNames.map((r) => r.name),
    tags: tagNames.map((r) => r.name),
    authors,
    timeline,
    whyTree: buildWhyTree(whyRows),
    // `text` is the lesson as plain text, for labels (the why panel, link targets); `doc` is what it says.
    lessons: lessonRows.map((l) => ({ ...l, text: docToPlainText(l.doc), whyNodeIds: links.filter((k) => k.lessonId === l.id).map((k) => k.whyNodeId) })),
    actionItems: items,
    dependencies: deps,
  };
}

export type CoeView = NonNullable<ReturnType<typeof getCoe>>;

export function getCoeAuthorIds(db: Db, coeId: number): number[] {
  return db.select({ userId: coeAuthors.userId }).from(coeAuthors).where(eq(coeAuthors.coeId, coeId)).all().map((r) => r.userId);
}

/** Status, version and authors: what a permission check and a write need. */
export function getCoeAccess(db: Db, coeId: number) {
  const row = db.select({ id: coes.id, status: coes.status }).from(coes).where(eq(coes.id, coeId)).get();
  return row && { ...row, authorIds: getCoeAuthorIds(db, coeId) };
}
