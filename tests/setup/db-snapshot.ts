import type { Db } from "../../db/client";

/**
 * Every row of every table (rowid order), for "nothing was written" checks: compare a snapshot
 * taken before a barrage of requests with one taken after. `except` leaves out tables that are
 * meant to change (the audit log, when refusals are expected to be recorded).
 */
export function snapshotTables(db: Db, { except = [] as string[] } = {}): Record<string, unknown[]> {
  const tables = db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all() as string[];
  return Object.fromEntries(tables.filter((t) => !except.includes(t)).map((t) => [t, db.$client.prepare(`select * from "${t}" order by rowid`).all()]));
}
