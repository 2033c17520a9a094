import { pgKit, sqliteColumnKit } from "./column-kit";
import { defineTables } from "./define";

/** Every table as PostgreSQL stores it. */
export const pgTables = defineTables(pgKit);
export type Tables = typeof pgTables;
/** The same tables as SQLite stores them (typed alike: see column-kit.ts). */
export const sqliteTables: Tables = defineTables(sqliteColumnKit);
