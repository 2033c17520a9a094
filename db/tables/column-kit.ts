import { sql } from "drizzle-orm";
import * as pg from "drizzle-orm/pg-core";
import * as lite from "drizzle-orm/sqlite-core";

/**
 * How each kind of column is stored on PostgreSQL. Instants are `timestamptz` (millisecond
 * precision, as on SQLite), JSON is `json` (kept as written, so exports are byte-identical on
 * both engines), epoch milliseconds are `bigint`.
 */
export const pgKit = {
  table: pg.pgTable,
  id: () => pg.integer("id").primaryKey().generatedByDefaultAsIdentity(),
  int: (name: string) => pg.integer(name),
  bigint: (name: string) => pg.bigint(name, { mode: "number" }),
  text: pg.text,
  json: (name: string) => pg.json(name),
  instant: (name: string) => pg.timestamp(name, { mode: "date", precision: 3, withTimezone: true }),
  bool: (name: string) => pg.boolean(name).notNull().default(false),
  createdAt: () => pg.timestamp("created_at", { mode: "date", precision: 3, withTimezone: true }).notNull().defaultNow(),
  updatedAt: () => pg.timestamp("updated_at", { mode: "date", precision: 3, withTimezone: true }).notNull().defaultNow(),
  emptyList: () => sql`'[]'`,
  check: pg.check,
  index: pg.index,
  uniqueIndex: pg.uniqueIndex,
  primaryKey: pg.primaryKey,
};

export type ColumnKit = typeof pgKit;

const nowMs = () => sql`(unixepoch() * 1000)`;

/** The same kinds on SQLite: instants as epoch milliseconds, JSON as text, booleans as 0/1. */
const sqliteKit = {
  table: lite.sqliteTable,
  id: () => lite.integer("id").primaryKey({ autoIncrement: true }),
  int: (name: string) => lite.integer(name),
  bigint: (name: string) => lite.integer(name),
  text: lite.text,
  json: (name: string) => lite.text(name, { mode: "json" }),
  instant: (name: string) => lite.integer(name, { mode: "timestamp_ms" }),
  bool: (name: string) => lite.integer(name, { mode: "boolean" }).notNull().default(false),
  createdAt: () => lite.integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs()),
  updatedAt: () => lite.integer("updated_at", { mode: "timestamp_ms" }).notNull().default(nowMs()),
  emptyList: () => sql`'[]'`,
  check: lite.check,
  index: lite.index,
  uniqueIndex: lite.uniqueIndex,
  primaryKey: lite.primaryKey,
};

// The builders differ in type, not in the calls tables.ts makes of them.
export const sqliteColumnKit = sqliteKit as unknown as ColumnKit;
