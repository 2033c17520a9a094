import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { resolve } from "node:path";
import { preparePrivateDatabaseFile } from "./file-modes";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DEFAULT_DATABASE_PATH = "./data/coe.db";
// Relative to the working directory: the bundled server runs from build/, the scripts from db/.
export const migrationsFolder = resolve(process.env.MIGRATIONS_PATH ?? "db/migrations");

/**
 * Opens a connection with the pragmas this product relies on (an acknowledged save survives power
 * loss). The file is created 0600 in a 0700 directory first, or tightened if an older version left
 * it readable by others (see file-modes.ts).
 */
export function openDb(file: string): Db {
  if (file !== ":memory:" && file !== "") preparePrivateDatabaseFile(file);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return drizzle({ client: sqlite, schema }) as Db;
}

export function runMigrations(db: Db) {
  migrate(db, { migrationsFolder });
}

export function databasePath() {
  return process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
}

let cached: Db | undefined;
let cachedFile: string | undefined;

/**
 * The process-wide connection, migrated on first use so a server never runs against an old
 * schema. Reopened when DATABASE_PATH changes (tests point each file at its own database).
 */
export function getDb(): Db {
  const file = databasePath();
  if (!cached || cachedFile !== file) {
    cached?.$client.close();
    cached = openDb(file);
    cachedFile = file;
    runMigrations(cached);
  }
  return cached;
}

/** Shutdown: folds the WAL back into the database file, then closes the connection. */
export function checkpointAndCloseDb() {
  const [result] = (cached?.$client.pragma("wal_checkpoint(TRUNCATE)") ?? []) as { busy: number }[];
  // Another process (a backup, say) reading at this moment keeps part of the WAL: nothing is lost,
  // the last connection to close, or the next to open, folds it in.
  if (result?.busy) console.warn("checkpoint incomplete: another connection is reading the database; the rest of the WAL is folded in later");
  closeDb();
}

export function closeDb() {
  cached?.$client.close();
  cached = undefined;
  cachedFile = undefined;
}
