import { asc, getTableColumns, getTableName } from "drizzle-orm";
import type { Db } from "../../db/client";
import { allTables } from "./all-tables";

/**
 * Every row of every table (primary key order), for "nothing was written" checks: compare a
 * snapshot taken before a barrage of requests with one taken after. `except` leaves out tables
 * that are meant to change (the audit log, when refusals are expected to be recorded).
 */
export async function snapshotTables(db: Db, { except = [] as string[] } = {}): Promise<Record<string, unknown[]>> {
  const tables = allTables().filter((t) => !except.includes(getTableName(t)));
  const entries = await Promise.all(
    tables.map(async (table) => {
      // Every column but JSON ones, which PostgreSQL cannot order by (no table has one in its key).
      const columns = Object.values(getTableColumns(table)).filter((c) => c.dataType !== "json");
      const rows = await db
        .select()
        .from(table as never)
        .orderBy(...columns.map((c) => asc(c)));
      return [getTableName(table), rows] as const;
    }),
  );
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}
