import { asc, eq, getTableColumns, getTableName, inArray, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import {
  actionItemDateChanges,
  actionItems,
  auditEvents,
  coeTenets,
  coeAuthors,
  coeServices,
  coeTags,
  coes,
  dependencies,
  lessonWhyLinks,
  lessons,
  revisions,
  timelineEntries,
  users,
  whyNodes,
  type DocJSON,
} from "../../db/schema";
import { validateRichText } from "../editor/validate-doc";
import { parseStoredCoeDocument, walkWhys, type ActionItem, type CoeDocument, type FormattedIssue, type Lesson, type RichText } from "../domain/coe/interchange";
import { implausibleDates } from "../domain/coe/implausible-dates";
import { plainTextToDoc } from "../domain/coe/plain-text-doc";
import type { RestorableSection } from "../domain/coe/revision-diff";
import { namedIds } from "./catalogue.server";
import { exportCoe } from "./coe-export.server";
import { perConnection } from "./per-connection.server";

export type ImportResult = { ok: true; coeId: number; warnings: string[] } | { ok: false; errors: FormattedIssue[] };
/** `origin` names the first revision: "import" (a file, the API, the CLI) or "create" (the new-COE form, which writes through import). */
export type ImportOptions = { actorId?: number; now?: Date; origin?: "import" | "create" };

const FIRST_REVISION = { import: { section: "import", summary: "Imported" }, create: { section: "create", summary: "Created the COE" } } as const;

/**
 * Creates one COE from an interchange document. All or nothing: an invalid document writes no
 * row and every problem is listed by JSON path; a valid one is written in a single synchronous
 * transaction together with its first revision, so history starts at the import.
 * Problems that do not make the document wrong (an owner nobody registered) become warnings.
 */
export function importCoe(db: Db, input: unknown, opts: ImportOptions = {}): ImportResult {
  // Every check but the plausible date range: a COE that holds a date from before the range was
  // enforced exports it, and its file must import back to the same COE. Such dates are kept as
  // written and named in the warnings (as a restore names them); the edit forms still refuse them.
  const parsed = parseStoredCoeDocument(input);
  if (!parsed.ok) return parsed;
  // Rich fields meet the same rules as an editor save, so an imported COE is never one the editor refuses.
  const { detection } = parsed.doc;
  const rich: [string, unknown][] = [
    ["impactSummary", parsed.doc.impactSummary],
    ["customerRca", parsed.doc.customerRca],
    ["detection.fastEnough", detection.fastEnough],
    ["detection.metricsReflectedCustomers", detection.metricsReflectedCustomers],
    ["detection.similarEventsDetectable", detection.similarEventsDetectable],
    ...parsed.doc.dependencies.map((d, i): [string, unknown] => [`dependencies.${i}.notes`, d.notes]),
    ...parsed.doc.lessons.map((l, i): [string, unknown] => [`lessons.${i}.text`, l.text]),
  ];
  const richErrors = rich.flatMap(([field, value]) => {
    if (value === undefined || typeof value === "string") return [];
    const checked = validateRichText(value);
    return checked.ok ? [] : [{ path: `$.${field}${checked.path ? `.${checked.path}` : ""}`, message: checked.message }];
  });
  if (richErrors.length) return { ok: false, errors: richErrors };
  const doc = parsed.doc;
  const now = opts.now ?? new Date();
  const actorId = opts.actorId ?? null;
  const warnings = implausibleDates(parsed.doc, now.getTime()).map((d) => `${d.field}: ${d.value} kept as written, but it is not plausible (${d.problem.replace(/^Must/, "must")}); correct it on the edit page`);
  const q = statementsFor(db);

  const coeId = db.transaction(() => {
    const coeId = insertCoeRow(q, doc, { actorId, now });
    insertServicesAndTags(q, coeId, doc);
    insertTenets(q, coeId, doc, warnings);
    if (actorId !== null) q.insertAuthor({ coeId, userId: actorId, createdAt: now });
    insertTimeline(q, coeId, doc, now);
    const whyIdByPath = insertWhyTree(q, coeId, doc, now);
    const lessonIds = insertLessons(q, coeId, doc, whyIdByPath, now);
    insertActionItems(db, q, coeId, doc, { whyIdByPath, lessonIds, now, warnings });
    insertDependencies(q, coeId, doc);
    q.insertRevision({ coeId, authorId: actorId, coeVersion: 1, ...FIRST_REVISION[opts.origin ?? "import"], snapshot: exportCoe(db, coeId)!, createdAt: now });
    q.insertAudit({ actorId, action: "coe.import", entityType: "coe", entityId: coeId, detail: { title: doc.title, warnings }, createdAt: now });
    return coeId;
  });
  return { ok: true, coeId, warnings };
}

/** The parts of a COE that `replaceCoeContent` can rewrite: every section (the status is the lifecycle's, not content). */
export type ContentSection = RestorableSection;

/**
 * Rewrites the named sections of an existing COE from a (parsed) document with the row writers
 * import uses; the caller provides the transaction, the version claim and the revision.
 * Rewritten whys and lessons get new ids; whatever points at them (lesson links, action items) is
 * linked again by the document's paths and indices. Action items are rewritten in place, matched
 * by title (the same title twice pairs up in order), so an item keeps its id and comments.
 */
export function replaceCoeContent(db: Db, coeId: number, doc: CoeDocument, sections: ReadonlySet<ContentSection>, now: Date) {
  const q = statementsFor(db);
  const columns: Partial<typeof coes.$inferInsert> = {};
  if (sections.has("header")) {
    Object.assign(columns, { title: doc.title, severity: doc.severity, teamId: q.team(doc.team), eventId: doc.event === undefined ? null : q.event(doc.event) });
    db.delete(coeServices).where(eq(coeServices.coeId, coeId)).run();
    db.delete(coeTags).where(eq(coeTags.coeId, coeId)).run();
    db.delete(coeTenets).where(eq(coeTenets.coeId, coeId)).run();
    insertServicesAndTags(q, coeId, doc);
    insertTenets(q, coeId, doc, []);
  }
  if (sections.has("impact-summary")) columns.impactSummary = richTextAsDoc(doc.impactSummary);
  if (sections.has("customer-rca")) columns.customerRca = richTextAsDoc(doc.customerRca);
  if (sections.has("customer-impact")) Object.assign(columns, impactColumns(doc));
  if (sections.has("detection")) Object.assign(columns, detectionColumns(doc));
  if (sections.has("closeout")) Object.assign(columns, closeoutColumns(doc));
  if (Object.keys(columns).length) db.update(coes).set(columns).where(eq(coes.id, coeId)).run();

  if (sections.has("timeline")) {
    db.delete(timelineEntries).where(eq(timelineEntries.coeId, coeId)).run();
    insertTimeline(q, coeId, doc, now);
  }
  if (sections.has("dependencies")) {
    db.delete(dependencies).where(eq(dependencies.coeId, coeId)).run();
    insertDependencies(q, coeId, doc);
  }
  let whyIdByPath: Map<string, number> | undefined;
  if (sections.has("whys")) {
    // Cascades to the lesson links; action items keep their rows with the link set to null.
    db.delete(whyNodes).where(eq(whyNodes.coeId, coeId)).run();
    whyIdByPath = insertWhyTree(q, coeId, doc, now);
  }
  let lessonIds: number[] | undefined;
  if (sections.has("lessons")) {
    db.delete(lessons).where(eq(lessons.coeId, coeId)).run();
    lessonIds = insertLessons(q, coeId, doc, whyIdByPath ?? whyIdsByPath(db, coeId), now);
  } else if (whyIdByPath) {
    const newIds = whyIdByPath;
    lessonIdsInOrder(db, coeId).forEach((lessonId, i) => {
      const lesson = doc.lessons[i];
      if (lesson) linkLesson(q, lessonId, lesson, newIds);
    });
  }
  const links = { whyIdByPath: whyIdByPath ?? whyIdsByPath(db, coeId), lessonIds: lessonIds ?? lessonIdsInOrder(db, coeId) };
  if (sections.has("action-items")) rewriteActionItems(db, q, coeId, doc, { ...links, now });
  else if (whyIdByPath || lessonIds) relinkActionItems(db, coeId, doc, links);
  return links;
}

type ItemLinks = { whyIdByPath: Map<string, number>; lessonIds: number[] };

/** The items are as the document says (only the rows they linked to were replaced): link them again, in order. */
function relinkActionItems(db: Db, coeId: number, doc: CoeDocument, links: ItemLinks) {
  const rows = db.select({ id: actionItems.id }).from(actionItems).where(eq(actionItems.coeId, coeId)).orderBy(asc(actionItems.position), asc(actionItems.id)).all();
  rows.forEach((row, i) => {
    const item = doc.actionItems[i];
    if (item) db.update(actionItems).set(itemLinkColumns(item, links)).where(eq(actionItems.id, row.id)).run();
  });
}

/**
 * The document's action items over the COE's: matched by title, a row is updated in place (its
 * per-item version moves on, so an owner's stale update is refused) and its date log replaced;
 * an item without a row is inserted; a row without an item is deleted.
 */
function rewriteActionItems(db: Db, q: ImportStatements, coeId: number, doc: CoeDocument, ctx: ItemLinks & { now: Date }) {
  const rows = db
    .select({ id: actionItems.id, title: actionItems.title, implementedAt: actionItems.implementedAt, validatedAt: actionItems.validatedAt })
    .from(actionItems)
    .where(eq(actionItems.coeId, coeId))
    .orderBy(asc(actionItems.position), asc(actionItems.id))
    .all();
  const unmatched = new Map<string, typeof rows>();
  for (const row of rows) unmatched.set(row.title, [...(unmatched.get(row.title) ?? []), row]);
  const people = ownerIdsByEmail(db, peopleIn(doc));
  doc.actionItems.forEach((item, position) => {
    const row = unmatched.get(item.title)?.shift();
    const columns = { ...itemColumns(item, position, people), ...itemLinkColumns(item, ctx) };
    let itemId: number;
    if (row) {
      itemId = row.id;
      db.update(actionItems)
        .set({ ...columns, ...lifecycleStamps(item.status, ctx.now, row), version: sql`${actionItems.version} + 1`, updatedAt: ctx.now })
        .where(eq(actionItems.id, itemId))
        .run();
      db.delete(actionItemDateChanges).where(eq(actionItemDateChanges.actionItemId, itemId)).run();
    } else itemId = q.insertActionItem({ coeId, ...columns, ...lifecycleStamps(item.status, ctx.now), createdAt: ctx.now, updatedAt: ctx.now });
    insertDateChanges(q, itemId, item, people, []);
  });
  const leftover = [...unmatched.values()].flat().map((r) => r.id);
  if (leftover.length) db.delete(actionItems).where(inArray(actionItems.id, leftover)).run();
}

function lessonIdsInOrder(db: Db, coeId: number): number[] {
  return db.select({ id: lessons.id }).from(lessons).where(eq(lessons.coeId, coeId)).orderBy(asc(lessons.position), asc(lessons.id)).all().map((l) => l.id);
}

/** Why path → id for the tree as stored (siblings by position, then id: the order export numbers them in). */
function whyIdsByPath(db: Db, coeId: number): Map<string, number> {
  const rows = db.select({ id: whyNodes.id, parentId: whyNodes.parentId }).from(whyNodes).where(eq(whyNodes.coeId, coeId)).orderBy(asc(whyNodes.position), asc(whyNodes.id)).all();
  const childrenOf = new Map<number | null, number[]>();
  for (const r of rows) childrenOf.set(r.parentId, [...(childrenOf.get(r.parentId) ?? []), r.id]);
  const byPath = new Map<string, number>();
  const root = childrenOf.get(null)?.[0];
  const stack: [number, string][] = root === undefined ? [] : [[root, "0"]];
  while (stack.length) {
    const [id, path] = stack.pop()!;
    byPath.set(path, id);
    (childrenOf.get(id) ?? []).forEach((child, i) => stack.push([child, `${path}.${i}`]));
  }
  return byPath;
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

function prepareImport(db: Db) {
  return {
    ...namedIds(db),
    insertCoe: preparedInsert(db, coes, COE_COLUMNS),
    insertCoeService: preparedInsert(db, coeServices, ["coeId", "serviceId", "position"]),
    insertCoeTag: preparedInsert(db, coeTags, ["coeId", "tagId", "position"]),
    insertAuthor: preparedInsert(db, coeAuthors, ["coeId", "userId", "createdAt"]),
    insertTimelineEntry: preparedInsert(db, timelineEntries, ["coeId", "at", "atMs", "kind", "text", "link", "createdAt"]),
    insertWhyNode: preparedInsert(db, whyNodes, ["coeId", "parentId", "position", "text", "isRootCause", "evidence", "category", "createdAt"]),
    insertLesson: preparedInsert(db, lessons, ["coeId", "position", "text", "createdAt"]),
    insertCoeTenet: preparedInsert(db, coeTenets, ["coeId", "tenetId"]),
    tenetByTitle: db.$client.prepare<[string], number>("select id from tenets where title = ? order by position, id limit 1").pluck(),
    insertDateChange: preparedInsert(db, actionItemDateChanges, ["actionItemId", "changedById", "fromDate", "toDate", "reason", "createdAt"]),
    insertLessonWhyLink: preparedInsert(db, lessonWhyLinks, ["lessonId", "whyNodeId"]),
    insertActionItem: preparedInsert(db, actionItems, ACTION_ITEM_COLUMNS),
    insertDependency: preparedInsert(db, dependencies, ["coeId", "position", "name", "performedAsPromised", "implementationValidated", "failureMode", "notes"]),
    insertRevision: preparedInsert(db, revisions, ["coeId", "authorId", "coeVersion", "section", "summary", "snapshot", "createdAt"]),
    insertAudit: preparedInsert(db, auditEvents, ["actorId", "action", "entityType", "entityId", "detail", "createdAt"]),
  };
}
type ImportStatements = ReturnType<typeof prepareImport>;
const statementsFor = perConnection(prepareImport);

// ─── Rows ────────────────────────────────────────────────────────────────────────────────

const COE_COLUMNS = [
  "title", "severity", "status", "teamId", "eventId", "createdById", "impactSummary", "customerRca",
  "impactStartedAt", "impactEndedAt", "affected", "errorRate", "regions", "detectionFastEnough",
  "detectionMetricsReflectedCustomers", "detectionSimilarEventsDetectable", "closeoutFixesValidated",
  "closeoutDataPreserved", "closeoutFollowupsAssigned", "submittedAt", "approvedAt",
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

function impactColumns({ customerImpact: impact }: CoeDocument) {
  return {
    impactStartedAt: impact.startedAt ?? null,
    impactEndedAt: impact.endedAt ?? null,
    affected: impact.affected ?? null,
    errorRate: impact.errorRate ?? null,
    regions: impact.regions,
  };
}

function detectionColumns({ detection }: CoeDocument) {
  return {
    detectionFastEnough: richTextAsDoc(detection.fastEnough),
    detectionMetricsReflectedCustomers: richTextAsDoc(detection.metricsReflectedCustomers),
    detectionSimilarEventsDetectable: richTextAsDoc(detection.similarEventsDetectable),
  };
}

function closeoutColumns({ closeout }: CoeDocument) {
  return { closeoutFixesValidated: closeout.fixesValidated, closeoutDataPreserved: closeout.dataPreserved, closeoutFollowupsAssigned: closeout.followupsAssigned };
}

function insertCoeRow(q: ImportStatements, doc: CoeDocument, { actorId, now }: { actorId: number | null; now: Date }): number {
  const row: Insertable<typeof coes, (typeof COE_COLUMNS)[number]> = {
    title: doc.title,
    severity: doc.severity,
    status: doc.status,
    teamId: q.team(doc.team),
    eventId: doc.event === undefined ? null : q.event(doc.event),
    createdById: actorId,
    impactSummary: richTextAsDoc(doc.impactSummary),
    customerRca: richTextAsDoc(doc.customerRca),
    ...impactColumns(doc),
    ...detectionColumns(doc),
    ...closeoutColumns(doc),
    ...lifecycleTimes(doc.status, now),
    createdAt: now,
    updatedAt: now,
  };
  return q.insertCoe(row);
}

function insertServicesAndTags(q: ImportStatements, coeId: number, doc: CoeDocument) {
  doc.services.forEach((name, position) => q.insertCoeService({ coeId, serviceId: q.service(name), position }));
  doc.tags.forEach((name, position) => q.insertCoeTag({ coeId, tagId: q.tag(name), position }));
}

/** Tenets are the organisation's catalogue, cited by title; a title nobody defined is not invented here. */
function insertTenets(q: ImportStatements, coeId: number, doc: CoeDocument, warnings: string[]) {
  doc.tenets.forEach((title, i) => {
    const tenetId = q.tenetByTitle.get(title);
    if (tenetId === undefined) warnings.push(`tenets[${i}]: no tenet titled "${title}" — not cited`);
    else q.insertCoeTenet({ coeId, tenetId });
  });
}

function insertTimeline(q: ImportStatements, coeId: number, doc: CoeDocument, now: Date) {
  for (const e of doc.timeline)
    q.insertTimelineEntry({ coeId, at: e.at, atMs: Date.parse(e.at), kind: e.kind, text: e.text, link: e.link ?? null, createdAt: now });
}

/** Returns the new lesson ids in document order (action items refer to lessons by index). */
function insertLessons(q: ImportStatements, coeId: number, doc: CoeDocument, whyIdByPath: Map<string, number>, now: Date): number[] {
  return doc.lessons.map((lesson, position) => {
    const lessonId = q.insertLesson({ coeId, position, text: richTextAsDoc(lesson.text)!, createdAt: now });
    linkLesson(q, lessonId, lesson, whyIdByPath);
    return lessonId;
  });
}

/** Every why node the lesson names (for an import the schema has already checked that the paths resolve). */
function linkLesson(q: ImportStatements, lessonId: number, lesson: Lesson, whyIdByPath: Map<string, number>) {
  const paths = new Set([...(lesson.whyPath === undefined ? [] : [lesson.whyPath]), ...(lesson.whyPaths ?? [])]);
  for (const path of paths) {
    const whyNodeId = whyIdByPath.get(path);
    if (whyNodeId !== undefined) q.insertLessonWhyLink({ lessonId, whyNodeId });
  }
}

function insertDependencies(q: ImportStatements, coeId: number, doc: CoeDocument) {
  doc.dependencies.forEach((d, position) =>
    q.insertDependency({
      coeId,
      position,
      name: d.name,
      performedAsPromised: d.performedAsPromised,
      implementationValidated: d.implementationValidated,
      failureMode: d.failureMode ?? null,
      notes: richTextAsDoc(d.notes),
    }),
  );
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
      category: node.category ?? null,
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
  ctx: ItemLinks & { now: Date; warnings: string[] },
) {
  if (!doc.actionItems.length) return;
  const people = ownerIdsByEmail(db, peopleIn(doc));
  doc.actionItems.forEach((item, position) => {
    if (item.owner !== null && !people.has(item.owner)) ctx.warnings.push(`actionItems[${position}].owner: no user ${item.owner} — imported unassigned`);
    const row: Insertable<typeof actionItems, (typeof ACTION_ITEM_COLUMNS)[number]> = {
      coeId,
      ...itemColumns(item, position, people),
      ...itemLinkColumns(item, ctx),
      ...lifecycleStamps(item.status, ctx.now),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    const itemId = q.insertActionItem(row);
    insertDateChanges(q, itemId, item, people, ctx.warnings, position);
  });
}

/** Every email an item or its date log names, for one lookup. */
function peopleIn(doc: CoeDocument): (string | null)[] {
  return doc.actionItems.flatMap((item) => [item.owner, ...(item.dateChanges ?? []).map((c) => c.by ?? null)]);
}

/** The content columns of an item (not its links, which depend on the rows written for whys and lessons). */
function itemColumns(item: ActionItem, position: number, people: Map<string, number>) {
  return {
    position,
    title: item.title,
    horizon: item.horizon,
    ownerId: item.owner === null ? null : (people.get(item.owner) ?? null),
    originalPromisedDate: item.originalPromisedDate === undefined ? item.promisedDate : item.originalPromisedDate,
    promisedDate: item.promisedDate,
    status: item.status,
    validationNote: item.validationNote ?? null,
    cancelReason: item.cancelReason ?? null,
    scaling: item.scaling,
    isCustomerFacing: item.customerFacing,
    trackerUrl: item.trackerUrl ?? null,
  };
}

function itemLinkColumns(item: ActionItem, links: ItemLinks) {
  return {
    lessonId: item.lessonIndex === undefined ? null : (links.lessonIds[item.lessonIndex] ?? null),
    whyNodeId: item.whyPath === undefined ? null : (links.whyIdByPath.get(item.whyPath) ?? null),
  };
}

/** The format does not carry when an item was implemented or validated: it was by the time it arrived (kept when a row already had it). */
function lifecycleStamps(status: ActionItem["status"], now: Date, previous?: { implementedAt: Date | null; validatedAt: Date | null }) {
  const isImplemented = status === "implemented" || status === "validated";
  return {
    implementedAt: isImplemented ? (previous?.implementedAt ?? now) : null,
    validatedAt: status === "validated" ? (previous?.validatedAt ?? now) : null,
  };
}

/** The promised-date log; a person nobody registered is kept out of the row (the change itself is kept). */
function insertDateChanges(q: ImportStatements, actionItemId: number, item: ActionItem, people: Map<string, number>, warnings: string[], position?: number) {
  (item.dateChanges ?? []).forEach((change, i) => {
    const changedById = change.by === undefined ? null : (people.get(change.by) ?? null);
    if (change.by !== undefined && changedById === null && position !== undefined)
      warnings.push(`actionItems[${position}].dateChanges[${i}].by: no user ${change.by} — kept without a name`);
    q.insertDateChange({ actionItemId, changedById, fromDate: change.from, toDate: change.to, reason: change.reason, createdAt: new Date(Date.parse(change.at)) });
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
