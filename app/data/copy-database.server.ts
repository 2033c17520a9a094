import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { asc, count, getTableColumns, getTableName, is, sql, Table, type Column } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { rawRows, runStatement, type Db } from "../../db/client";
import { PgEngine } from "../../db/pg-engine";
import { pgTables, sqliteTables } from "../../db/tables/engines";
import { migrationsFolder } from "../../db/client";
import { checkAppDatabase } from "./database-identity.server";
import { DatabaseFileError } from "./backup.server";

export type CopiedTable = { table: string; rows: number; checksum: string };

const PAGE = 500;

/**
 * Moves a SQLite deployment to PostgreSQL: every row of every table (ids, revisions, the audit
 * log, sessions) is copied from the file into the database at `url`, which is migrated first and
 * must hold no rows. Identity sequences then continue after the highest id. Before anything is
 * committed, each table's row count and checksum (SHA-256 over its rows in key order, read back
 * through each engine) must match; otherwise nothing is kept. The file is only read.
 */
export async function copySqliteToPostgres({ file, url }: { file: string; url: string }): Promise<CopiedTable[]> {
  const source = openSource(file);
  const target = new PgEngine(url);
  try {
    await target.migrate(migrationsFolder("pg"));
    const lite = drizzle({ client: source }) as unknown as Db;
    const tables = await target.transaction(async (tx) => {
      await refuseNonEmpty(tx);
      const report: CopiedTable[] = [];
      for (const [name, table] of tablesInCopyOrder()) {
        const from = sqliteTables[name] as unknown as PgTable;
        const copied = await copyTable(lite, from, tx, table);
        const check = await checksum(tx, table);
        if (check.rows !== copied.rows || check.checksum !== copied.checksum)
          throw new DatabaseFileError(
            `${getTableName(table)} did not copy exactly (${copied.rows} rows, checksum ${copied.checksum.slice(0, 12)}… in the file; ${check.rows} rows, ${check.checksum.slice(0, 12)}… in PostgreSQL); nothing was kept`,
          );
        report.push({ table: getTableName(table), ...copied });
      }
      report.push(...(await copySearchIndex(source, tx)));
      await continueSequences(tx);
      await carrySessionSecret(tx, file);
      return report;
    });
    // Planner statistics and visibility for the rows just written, now rather than whenever
    // autovacuum gets to them: until then PostgreSQL plans the search index's queries as if it were
    // empty (a common phrase once took 30 ms, not 5), and its vacuum of every table would run under
    // the first requests. (Outside the copy's transaction: VACUUM cannot run inside one.)
    await runStatement(target.reader, sql`vacuum (analyze)`);
    return tables;
  } finally {
    source.close();
    await target.close();
  }
}

type TableName = keyof typeof pgTables;

/**
 * The search index is each engine's own (FTS5 beside a plain table; a generated tsvector): its
 * text, the same on both, is carried from SQLite's plain tables into PostgreSQL's, so the copy is
 * searchable at once and word for word as the file was. Counted like the tables (no checksum: the
 * tsvector is PostgreSQL's own).
 */
async function copySearchIndex(source: Database.Database, tx: Db): Promise<CopiedTable[]> {
  const copies = [
    { from: "select coe_id, body, sections from coe_fts_docs order by coe_id", to: "coe_fts", columns: ["coe_id", "body", "sections"] },
    { from: "select coe_id, position, section, plain from coe_fts_sections order by coe_id, position", to: "coe_fts_sections", columns: ["coe_id", "position", "section", "plain"] },
  ];
  const report: CopiedTable[] = [];
  for (const copy of copies) {
    const rows = source.prepare(copy.from).all() as Record<string, unknown>[];
    for (let i = 0; i < rows.length; i += PAGE) {
      const values = rows.slice(i, i + PAGE).map((row) => sql`(${sql.join(copy.columns.map((c) => sql`${row[c]}`), sql`, `)})`);
      await runStatement(tx, sql`insert into ${sql.identifier(copy.to)} (${sql.raw(copy.columns.join(", "))}) values ${sql.join(values, sql`, `)}`);
    }
    const [held] = await rawRows<{ n: string | number }>(tx, sql`select count(*) as n from ${sql.identifier(copy.to)}`);
    if (Number(held?.n) !== rows.length) throw new DatabaseFileError(`${copy.to} did not copy exactly (${rows.length} rows in the file); nothing was kept`);
    report.push({ table: copy.to, rows: rows.length, checksum: "" });
  }
  return report;
}

function openSource(file: string) {
  if (!existsSync(file)) throw new DatabaseFileError(`there is no database at ${file}`);
  const source = new Database(file, { readonly: true, fileMustExist: true });
  const identity = checkAppDatabase(source);
  if (!identity.ok) {
    source.close();
    throw new DatabaseFileError(`${file} cannot be copied: ${identity.reason}`);
  }
  if (identity.applied !== identity.known) {
    source.close();
    throw new DatabaseFileError(
      `${file} is at an older schema (${identity.applied} of ${identity.known} migrations): start this version on it once (or run \`npm run db:migrate\`), then copy`,
    );
  }
  return source;
}

/** Parents before children, so every foreign key finds its row (a table's references to itself are set afterwards). */
function tablesInCopyOrder(): [TableName, PgTable][] {
  const tables = (Object.entries(pgTables) as [TableName, unknown][]).filter((entry): entry is [TableName, PgTable] => is(entry[1], Table));
  const ordered: [TableName, PgTable][] = [];
  const placed = new Set<PgTable>();
  while (ordered.length < tables.length) {
    const ready = tables.filter(([, t]) => !placed.has(t) && parentsOf(t).every((p) => p === t || placed.has(p)));
    if (!ready.length) throw new Error("the schema's foreign keys form a cycle");
    for (const entry of ready) {
      ordered.push(entry);
      placed.add(entry[1]);
    }
  }
  return ordered;
}

