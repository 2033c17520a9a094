import { sql, type SQL } from "drizzle-orm";
import type { EngineKind } from "../../db/engine-kind";

/*
 * The only engine-specific SQL of the trends page: how each engine reads a month or quarter out of
 * an instant, a day number out of a date or an instant, and epoch milliseconds out of an ISO 8601
 * text. Every query in trends.server.ts is written once over these.
 */
export type TrendsSql = {
  month: (instant: SQL) => SQL;
  quarter: (instant: SQL) => SQL;
  /** Days since 1970-01-01 (UTC) of an instant column. */
  dayOfInstant: (instant: SQL) => SQL;
  /** Days since 1970-01-01 of a YYYY-MM-DD text. */
  dayOfDate: (date: SQL) => SQL;
  /** Epoch milliseconds of an ISO 8601 text with its zone (null stays null). */
  isoMs: (iso: SQL) => SQL;
  /** An instant as this engine binds it. */
  instant: (ms: number) => number | Date;
};

const sqlite: TrendsSql = {
  month: (at) => sql`strftime('%Y-%m', ${at} / 1000, 'unixepoch')`,
  quarter: (at) => sql`(strftime('%Y', ${at} / 1000, 'unixepoch') || '-Q' || ((cast(strftime('%m', ${at} / 1000, 'unixepoch') as integer) + 2) / 3))`,
  dayOfInstant: (at) => sql`(${at} / 86400000)`,
  dayOfDate: (date) => sql`cast(julianday(${date}) - 2440587.5 as integer)`,
  isoMs: (iso) => sql`cast(round(unixepoch(${iso}, 'subsec') * 1000) as integer)`,
  instant: (ms) => ms,
};

const pg: TrendsSql = {
  month: (at) => sql`to_char(${at} at time zone 'UTC', 'YYYY-MM')`,
  quarter: (at) => sql`to_char(${at} at time zone 'UTC', 'YYYY-"Q"Q')`,
  // A date difference and date_part's double precision: extract() answers in numeric, which made the slip bands 200 ms at 25,000 items.
  dayOfInstant: (at) => sql`((${at} at time zone 'UTC')::date - date '1970-01-01')`,
  dayOfDate: (date) => sql`(${date}::date - date '1970-01-01')`,
  isoMs: (iso) => sql`round(date_part('epoch', ${iso}::timestamptz) * 1000)::bigint`,
  instant: (ms) => new Date(ms),
};

export function trendsSql(kind: EngineKind): TrendsSql {
  return kind === "pg" ? pg : sqlite;
}
