import { asc, eq, getTableColumns, getTableName, inArray, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { withTransaction, type Db } from "../../db/client";
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
  tenets,
  timelineEntries,
  users,
  whyNodes,
  type DocJSON,
} from "../../db/schema";
import { validateRichText } from "../editor/validate-doc";
import { parseStoredCoeDocument, walkWhys, type ActionItem, type CoeDocument, type FormattedIssue, type Lesson, type RichText, type WhyNode } from "../domain/coe/interchange";
import { implausibleDates } from "../domain/coe/implausible-dates";
import { plainTextToDoc } from "../domain/coe/plain-text-doc";
import type { RestorableSection } from "../domain/coe/revision-diff";
import { namedIds } from "./catalogue.server";
import { queueForReview } from "./meeting-schedule.server";
import { refreshRcaOwed } from "./customer-rca-owed.server";
import { refreshSearchIndex } from "./search-index.server";
import { exportCoe } from "./coe-export.server";
import { perConnection } from "./per-connection.server";

export type ImportResult = { ok: true; coeId: number; warnings: string[] } | { ok: false; errors: FormattedIssue[] };
/** `origin` names the first revision: "import" (a file, the API, the CLI) or "create" (the new-COE form, which writes through import). */
export type ImportOptions = { actorId?: number; now?: Date; origin?: "import" | "create" };

const FIRST_REVISION = { import: { section: "import", summary: "Imported" }, create: { section: "create", summary: "Created the COE" } } as const;

/**
 * Creates one COE from an interchange document. All or nothing: an invalid document writes no
 * row and every problem is listed by JSON path; a valid one is written in a single transaction
 * together with its first revision, so history starts at the import.
 * Problems that do not make the document wrong (an owner nobody registered) become warnings.
 */
