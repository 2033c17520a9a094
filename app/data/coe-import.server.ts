import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  actionItems,
  auditEvents,
  coeAuthors,
  coeServices,
  coeTags,
  coes,
  dependencies,
  events,
  lessonWhyLinks,
  lessons,
  revisions,
  services,
  tags,
  teams,
  timelineEntries,
  users,
  whyNodes,
  type DocJSON,
} from "../../db/schema";
import { parseCoeDocument, walkWhys, type CoeDocument, type FormattedIssue, type RichText } from "../domain/coe/interchange";
import { plainTextToDoc } from "../domain/coe/plain-text-doc";
import { exportCoe } from "./coe-export.server";

export type ImportResult = { ok: true; coeId: number; warnings: string[] } | { ok: false; errors: FormattedIssue[] };
export type ImportOptions = { actorId?: number; now?: Date };

/**
 * Creates one COE from an interchange document. All or nothing: an invalid document writes no
 * row and every problem is listed by JSON path; a valid one is written in a single synchronous
 * transaction together with its first revision, so history starts at the import.
 * Problems that do not make the document wrong (an owner nobody registered) become warnings.
 */
export function importCoe(db: Db, input: unknown, opts: ImportOptions = {}): ImportResult {
  const parsed = parseCoeDocument(input);
  if (!parsed.ok) return parsed;
  const doc = parsed.doc;
  const now = opts.now ?? new Date();
  const actorId = opts.actorId ?? null;
  const warnings: string[] = [];

  const coeId = db.transaction(() => {
    const coeId = insertCoeRow(db, doc, { actorId, now });
    insertNamedLinks(db, coeId, doc);
    if (actorId !== null) db.insert(coeAuthors).values({ coeId, userId: actorId, createdAt: now }).run();
    // Chunked: one statement may bind at most 32,766 values.
    for (let i = 0; i < doc.timeline.length; i += 1000)
      db.insert(timelineEntries)
        .values(
          doc.timeline
            .slice(i, i + 1000)
            .map((e) => ({ coeId, at: e.at, atMs: Date.parse(e.at), kind: e.kind, text: e.text, link: e.link ?? null, createdAt: now })),
        )
        .run();
    const whyIdByPath = insertWhyTree(db, coeId, doc, now);
    const lessonIds = insertLessons(db, coeId, doc, whyIdByPath, now);
    insertActionItems(db, coeId, doc, { whyIdByPath, lessonIds, now, warnings });
    if (doc.dependencies.length)
      db.insert(dependencies)
        .values(
          doc.dependencies.map((d, position) => ({
            coeId,
            position,
            name: d.name,
            performedAsPromised: d.performedAsPromised,
            implementationValidated: d.implementationValidated,
            failureMode: d.failureMode ?? null,
            notes: d.notes ?? null,
          })),
        )
        .run();
    db.insert(revisions)
      .values({ coeId, authorId: actorId, coeVersion: 1, section: "import", summary: "Imported", snapshot: exportCoe(db, coeId)!, createdAt: now })
      .run();
    db.insert(auditEvents)
      .values({ actorId, action: "coe.import", entityType: "coe", entityId: coeId, detail: { title: doc.title, warnings }, createdAt: now })
      .run();
    return coeId;
  });
  return { ok: true, coeId, warnings };
}

function richTextAsDoc(value: RichText | undefined): DocJSON | null {
  if (value === undefined) return null;
  return typeof value === "string" ? plainTextToDoc(value) : value;
}

// The lifecycle timestamps the format does not carry; an imported approved COE was approved by the time it arrived.
function lifecycleTimes(status: CoeDocument["status"], now: Date) {
  return {
    submittedAt: status === "draft" ? null : now,
    approvedAt: status === "approved" || status === "closed" ? now : null,
    closedAt: status === "closed" ? now : null,
  };
}

function insertCoeRow(db: Db, doc: CoeDocument, { actorId, now }: { actorId: number | null; now: Date }): number {
  const impact = doc.customerImpact;
  return db
    .insert(coes)
    .values({
      title: doc.title,
      severity: doc.severity,
      status: doc.status,
      teamId: findOrCreateNamed(db, teams, doc.team),
      eventId: doc.event === undefined ? null : findOrCreateNamed(db, events, doc.event),
      createdById: actorId,
      impactSummary: richTextAsDoc(doc.impactSummary),
      customerRca: richTextAsDoc(doc.customerRca),
      impactStartedAt: impact.startedAt ?? null,
      impactEndedAt: impact.endedAt ?? null,
      affected: impact.affected ?? null,
      errorRate: impact.errorRate ?? null,
      regions: impact.regions,
      detectionFastEnough: doc.detection.fastEnough ?? null,
      detectionMetricsReflectedCustomers: doc.detection.metricsReflectedCustomers ?? null,
      detectionSimilarEventsDetectable: doc.detection.similarEventsDetectable ?? null,
      ...lifecycleTimes(doc.status, now),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: coes.id })
    .get().id;
}

