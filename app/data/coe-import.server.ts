import { eq, getTableColumns, getTableName, inArray, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
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
  const q = statementsFor(db);

  const coeId = db.transaction(() => {
    const coeId = insertCoeRow(q, doc, { actorId, now });
    doc.services.forEach((name, position) => q.insertCoeService({ coeId, serviceId: q.service(name), position }));
    doc.tags.forEach((name, position) => q.insertCoeTag({ coeId, tagId: q.tag(name), position }));
    if (actorId !== null) q.insertAuthor({ coeId, userId: actorId, createdAt: now });
    for (const e of doc.timeline)
      q.insertTimelineEntry({ coeId, at: e.at, atMs: Date.parse(e.at), kind: e.kind, text: e.text, link: e.link ?? null, createdAt: now });
    const whyIdByPath = insertWhyTree(q, coeId, doc, now);
    const lessonIds = doc.lessons.map((lesson, position) => {
      const lessonId = q.insertLesson({ coeId, position, text: lesson.text, createdAt: now });
      // The schema has already checked that the path resolves.
      if (lesson.whyPath !== undefined) q.insertLessonWhyLink({ lessonId, whyNodeId: whyIdByPath.get(lesson.whyPath)! });
      return lessonId;
    });
    insertActionItems(db, q, coeId, doc, { whyIdByPath, lessonIds, now, warnings });
    doc.dependencies.forEach((d, position) =>
      q.insertDependency({
        coeId,
        position,
        name: d.name,
        performedAsPromised: d.performedAsPromised,
        implementationValidated: d.implementationValidated,
        failureMode: d.failureMode ?? null,
        notes: d.notes ?? null,
      }),
    );
    q.insertRevision({ coeId, authorId: actorId, coeVersion: 1, section: "import", summary: "Imported", snapshot: exportCoe(db, coeId)!, createdAt: now });
    q.insertAudit({ actorId, action: "coe.import", entityType: "coe", entityId: coeId, detail: { title: doc.title, warnings }, createdAt: now });
    return coeId;
  });
  return { ok: true, coeId, warnings };
}

// ─── Prepared statements ─────────────────────────────────────────────────────────────────
// Built once per connection: preparing and building SQL per row cost more than the writes
// themselves (bulk imports of thousands of COEs are a real use). Inserts go to better-sqlite3
// directly because drizzle's placeholders encode a null Date or JSON value as if it were one.

type Insertable<T extends SQLiteTable, K extends keyof T["$inferInsert"]> = Pick<Required<T["$inferInsert"]>, K>;

/** An insert of exactly `keys`, encoding each value the way its drizzle column does. */
function preparedInsert<T extends SQLiteTable, K extends keyof T["$inferInsert"] & string>(db: Db, table: T, keys: readonly K[]) {
  const columns = keys.map((key) => getTableColumns(table)[key]!);
  const statement = db.$client.prepare(
    `insert into "${getTableName(table)}" (${columns.map((c) => `"${c.name}"`).join(", ")}) values (${columns.map(() => "?").join(", ")})`,
  );
  /** Returns the new row's id. */
  return (row: Insertable<T, K>): number => {
    const values = keys.map((key, i) => {
      const value = row[key];
      return value === null || value === undefined ? null : columns[i]!.mapToDriverValue(value);
    });
    return Number(statement.run(values).lastInsertRowid);
  };
}

type NamedTable = typeof teams | typeof services | typeof tags | typeof events;

function prepareNamed(db: Db, table: NamedTable) {
  const find = db.select({ id: table.id }).from(table).where(eq(table.name, sql.placeholder("name"))).prepare();
  const create = preparedInsert(db, table, ["name"]);
  /** Exact, case-sensitive names: what export writes back must be what the document said. */
  return (name: string): number => find.get({ name })?.id ?? create({ name });
}

