/**
 * Everything the database holds about one COE, read generically from the drizzle schema, so the
 * round-trip and restore tests compare every column of every table that belongs to a COE — and a
 * column or table added later is compared (or fails the test) without anyone remembering to.
 *
 * Rows are made comparable across COEs: a reference to another row of the COE becomes that row's
 * place (a why node's path, a lesson's or item's position), a reference to the catalogue becomes
 * the name it is known by (team name, user email, tenet title), the reference to the COE itself
 * is dropped. Only the columns in NOT_COMPARED are left out, each with the reason.
 */
import { eq, getTableColumns, getTableName, inArray, is, type Column } from "drizzle-orm";
import { getTableConfig as pgTableConfig, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import * as schema from "../db/schema";
import { allTables } from "./setup/all-tables";

type Table = PgTable;
export type Row = Record<string, unknown>;

const tablesOf = (names: Record<string, Table>) => new Map(Object.entries(names).map(([key, table]) => [table, key]));

/** The COE's content: what a round trip and a restore must carry, every column of it. */
export const CONTENT_TABLES = tablesOf({
  coes: schema.coes,
  coeServices: schema.coeServices,
  coeTags: schema.coeTags,
  coeTenets: schema.coeTenets,
  timelineEntries: schema.timelineEntries,
  whyNodes: schema.whyNodes,
  lessons: schema.lessons,
  lessonWhyLinks: schema.lessonWhyLinks,
  actionItems: schema.actionItems,
  actionItemDateChanges: schema.actionItemDateChanges,
  dependencies: schema.dependencies,
});

/**
 * Tables that hang off a COE but record its process, not its content: neither the format nor a
 * restore carries them (a restore that rewrote who may edit, or the review's comments and
 * decisions, would be an attack, not an undo).
 */
export const PROCESS_TABLES = tablesOf({
  coeAuthors: schema.coeAuthors, // who may edit: the importer becomes the author
  coeSectionVersions: schema.coeSectionVersions, // per-section write counters (optimistic locks): a restore moves them on, never back
  comments: schema.comments, // review discussion
  commentEdits: schema.commentEdits, // earlier wordings of comments
  coeTransitions: schema.coeTransitions, // the review lifecycle's moves
  meetingItems: schema.meetingItems, // the review meeting's agenda
  reviewDecisions: schema.reviewDecisions, // reviewers' decisions
  revisions: schema.revisions, // the history itself
  actionItemRevisions: schema.actionItemRevisions, // each action item's own history (owners' progress after approval)
  actionItemReminders: schema.actionItemReminders, // reminders owners were sent about items
  coeKeywords: schema.coeKeywords, // derived from the whys and lessons, recomputed with every write
});

/** Tables that are not part of any one COE (people, catalogue, settings, logs). */
export const OTHER_TABLES = tablesOf({
  teams: schema.teams,
  users: schema.users,
  sessions: schema.sessions,
  loginAttempts: schema.loginAttempts,
  apiTokens: schema.apiTokens,
  settings: schema.settings,
  services: schema.services,
  events: schema.events,
  tags: schema.tags,
  tenets: schema.tenets,
  rootCauseCategories: schema.rootCauseCategories, // the organisation's taxonomy; why nodes refer to it by name
  meetings: schema.meetings,
  meetingAttendees: schema.meetingAttendees,
  auditEvents: schema.auditEvents,
  notifications: schema.notifications, // a user's bell, not any one COE's content
  calendarFeeds: schema.calendarFeeds, // a user's private calendar feed token
  jobRuns: schema.jobRuns, // scheduled jobs' claimed periods
  meetingTeamReviews: schema.meetingTeamReviews, // teams reviewed in a meeting
});

/** How a reference to a catalogue row is compared: by the name people know it by. */
const LABEL_COLUMN = new Map<Table, PgColumn>([
  [schema.teams, schema.teams.name],
  [schema.users, schema.users.email],
  [schema.services, schema.services.name],
  [schema.tags, schema.tags.name],
  [schema.events, schema.events.name],
  [schema.tenets, schema.tenets.title],
  [schema.rootCauseCategories, schema.rootCauseCategories.name],
]);

/** Every table the schema defines. */
export function schemaTables(): Table[] {
  return allTables() as Table[];
}

/**
 * Columns of content tables that are not compared, and why. Every other column is. Keys are the
 * drizzle property names; a key that is not a column fails the allowlist test, so this list
 * cannot rot.
 */
export const NOT_COMPARED: Record<string, Record<string, string>> = {
  coes: {
    id: "row identity (the COE is matched by the test, not by id)",
    createdById: "who ran the import or created the row, not who wrote the content",
    version: "write counter: every save moves it on",
    submittedAt: "lifecycle instant stamped when the status is reached",
    approvedAt: "lifecycle instant stamped when the status is reached",
    closedAt: "lifecycle instant stamped when the status is reached",
    rcaOwedAt: "derived from impact start and the customer RCA by every write (compared through them)",
    rcaDueAt: "derived from impact start by every write (compared through it)",
    rcaWrittenAt: "lifecycle instant stamped when a write first gives words to an owed RCA; the format does not carry it (an import does not know it)",
    createdAt: "when the row was written",
    updatedAt: "when the row was last written",
  },
  timelineEntries: { id: "row identity", createdAt: "when the row was written (the entry's instant is `at`)" },
  whyNodes: { id: "row identity (compared by path)", createdAt: "when the row was written" },
  lessons: { id: "row identity (compared by position)", createdAt: "when the row was written" },
  actionItems: {
    id: "row identity (compared by position)",
    version: "per-item write counter (optimistic lock for owners' updates)",
    implementedAt: "stamped when the status is reached; the format carries the status",
    validatedAt: "stamped when the status is reached; the format carries the status",
    createdAt: "when the row was written",
    updatedAt: "when the row was last written",
  },
  actionItemDateChanges: { id: "row identity" /* createdAt IS compared: it is when the date changed */ },
  dependencies: { id: "row identity (compared by position)" },
};

/** A restore also leaves the status alone: it moves through submit, review and approval, never back by a restore. */
export const NOT_RESTORED: Record<string, Record<string, string>> = {
  coes: { status: "the lifecycle state is not content" },
};

type Fk = { column: string; foreignTable: Table };

/** The table's foreign keys, read from the schema of whichever engine the table belongs to. */
function foreignKeys(table: Table): Fk[] {
  const columns = getTableColumns(table);
  const keyOf = new Map<Column, string>(Object.entries(columns).map(([key, column]) => [column, key]));
  const keys = is(table, SQLiteTable) ? sqliteTableConfig(table).foreignKeys : pgTableConfig(table).foreignKeys;
  return keys.map((fk) => {
    const ref = fk.reference();
    if (ref.columns.length !== 1) throw new Error(`${getTableName(table)}: composite foreign keys are not handled`);
    return { column: keyOf.get(ref.columns[0]!)!, foreignTable: ref.foreignTable as unknown as Table };
  });
}

/** Rows whose `column` is one of `ids` (values decoded by each column), keyed by drizzle property names. */
async function selectRows(db: Db, table: Table, column: Column, ids: number[]): Promise<Row[]> {
  if (!ids.length) return [];
  return (await db.select().from(table).where(inArray(column, ids))) as Row[];
}

/**
 * The content of one COE: for each content table, its rows with references made portable and
 * the NOT_COMPARED columns (plus `extra`) removed, sorted so that equal content is equal.
 */
export async function coeContent(db: Db, coeId: number, extra: Record<string, Record<string, string>> = {}): Promise<Record<string, Row[]>> {
  const raw = new Map<Table, Row[]>([[schema.coes, await selectRows(db, schema.coes, schema.coes.id, [coeId])]]);
  const pending = [...CONTENT_TABLES.keys()].filter((table) => table !== schema.coes);
  // Load each table through its reference to the COE, or to a content table already loaded.
  while (pending.length) {
    const ready = pending.findIndex((table) =>
      foreignKeys(table).some((fk) => fk.foreignTable !== table && raw.has(fk.foreignTable) && CONTENT_TABLES.has(fk.foreignTable)),
    );
    if (ready < 0) throw new Error(`Cannot tell which rows of ${pending.map(getTableName).join(", ")} belong to a COE`);
    const [table] = pending.splice(ready, 1) as [Table];
    const owner = foreignKeys(table).find((fk) => fk.foreignTable !== table && raw.has(fk.foreignTable) && CONTENT_TABLES.has(fk.foreignTable))!;
    const ids = raw.get(owner.foreignTable)!.map((r) => r.id as number);
    raw.set(table, await selectRows(db, table, getTableColumns(table)[owner.column]!, ids));
  }

  const identity = identities(raw);
  const out: Record<string, Row[]> = {};
  for (const [table, key] of CONTENT_TABLES) {
    const skip = { ...NOT_COMPARED[key], ...extra[key] };
    const fks = new Map(foreignKeys(table).map((fk) => [fk.column, fk.foreignTable]));
    const rows: Row[] = [];
    for (const row of raw.get(table)!) {
      const portable: Row = {};
      for (const [column, value] of Object.entries(row)) {
        if (column in skip) continue;
        const target = fks.get(column);
        if (target === schema.coes) continue; // the COE itself
        portable[column] = target === undefined || value === null ? value : await referenceTo(db, target, value as number, identity);
      }
      rows.push(portable);
    }
    out[key] = rows.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  }
  return out;
}

/** Canonical text of a row: object keys sorted (a TipTap doc's key order is not content), dates as ISO. */
const sortKey = (row: Row) =>
  JSON.stringify(row, function (this: Record<string, unknown>, key, v: unknown) {
    const value = key === "" ? v : this[key];
    if (value instanceof Date) return value.toISOString();
    if (value !== null && typeof value === "object" && !Array.isArray(value))
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return v;
  });

/** A content row's place: its position, under its parent's place for a tree (why nodes). */
function identities(raw: Map<Table, Row[]>): Map<Table, Map<number, string>> {
  const out = new Map<Table, Map<number, string>>();
  for (const [table, rows] of raw) {
    if (!("position" in getTableColumns(table)) || !("id" in getTableColumns(table))) continue;
    const parentColumn = foreignKeys(table).find((fk) => fk.foreignTable === table)?.column;
    const byId = new Map(rows.map((r) => [r.id as number, r]));
    const place = (row: Row): string => {
      const parentId = parentColumn ? (row[parentColumn] as number | null) : null;
      const parent = parentId === null ? undefined : byId.get(parentId);
      return parent ? `${place(parent)}.${String(row.position)}` : `#${String(row.position)}`;
    };
    out.set(table, new Map(rows.map((r) => [r.id as number, place(r)])));
  }
  return out;
}

async function referenceTo(db: Db, target: Table, id: number, identity: Map<Table, Map<number, string>>): Promise<unknown> {
  const label = LABEL_COLUMN.get(target);
  if (label) {
    const idColumn = getTableColumns(target).id!;
    const [row] = await db.select({ label }).from(target).where(eq(idColumn, id));
    return row?.label;
  }
  const place = identity.get(target)?.get(id);
  if (place === undefined) throw new Error(`A reference to ${getTableName(target)} ${id}: not a row of this COE, or a table without a position to compare by`);
  return `${getTableName(target)}${place}`;
}

/** Columns of the content tables that are compared: all but NOT_COMPARED (plus `extra`) and the reference to the COE itself. */
export function comparedColumns(extra: Record<string, Record<string, string>> = {}): [string, Column, string][] {
  return [...CONTENT_TABLES].flatMap(([table, key]) => {
    const toCoe = new Set(
      foreignKeys(table)
        .filter((fk) => fk.foreignTable === schema.coes)
        .map((fk) => fk.column),
    );
    return Object.entries(getTableColumns(table))
      .filter(([column]) => !(column in { ...NOT_COMPARED[key], ...extra[key] }) && !toCoe.has(column))
      .map(([column, c]): [string, Column, string] => [key, c, column]);
  });
}

/** Compared columns of one COE's content where no row has a value other than null, empty or the column's default. */
export function columnsLeftAtDefault(content: Record<string, Row[]>): string[] {
  return comparedColumns()
    .filter(([key, column, name]) => {
      const fallback = column.hasDefault && column.default !== undefined && typeof column.default !== "object" ? column.default : null;
      const isDefault = (value: unknown) => value === null || value === undefined || value === fallback || (Array.isArray(value) && value.length === 0);
      return (content[key] ?? []).every((row) => isDefault(row[name]));
    })
    .map(([key, , name]) => `${key}.${name}`);
}

/** Compared columns whose values (as a multiset over the rows) are the same in both contents. */
export function columnsUnchanged(a: Record<string, Row[]>, b: Record<string, Row[]>, extra: Record<string, Record<string, string>> = {}): string[] {
  const values = (content: Record<string, Row[]>, key: string, name: string) => (content[key] ?? []).map((row) => sortKey({ v: row[name] })).sort();
  return comparedColumns(extra)
    .filter(([key, , name]) => JSON.stringify(values(a, key, name)) === JSON.stringify(values(b, key, name)))
    .map(([key, , name]) => `${key}.${name}`);
}