export async function importCoe(db: Db, input: unknown, opts: ImportOptions = {}): Promise<ImportResult> {
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
  const coeId = await withTransaction(db, async (tx) => {
    const q = statementsFor(tx);
    const coeId = await insertCoeRow(q, doc, { actorId, now });
    await insertServicesAndTags(q, coeId, doc);
    await insertTenets(q, coeId, doc, warnings);
    if (actorId !== null) await q.insertAuthor({ coeId, userId: actorId, createdAt: now });
    await insertTimeline(q, coeId, doc, now);
    const whyIdByPath = await insertWhyTree(q, coeId, doc, now);
    const lessonIds = await insertLessons(q, coeId, doc, whyIdByPath, now);
    await insertActionItems(tx, q, coeId, doc, { whyIdByPath, lessonIds, now, warnings });
    await insertDependencies(q, coeId, doc);
    await refreshRcaOwed(tx, coeId);
    // However a COE enters review, it is queued for the next meeting.
    if (doc.status === "in_review") await queueForReview(tx, coeId, now);
    const snapshot = (await exportCoe(tx, coeId))!;
    await refreshSearchIndex(tx, coeId, snapshot);
    await q.insertRevision({ coeId, authorId: actorId, coeVersion: 1, ...FIRST_REVISION[opts.origin ?? "import"], snapshot, createdAt: now });
    await q.insertAudit({ actorId, action: "coe.import", entityType: "coe", entityId: coeId, detail: { title: doc.title, warnings }, createdAt: now });
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
export async function replaceCoeContent(tx: Db, coeId: number, doc: CoeDocument, sections: ReadonlySet<ContentSection>, now: Date) {
  const q = statementsFor(tx);
  const columns: Partial<typeof coes.$inferInsert> = {};
  if (sections.has("header")) {
    Object.assign(columns, { title: doc.title, severity: doc.severity, teamId: await q.team(doc.team), eventId: doc.event === undefined ? null : await q.event(doc.event) });
    await tx.delete(coeServices).where(eq(coeServices.coeId, coeId));
    await tx.delete(coeTags).where(eq(coeTags.coeId, coeId));
    await tx.delete(coeTenets).where(eq(coeTenets.coeId, coeId));
    await insertServicesAndTags(q, coeId, doc);
    await insertTenets(q, coeId, doc, []);
  }
  if (sections.has("impact-summary")) columns.impactSummary = richTextAsDoc(doc.impactSummary);
  if (sections.has("customer-rca")) columns.customerRca = richTextAsDoc(doc.customerRca);
  if (sections.has("customer-impact")) Object.assign(columns, impactColumns(doc));
  if (sections.has("detection")) Object.assign(columns, detectionColumns(doc));
  if (sections.has("closeout")) Object.assign(columns, closeoutColumns(doc));
  if (Object.keys(columns).length) await tx.update(coes).set(columns).where(eq(coes.id, coeId));

  if (sections.has("timeline")) {
    await tx.delete(timelineEntries).where(eq(timelineEntries.coeId, coeId));
    await insertTimeline(q, coeId, doc, now);
  }
  if (sections.has("dependencies")) {
    await tx.delete(dependencies).where(eq(dependencies.coeId, coeId));
    await insertDependencies(q, coeId, doc);
  }
  let whyIdByPath: Map<string, number> | undefined;
  if (sections.has("whys")) {
    // Cascades to the lesson links; action items keep their rows with the link set to null.
    await tx.delete(whyNodes).where(eq(whyNodes.coeId, coeId));
    whyIdByPath = await insertWhyTree(q, coeId, doc, now);
  }
  let lessonIds: number[] | undefined;
  if (sections.has("lessons")) {
    await tx.delete(lessons).where(eq(lessons.coeId, coeId));
    lessonIds = await insertLessons(q, coeId, doc, whyIdByPath ?? (await whyIdsByPath(tx, coeId)), now);
  } else if (whyIdByPath) {
    for (const [i, lessonId] of (await lessonIdsInOrder(tx, coeId)).entries()) {
      const lesson = doc.lessons[i];
      if (lesson) await linkLesson(q, lessonId, lesson, whyIdByPath);
    }
  }
  const links = { whyIdByPath: whyIdByPath ?? (await whyIdsByPath(tx, coeId)), lessonIds: lessonIds ?? (await lessonIdsInOrder(tx, coeId)) };
  if (sections.has("action-items")) await rewriteActionItems(tx, q, coeId, doc, { ...links, now });
  else if (whyIdByPath || lessonIds) await relinkActionItems(tx, coeId, doc, links);
  return links;
}

type ItemLinks = { whyIdByPath: Map<string, number>; lessonIds: number[] };

/** The items are as the document says (only the rows they linked to were replaced): link them again, in order. */
async function relinkActionItems(tx: Db, coeId: number, doc: CoeDocument, links: ItemLinks) {
  const rows = await tx.select({ id: actionItems.id }).from(actionItems).where(eq(actionItems.coeId, coeId)).orderBy(asc(actionItems.position), asc(actionItems.id));
  for (const [i, row] of rows.entries()) {
    const item = doc.actionItems[i];
    if (item) await tx.update(actionItems).set(itemLinkColumns(item, links)).where(eq(actionItems.id, row.id));
  }
}

/**
 * The document's action items over the COE's: matched by title, a row is updated in place (its
 * per-item version moves on, so an owner's stale update is refused) and its date log replaced;
 * an item without a row is inserted; a row without an item is deleted.
 */
async function rewriteActionItems(tx: Db, q: ImportStatements, coeId: number, doc: CoeDocument, ctx: ItemLinks & { now: Date }) {
  const rows = await tx
    .select({ id: actionItems.id, title: actionItems.title, implementedAt: actionItems.implementedAt, validatedAt: actionItems.validatedAt })
    .from(actionItems)
    .where(eq(actionItems.coeId, coeId))
    .orderBy(asc(actionItems.position), asc(actionItems.id));
  const unmatched = new Map<string, typeof rows>();
  for (const row of rows) unmatched.set(row.title, [...(unmatched.get(row.title) ?? []), row]);
  const people = await ownerIdsByEmail(tx, peopleIn(doc));
  for (const [position, item] of doc.actionItems.entries()) {
    const row = unmatched.get(item.title)?.shift();
    const columns = { ...itemColumns(item, position, people), ...itemLinkColumns(item, ctx) };
    let itemId: number;
    if (row) {
      itemId = row.id;
      await tx
        .update(actionItems)
        .set({ ...columns, ...lifecycleStamps(item.status, ctx.now, row), version: sql`${actionItems.version} + 1`, updatedAt: ctx.now })
        .where(eq(actionItems.id, itemId));
      await tx.delete(actionItemDateChanges).where(eq(actionItemDateChanges.actionItemId, itemId));
    } else itemId = await q.insertActionItem({ coeId, ...columns, ...lifecycleStamps(item.status, ctx.now), createdAt: ctx.now, updatedAt: ctx.now });
    await insertDateChanges(q, itemId, item, people, []);
  }
  const leftover = [...unmatched.values()].flat().map((r) => r.id);
  if (leftover.length) await tx.delete(actionItems).where(inArray(actionItems.id, leftover));
}

async function lessonIdsInOrder(db: Db, coeId: number): Promise<number[]> {
  return (await db.select({ id: lessons.id }).from(lessons).where(eq(lessons.coeId, coeId)).orderBy(asc(lessons.position), asc(lessons.id))).map((l) => l.id);
}

/** Why path → id for the tree as stored (siblings by position, then id: the order export numbers them in). */
async function whyIdsByPath(db: Db, coeId: number): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: whyNodes.id, parentId: whyNodes.parentId })
    .from(whyNodes)
    .where(eq(whyNodes.coeId, coeId))
    .orderBy(asc(whyNodes.position), asc(whyNodes.id));
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
// themselves (bulk imports of thousands of COEs are a real use). A placeholder is bound as given,
// not through its column, so each value is encoded here the way its drizzle column encodes it.

type Insertable<T extends PgTable, K extends keyof T["$inferInsert"]> = Pick<Required<T["$inferInsert"]>, K>;

/** An insert of exactly `keys`; resolves to the new row's id (0 for a table without one). */
function preparedInsert<T extends PgTable, K extends keyof T["$inferInsert"] & string>(db: Db, table: T, keys: readonly K[]) {
  const all = getTableColumns(table);
  const columns = keys.map((key) => all[key]!);
  // Wrapped in sql``, a placeholder is bound raw; as a bare value drizzle would encode it, null included (a null JSON as "null").
  const values = Object.fromEntries(keys.map((key) => [key, sql`${sql.placeholder(key)}`]));
  const name = `import_${getTableName(table)}`;
  const insert = db.insert(table).values(values as never);
  const statement = all.id ? insert.returning({ id: all.id }).prepare(name) : insert.prepare(name);
  return async (row: Insertable<T, K>): Promise<number> => {
    const params = Object.fromEntries(
      keys.map((key, i) => {
        const value = row[key];
        return [key, value === null || value === undefined ? null : columns[i]!.mapToDriverValue(value)];
      }),
    );
    const result = (await statement.execute(params)) as unknown;
    return Array.isArray(result) ? Number((result[0] as { id: number } | undefined)?.id ?? 0) : 0;
  };
}

function prepareImport(db: Db) {
  const tenetByTitle = db
    .select({ id: tenets.id })
    .from(tenets)
    .where(eq(tenets.title, sql.placeholder("title")))
    .orderBy(asc(tenets.position), asc(tenets.id))
    .limit(1)
    .prepare("import_tenet_by_title");
  return {
    ...namedIds(db),
    insertCoe: preparedInsert(db, coes, COE_COLUMNS),
    insertCoeService: preparedInsert(db, coeServices, ["coeId", "serviceId", "position"]),
    insertCoeTag: preparedInsert(db, coeTags, ["coeId", "tagId", "position"]),
    insertAuthor: preparedInsert(db, coeAuthors, ["coeId", "userId", "createdAt"]),
    insertTimelineEntry: preparedInsert(db, timelineEntries, ["coeId", "at", "atMs", "kind", "text", "link", "createdAt"]),
    insertWhyNode: preparedInsert(db, whyNodes, ["coeId", "parentId", "position", "text", "isRootCause", "evidence", "categoryId", "createdAt"]),
    insertLesson: preparedInsert(db, lessons, ["coeId", "position", "text", "createdAt"]),
    insertCoeTenet: preparedInsert(db, coeTenets, ["coeId", "tenetId"]),
    tenetByTitle: async (title: string) => (await tenetByTitle.execute({ title }))[0]?.id,
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
  "validationNote", "validatedById", "cancelReason", "scaling", "isCustomerFacing", "trackerUrl", "lessonId", "whyNodeId",
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

async function insertCoeRow(q: ImportStatements, doc: CoeDocument, { actorId, now }: { actorId: number | null; now: Date }): Promise<number> {
  const row: Insertable<typeof coes, (typeof COE_COLUMNS)[number]> = {
    title: doc.title,
    severity: doc.severity,
    status: doc.status,
    teamId: await q.team(doc.team),
    eventId: doc.event === undefined ? null : await q.event(doc.event),
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

async function insertServicesAndTags(q: ImportStatements, coeId: number, doc: CoeDocument) {
  for (const [position, name] of doc.services.entries()) await q.insertCoeService({ coeId, serviceId: await q.service(name), position });
  for (const [position, name] of doc.tags.entries()) await q.insertCoeTag({ coeId, tagId: await q.tag(name), position });
}

/** Tenets are the organisation's catalogue, cited by title; a title nobody defined is not invented here. */
async function insertTenets(q: ImportStatements, coeId: number, doc: CoeDocument, warnings: string[]) {
  for (const [i, title] of doc.tenets.entries()) {
    const tenetId = await q.tenetByTitle(title);
    if (tenetId === undefined) warnings.push(`tenets[${i}]: no tenet titled "${title}" — not cited`);
    else await q.insertCoeTenet({ coeId, tenetId });
  }
}

async function insertTimeline(q: ImportStatements, coeId: number, doc: CoeDocument, now: Date) {
  for (const e of doc.timeline)
    await q.insertTimelineEntry({ coeId, at: e.at, atMs: Date.parse(e.at), kind: e.kind, text: e.text, link: e.link ?? null, createdAt: now });
}

/** Returns the new lesson ids in document order (action items refer to lessons by index). */
async function insertLessons(q: ImportStatements, coeId: number, doc: CoeDocument, whyIdByPath: Map<string, number>, now: Date): Promise<number[]> {
  const ids: number[] = [];
  for (const [position, lesson] of doc.lessons.entries()) {
    const lessonId = await q.insertLesson({ coeId, position, text: richTextAsDoc(lesson.text)!, createdAt: now });
    await linkLesson(q, lessonId, lesson, whyIdByPath);
    ids.push(lessonId);
  }
  return ids;
}

/** Every why node the lesson names (for an import the schema has already checked that the paths resolve). */
async function linkLesson(q: ImportStatements, lessonId: number, lesson: Lesson, whyIdByPath: Map<string, number>) {
  const paths = new Set([...(lesson.whyPath === undefined ? [] : [lesson.whyPath]), ...(lesson.whyPaths ?? [])]);
  for (const path of paths) {
    const whyNodeId = whyIdByPath.get(path);
    if (whyNodeId !== undefined) await q.insertLessonWhyLink({ lessonId, whyNodeId });
  }
}

async function insertDependencies(q: ImportStatements, coeId: number, doc: CoeDocument) {
  for (const [position, d] of doc.dependencies.entries())
    await q.insertDependency({
      coeId,
      position,
      name: d.name,
      performedAsPromised: d.performedAsPromised,
      implementationValidated: d.implementationValidated,
      failureMode: d.failureMode ?? null,
      notes: richTextAsDoc(d.notes),
    });
}

/** Parents are written before their children (depth-first), so each child knows its parent's id. */
async function insertWhyTree(q: ImportStatements, coeId: number, doc: CoeDocument, now: Date): Promise<Map<string, number>> {
  const idByPath = new Map<string, number>();
  const nodes: [WhyNode, string, string | undefined][] = [];
  walkWhys(doc.whys, (...visit) => nodes.push(visit));
  for (const [node, path, parentPath] of nodes) {
    const id = await q.insertWhyNode({
      coeId,
      parentId: parentPath === undefined ? null : idByPath.get(parentPath)!,
      position: Number(path.slice(path.lastIndexOf(".") + 1)),
      text: node.text,
      isRootCause: node.rootCause,
      evidence: node.evidence ?? null,
      categoryId: node.category === undefined ? null : await q.category(node.category),
      createdAt: now,
    });
    idByPath.set(path, id);
  }
  return idByPath;
}

async function insertActionItems(
  db: Db,
  q: ImportStatements,
  coeId: number,
  doc: CoeDocument,
  ctx: ItemLinks & { now: Date; warnings: string[] },
) {
  if (!doc.actionItems.length) return;
  const people = await ownerIdsByEmail(db, peopleIn(doc));
  for (const [position, item] of doc.actionItems.entries()) {
    if (item.owner !== null && !people.has(item.owner)) ctx.warnings.push(`actionItems[${position}].owner: no user ${item.owner} — imported unassigned`);
    const row: Insertable<typeof actionItems, (typeof ACTION_ITEM_COLUMNS)[number]> = {
      coeId,
      ...itemColumns(item, position, people),
      ...itemLinkColumns(item, ctx),
      ...lifecycleStamps(item.status, ctx.now),
      createdAt: itemRecordedAt(item, doc, ctx.now),
      updatedAt: ctx.now,
    };
    const itemId = await q.insertActionItem(row);
    await insertDateChanges(q, itemId, item, people, ctx.warnings, position);
  }
}

/**
 * When an imported item was first recorded, which its slip is measured from: its first logged
 * promise, else the incident's start (the document does not say when the item was written), never
 * later than the import itself. An item imported months after its incident is not "new".
 */
function itemRecordedAt(item: ActionItem, doc: CoeDocument, now: Date): Date {
  const impactStart = doc.customerImpact?.startedAt ?? doc.timeline.filter((t) => t.kind === "impact_start").map((t) => t.at).sort()[0];
  const candidates = [item.dateChanges?.[0]?.at, impactStart].map((at) => (at ? Date.parse(at) : NaN)).filter((ms) => Number.isFinite(ms));
  return new Date(Math.min(now.getTime(), candidates[0] ?? now.getTime()));
}

/** Every email an item or its date log names, for one lookup. */
function peopleIn(doc: CoeDocument): (string | null)[] {
  return doc.actionItems.flatMap((item) => [item.owner, item.validatedBy ?? null, ...(item.dateChanges ?? []).map((c) => c.by ?? null)]);
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
    validatedById: item.status === "validated" && item.validatedBy ? (people.get(item.validatedBy) ?? null) : null,
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
async function insertDateChanges(q: ImportStatements, actionItemId: number, item: ActionItem, people: Map<string, number>, warnings: string[], position?: number) {
  for (const [i, change] of (item.dateChanges ?? []).entries()) {
    const changedById = change.by === undefined ? null : (people.get(change.by) ?? null);
    if (change.by !== undefined && changedById === null && position !== undefined)
      warnings.push(`actionItems[${position}].dateChanges[${i}].by: no user ${change.by} — kept without a name`);
    await q.insertDateChange({ actionItemId, changedById, fromDate: change.from, toDate: change.to, reason: change.reason, createdAt: new Date(Date.parse(change.at)) });
  }
}

/** Owners are matched by email regardless of case; one query for all of them. */
async function ownerIdsByEmail(db: Db, emails: (string | null)[]): Promise<Map<string, number>> {
  const wanted = [...new Set(emails.filter((e): e is string => e !== null))];
  if (!wanted.length) return new Map();
  const rows = await db
    .select({ id: users.id, email: sql<string>`lower(${users.email})` })
    .from(users)
    .where(inArray(sql`lower(${users.email})`, wanted));
  return new Map(rows.map((r) => [r.email, r.id]));
}