const parentsOf = (table: PgTable) => getTableConfig(table).foreignKeys.map((fk) => fk.reference().foreignTable);
const selfReferences = (table: PgTable) =>
  getTableConfig(table)
    .foreignKeys.filter((fk) => fk.reference().foreignTable === table)
    .flatMap((fk) => fk.reference().columns);

function keyColumns(table: PgTable): Column[] {
  const config = getTableConfig(table);
  const composite = config.primaryKeys[0]?.columns;
  return composite ?? config.columns.filter((c) => c.primary);
}

/** Every row of `table` in key order, a page at a time (`shape`: the PostgreSQL table, which names the key). */
async function* rowsOf(db: Db, table: PgTable, shape: PgTable = table) {
  const order = keyColumns(shape).map((c) => asc(getTableColumns(table)[propertyOf(shape, c)]!));
  for (let offset = 0; ; offset += PAGE) {
    const page = await db
      .select()
      .from(table)
      .orderBy(...order)
      .limit(PAGE)
      .offset(offset);
    if (page.length) yield page as Record<string, unknown>[];
    if (page.length < PAGE) return;
  }
}

const propertyOf = (table: PgTable, column: Column) => Object.entries(getTableColumns(table)).find(([, c]) => c.name === column.name)![0];

/** A row as both engines read it back: instants as ISO text, everything else as JSON in column order. */
const canonical = (row: Record<string, unknown>) => JSON.stringify(Object.values(row).map((v) => (v instanceof Date ? v.toISOString() : v)));

async function copyTable(lite: Db, from: PgTable, tx: Db, to: PgTable) {
  const hash = createHash("sha256");
  const [parentKey] = selfReferences(to).map((c) => propertyOf(to, c));
  const held: Record<string, unknown>[] = [];
  let rows = 0;
  for await (const page of rowsOf(lite, from, to)) {
    for (const row of page) hash.update(canonical(row)).update("\n");
    rows += page.length;
    // A table that refers to itself (a why under a why) is written parents first, once it is all read.
    if (parentKey) held.push(...page);
    else await tx.insert(to).values(page as never);
  }
  const ordered = parentKey ? parentsFirst(held, parentKey) : [];
  for (let i = 0; i < ordered.length; i += PAGE) await tx.insert(to).values(ordered.slice(i, i + PAGE) as never);
  return { rows, checksum: hash.digest("hex") };
}

/** Rows ordered so each comes after the row its `parentKey` names (rows whose parent is missing keep their place at the end). */
function parentsFirst(rows: Record<string, unknown>[], parentKey: string): Record<string, unknown>[] {
  const children = new Map<unknown, Record<string, unknown>[]>();
  for (const row of rows) children.set(row[parentKey] ?? null, [...(children.get(row[parentKey] ?? null) ?? []), row]);
  const ordered: Record<string, unknown>[] = [];
  const queue = [...(children.get(null) ?? [])];
  while (queue.length) {
    const row = queue.shift()!;
    ordered.push(row);
    queue.push(...(children.get(row.id) ?? []));
  }
  const placed = new Set(ordered);
  return [...ordered, ...rows.filter((r) => !placed.has(r))];
}

async function checksum(db: Db, table: PgTable) {
  const hash = createHash("sha256");
  let rows = 0;
  for await (const page of rowsOf(db, table)) {
    for (const row of page) hash.update(canonical(row)).update("\n");
    rows += page.length;
  }
  return { rows, checksum: hash.digest("hex") };
}

/**
 * Tables a migration fills (the starter root-cause categories): a freshly migrated target holds
 * them, and so does the file. The target's are cleared once it is known to be otherwise empty
 * (nothing can refer to them yet), and the file's are copied with their ids like every other row.
 */
const FILLED_BY_MIGRATIONS: ReadonlySet<TableName> = new Set(["rootCauseCategories"]);

async function refuseNonEmpty(tx: Db) {
  const filled: string[] = [];
  for (const [name, table] of tablesInCopyOrder()) {
    if (FILLED_BY_MIGRATIONS.has(name)) continue;
    const [row] = await tx.select({ n: count() }).from(table);
    if (row && row.n > 0) filled.push(`${getTableName(table)} (${row.n})`);
  }
  if (filled.length) throw new DatabaseFileError(`the target database is not empty: ${filled.join(", ")} already hold rows. copy-database only fills an empty database; nothing was changed`);
  for (const [name, table] of tablesInCopyOrder()) if (FILLED_BY_MIGRATIONS.has(name)) await tx.delete(table);
}

/** New rows get the ids after the highest copied one. */
async function continueSequences(tx: Db) {
  for (const [, table] of tablesInCopyOrder()) {
    // Tables numbered by an identity column: an integer `id` as the whole key (sessions are keyed by a hash).
    if (getTableColumns(table).id?.dataType !== "number" || getTableConfig(table).primaryKeys.length) continue;
    const name = getTableName(table);
    await rawRows(tx, sql.raw(`select setval(pg_get_serial_sequence('"${name}"', 'id'), coalesce((select max(id) from "${name}"), 0) + 1, false)`));
  }
}

/** The secret kept beside the file signs the sessions just copied: carried over, nobody is signed out by the move. */
async function carrySessionSecret(tx: Db, file: string) {
  const secretFile = join(dirname(file), ".session-secret");
  if (!existsSync(secretFile)) return;
  const secret = readFileSync(secretFile, "utf8").trim();
  if (secret) await tx.insert(pgTables.settings).values({ key: "session_secret", value: secret }).onConflictDoNothing();
}