type NamedTable = typeof teams | typeof services | typeof tags | typeof events;

/** Exact, case-sensitive names: what export writes back must be what the document said. */
function findOrCreateNamed(db: Db, table: NamedTable, name: string): number {
  const found = db.select({ id: table.id }).from(table).where(eq(table.name, name)).get();
  return found ? found.id : db.insert(table).values({ name }).returning({ id: table.id }).get().id;
}

function insertNamedLinks(db: Db, coeId: number, doc: CoeDocument) {
  if (doc.services.length)
    db.insert(coeServices)
      .values(doc.services.map((name, position) => ({ coeId, serviceId: findOrCreateNamed(db, services, name), position })))
      .run();
  if (doc.tags.length)
    db.insert(coeTags)
      .values(doc.tags.map((name, position) => ({ coeId, tagId: findOrCreateNamed(db, tags, name), position })))
      .run();
}

/** Parents are written before their children (depth-first), so each child knows its parent's id. */
function insertWhyTree(db: Db, coeId: number, doc: CoeDocument, now: Date): Map<string, number> {
  const idByPath = new Map<string, number>();
  walkWhys(doc.whys, (node, path, parentPath) => {
    const row = db
      .insert(whyNodes)
      .values({
        coeId,
        parentId: parentPath === undefined ? null : idByPath.get(parentPath)!,
        position: Number(path.slice(path.lastIndexOf(".") + 1)),
        text: node.text,
        isRootCause: node.rootCause,
        evidence: node.evidence ?? null,
        createdAt: now,
      })
      .returning({ id: whyNodes.id })
      .get();
    idByPath.set(path, row.id);
  });
  return idByPath;
}

function insertLessons(db: Db, coeId: number, doc: CoeDocument, whyIdByPath: Map<string, number>, now: Date): number[] {
  return doc.lessons.map((lesson, position) => {
    const lessonId = db.insert(lessons).values({ coeId, position, text: lesson.text, createdAt: now }).returning({ id: lessons.id }).get().id;
    // The schema has already checked that the path resolves.
    if (lesson.whyPath !== undefined) db.insert(lessonWhyLinks).values({ lessonId, whyNodeId: whyIdByPath.get(lesson.whyPath)! }).run();
    return lessonId;
  });
}

function insertActionItems(
  db: Db,
  coeId: number,
  doc: CoeDocument,
  ctx: { whyIdByPath: Map<string, number>; lessonIds: number[]; now: Date; warnings: string[] },
) {
  if (!doc.actionItems.length) return;
  const ownerIds = ownerIdsByEmail(db, doc.actionItems.map((item) => item.owner));
  const rows = doc.actionItems.map((item, position) => {
    const ownerId = item.owner === null ? null : (ownerIds.get(item.owner) ?? null);
    if (item.owner !== null && ownerId === null) ctx.warnings.push(`actionItems[${position}].owner: no user ${item.owner} — imported unassigned`);
    const isImplemented = item.status === "implemented" || item.status === "validated";
    return {
      coeId,
      position,
      title: item.title,
      horizon: item.horizon,
      ownerId,
      originalPromisedDate: item.promisedDate,
      promisedDate: item.promisedDate,
      status: item.status,
      validationNote: item.validationNote ?? null,
      cancelReason: item.cancelReason ?? null,
      scaling: item.scaling,
      isCustomerFacing: item.customerFacing,
      trackerUrl: item.trackerUrl ?? null,
      lessonId: item.lessonIndex === undefined ? null : ctx.lessonIds[item.lessonIndex]!,
      whyNodeId: item.whyPath === undefined ? null : ctx.whyIdByPath.get(item.whyPath)!,
      implementedAt: isImplemented ? ctx.now : null,
      validatedAt: item.status === "validated" ? ctx.now : null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
  });
  db.insert(actionItems).values(rows).run();
}

/** Owners are matched by email regardless of case; one query for all of them. */
function ownerIdsByEmail(db: Db, emails: (string | null)[]): Map<string, number> {
  const wanted = [...new Set(emails.filter((e): e is string => e !== null))];
  if (!wanted.length) return new Map();
  const rows = db
    .select({ id: users.id, email: sql<string>`lower(${users.email})` })
    .from(users)
    .where(inArray(sql`lower(${users.email})`, wanted))
    .all();
  return new Map(rows.map((r) => [r.email, r.id]));
}
