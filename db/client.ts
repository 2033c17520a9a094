import { resolve } from "node:path";
import { engineOf, register, type Db, type Engine } from "./engine";
import { engineKind, type EngineKind } from "./engine-kind";
import { PgEngine } from "./pg-engine";
import { SqliteEngine } from "./sqlite-engine";

export type { Db } from "./engine";
export { instantParam, rawRows, runStatement, takeTurns, withTransaction } from "./engine";

export const DEFAULT_DATABASE_PATH = "./data/coe.db";

/** Each engine's migrations, relative to the working directory (the bundled server runs from build/, the scripts from db/). */
export function migrationsFolder(kind: EngineKind = engineKind()) {
  return resolve(process.env.MIGRATIONS_PATH ?? "db/migrations", kind);
}

export function databasePath() {
  return process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
}

/** Where this process's data lives: DATABASE_URL on PostgreSQL, else the SQLite file. */
function target() {
  return engineKind() === "pg" ? process.env.DATABASE_URL! : databasePath();
}

/** A SQLite engine on `file`, migrated (for tools that work on a file other than the live one). */
export function openSqlite(file: string): SqliteEngine {
  const engine = new SqliteEngine(file);
  engine.migrateNow(migrationsFolder("sqlite"));
  register(engine);
  return engine;
}

let cached: Engine | undefined;
let cachedTarget: string | undefined;
let migrated: Promise<void> | undefined;

function engine(): Engine {
  const where = target();
  if (!cached || cachedTarget !== where) {
    void cached?.close();
    cached = engineKind() === "pg" ? register(new PgEngine(where)) : openSqlite(where);
    cachedTarget = where;
    migrated = cached.kind === "sqlite" ? Promise.resolve() : undefined;
  }
  return cached;
}

/**
 * The process-wide handle. On SQLite the file is migrated on first use, so a server never runs
 * against an old schema; on PostgreSQL call `migrateDatabase()` once before serving. Reopened when
 * DATABASE_PATH or DATABASE_URL changes (tests point each file at its own database).
 */
export function getDb(): Db {
  return engine().reader;
}

/** Applies pending migrations (once per process; on PostgreSQL several processes starting together migrate once). */
export function migrateDatabase(): Promise<void> {
  const current = engine();
  migrated ??= current.migrate(migrationsFolder(current.kind));
  return migrated;
}

export function engineOfDb(db: Db = getDb()) {
  return engineOf(db);
}

/** Shutdown: on SQLite folds the WAL back into the database file; then closes every connection. */
export async function checkpointAndCloseDb() {
  // Another process (a backup, say) reading at this moment keeps part of the WAL: nothing is lost,
  // the last connection to close, or the next to open, folds it in.
  if (cached instanceof SqliteEngine && !cached.checkpoint())
    console.warn("checkpoint incomplete: another connection is reading the database; the rest of the WAL is folded in later");
  await closeDb();
}

export async function closeDb() {
  const closing = cached;
  cached = undefined;
  cachedTarget = undefined;
  migrated = undefined;
  await closing?.close();
}