function prepareImport(db: Db) {
  return {
    team: prepareNamed(db, teams),
    service: prepareNamed(db, services),
    tag: prepareNamed(db, tags),
    event: prepareNamed(db, events),
    insertCoe: preparedInsert(db, coes, COE_COLUMNS),
    insertCoeService: preparedInsert(db, coeServices, ["coeId", "serviceId", "position"]),
    insertCoeTag: preparedInsert(db, coeTags, ["coeId", "tagId", "position"]),
    insertAuthor: preparedInsert(db, coeAuthors, ["coeId", "userId", "createdAt"]),
    insertTimelineEntry: preparedInsert(db, timelineEntries, ["coeId", "at", "atMs", "kind", "text", "link", "createdAt"]),
    insertWhyNode: preparedInsert(db, whyNodes, ["coeId", "parentId", "position", "text", "isRootCause", "evidence", "createdAt"]),
    insertLesson: preparedInsert(db, lessons, ["coeId", "position", "text", "createdAt"]),
    insertLessonWhyLink: preparedInsert(db, lessonWhyLinks, ["lessonId", "whyNodeId"]),
    insertActionItem: preparedInsert(db, actionItems, ACTION_ITEM_COLUMNS),
    insertDependency: preparedInsert(db, dependencies, ["coeId", "position", "name", "performedAsPromised", "implementationValidated", "failureMode", "notes"]),
    insertRevision: preparedInsert(db, revisions, ["coeId", "authorId", "coeVersion", "section", "summary", "snapshot", "createdAt"]),
    insertAudit: preparedInsert(db, auditEvents, ["actorId", "action", "entityType", "entityId", "detail", "createdAt"]),
  };
}
type ImportStatements = ReturnType<typeof prepareImport>;

const prepared = new WeakMap<Db, ImportStatements>();
function statementsFor(db: Db): ImportStatements {
  let q = prepared.get(db);
  if (!q) prepared.set(db, (q = prepareImport(db)));
  return q;
}

// ─── Rows ────────────────────────────────────────────────────────────────────────────────

const COE_COLUMNS = [
  "title", "severity", "status", "teamId", "eventId", "createdById", "impactSummary", "customerRca",
  "impactStartedAt", "impactEndedAt", "affected", "errorRate", "regions", "detectionFastEnough",
  "detectionMetricsReflectedCustomers", "detectionSimilarEventsDetectable", "submittedAt", "approvedAt",
  "closedAt", "createdAt", "updatedAt",
] as const satisfies (keyof typeof coes.$inferInsert)[];

const ACTION_ITEM_COLUMNS = [
  "coeId", "position", "title", "horizon", "ownerId", "originalPromisedDate", "promisedDate", "status",
  "validationNote", "cancelReason", "scaling", "isCustomerFacing", "trackerUrl", "lessonId", "whyNodeId",
  "implementedAt", "validatedAt", "createdAt", "updatedAt",
] as const satisfies (keyof typeof actionItems.$inferInsert)[];

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

function insertCoeRow(q: ImportStatements, doc: CoeDocument, { actorId, now }: { actorId: number | null; now: Date }): number {
  const impact = doc.customerImpact;
  const row: Insertable<typeof coes, (typeof COE_COLUMNS)[number]> = {
    title: doc.title,
    severity: doc.severity,
    status: doc.status,
    teamId: q.team(doc.team),
    eventId: doc.event === undefined ? null : q.event(doc.event),
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
  };
  return q.insertCoe(row);
}

/** Parents are written before their children (depth-first), so each child knows its parent's id. */
function insertWhyTree(q: ImportStatements, coeId: number, doc: CoeDocument, now: Date): Map<string, number> {
  const idByPath = new Map<string, number>();
  walkWhys(doc.whys, (node, path, parentPath) => {
    const id = q.insertWhyNode({
      coeId,
      parentId: parentPath === undefined ? null : idByPath.get(parentPath)!,
      position: Number(path.slice(path.lastIndexOf(".") + 1)),
      text: node.text,
      isRootCause: node.rootCause,
      evidence: node.evidence ?? null,
      createdAt: now,
    });
    idByPath.set(path, id);
  });
  return idByPath;
}

function insertActionItems(
  db: Db,
  q: ImportStatements,
  coeId: number,
  doc: CoeDocument,
  ctx: { whyIdByPath: Map<string, number>; lessonIds: number[]; now: Date; warnings: string[] },
) {
  if (!doc.actionItems.length) return;
  const ownerIds = ownerIdsByEmail(db, doc.actionItems.map((item) => item.owner));
  doc.actionItems.forEach((item, position) => {
    const ownerId = item.owner === null ? null : (ownerIds.get(item.owner) ?? null);
    if (item.owner !== null && ownerId === null) ctx.warnings.push(`actionItems[${position}].owner: no user ${item.owner} — imported unassigned`);
    const isImplemented = item.status === "implemented" || item.status === "validated";
    const row: Insertable<typeof actionItems, (typeof ACTION_ITEM_COLUMNS)[number]> = {
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
    q.insertActionItem(row);
  });
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
