import Database from "better-sqlite3";
import { preparePrivateDatabaseFile } from "./file-modes";

export type SqliteClient = Database.Database;

/**
 * Opens a connection with the pragmas this product relies on (an acknowledged save survives power
 * loss; several processes share the file, waiting up to 5 s for the write lock). The file is
 * created 0600 in a 0700 directory first, or tightened if an older version left it readable by
 * others (see file-modes.ts).
 */
export function openSqliteFile(file: string): SqliteClient {
  if (!isMemory(file)) preparePrivateDatabaseFile(file);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return sqlite;
}

export const isMemory = (file: string) => file === ":memory:" || file === "";
