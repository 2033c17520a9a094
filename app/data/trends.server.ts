import { asc, sql, type SQL } from "drizzle-orm";
import { services, teams } from "../../db/schema";
import { engineOfDb, rawRows, type Db } from "../../db/client";
import type { ActionStatus, Horizon } from "../domain/enums";
import { dayNumber, utcDay } from "../domain/calendar-date";
import type { DurationMetric, RcaState, SlipBucket, TrendsData } from "../domain/trends/charts";
import { thisAndLastQuarter, trendsPeriod, type TrendsQuery } from "../domain/trends/period";
import { contentStamp } from "./content-stamp.server";
import { rcaStateSql } from "./rca-state-sql.server";
import { measuredItemsSql, slipBandSql } from "./slip-band-sql.server";
import { trendsSql, type TrendsSql } from "./trends-sql.server";

/*
 * The trends page's figures (SPEC §5, issue 13), every one aggregated by the database: per month
 * and severity, percentiles by window functions, slip bands by integer arithmetic, so both engines
 * give the same figures and no request reads every row into JavaScript.
 */

/** The COEs a query covers: created in [fromMs, toMs), of the team, service and severity asked for. */
type Scope = { team?: number; service?: number; severity?: number; fromMs: number; toMs: number };

const TOP_CATEGORIES = 10;
const num = (v: unknown) => Number(v);
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function scopedCoes(e: TrendsSql, s: Scope): SQL {
  const conditions = [sql`c.created_at >= ${e.instant(s.fromMs)}`, sql`c.created_at < ${e.instant(s.toMs)}`];
  if (s.team !== undefined) conditions.push(sql`c.team_id = ${s.team}`);
  if (s.severity !== undefined) conditions.push(sql`c.severity = ${s.severity}`);
  if (s.service !== undefined) conditions.push(sql`exists (select 1 from coe_services cs where cs.coe_id = c.id and cs.service_id = ${s.service})`);
  return sql`f as (select c.id, c.severity, c.created_at, c.impact_started_at, c.rca_owed_at, c.rca_due_at, c.rca_written_at from coes c where ${sql.join(conditions, sql` and `)})`;
}

async function bySeverity(db: Db, e: TrendsSql, s: Scope) {
  const rows = await rawRows<{ month: string; severity: unknown; n: unknown }>(
    db,
    sql`with ${scopedCoes(e, s)} select ${e.month(sql`created_at`)} as month, severity, count(*) as n from f group by 1, 2`,
  );
  return rows.map((r) => ({ month: r.month, severity: num(r.severity), n: num(r.n) }));
}

/**
 * Median and 90th percentile of time to detect and to mitigate per bucket (month or quarter), by
 * the anchors of `incidentMetrics`: impact start (the Customer impact figure, else the first
 * "Impact started" entry), the first "Detected" and the last "Mitigated". Nearest rank, as
 * `percentile` computes it: the smallest value whose row number reaches p % of the count.
 */
async function durations(db: Db, e: TrendsSql, s: Scope, bucket: (at: SQL) => SQL) {
  const rows = await rawRows<{ bucket: string; metric: DurationMetric; n: unknown; median: unknown; p90: unknown }>(
    db,
    sql`with ${scopedCoes(e, s)},
      m as (select ${bucket(sql`f.created_at`)} as bucket,
              coalesce(${e.isoMs(sql`f.impact_started_at`)}, min(case when e.kind = 'impact_start' then e.at_ms end)) as start_ms,
              min(case when e.kind = 'detected' then e.at_ms end) as detected_ms,
              max(case when e.kind = 'mitigated' then e.at_ms end) as mitigated_ms
            from f join timeline_entries e on e.coe_id = f.id
            where e.kind in ('impact_start', 'detected', 'mitigated')
            group by f.id, f.created_at, f.impact_started_at),
      d as (select bucket, 'ttd' as metric, detected_ms - start_ms as ms from m where detected_ms is not null and start_ms is not null
            union all
            select bucket, 'ttm' as metric, mitigated_ms - start_ms as ms from m where mitigated_ms is not null and start_ms is not null),
      r as (select bucket, metric, ms, row_number() over (partition by bucket, metric order by ms) as rn, count(*) over (partition by bucket, metric) as n from d)
      select bucket, metric, max(n) as n, min(case when rn * 100 >= 50 * n then ms end) as median, min(case when rn * 100 >= 90 * n then ms end) as p90
      from r group by bucket, metric`,
  );
  return rows.map((r) => ({ bucket: r.bucket, metric: r.metric, n: num(r.n), median: numOrNull(r.median), p90: numOrNull(r.p90) }));
}

async function actionItemCounts(db: Db, e: TrendsSql, s: Scope) {
  const rows = await rawRows<{ horizon: Horizon; status: ActionStatus; n: unknown }>(
    db,
    sql`with ${scopedCoes(e, s)} select a.horizon, a.status, count(*) as n from action_items a join f on f.id = a.coe_id group by a.horizon, a.status`,
  );
  return rows.map((r) => ({ horizon: r.horizon, status: r.status, n: num(r.n) }));
}

/** Items per slip band (`measuredItemsSql`, `slipBandSql`: the COE list filters by the same rule). */
async function slipBands(db: Db, e: TrendsSql, s: Scope, today: number) {
  const rows = await rawRows<{ bucket: SlipBucket; n: unknown }>(
    db,
    sql`with ${scopedCoes(e, s)},
      -- Materialized: inlined, every band's test would compute each item's days again (90 ms, not 20, at 25,000 items on PostgreSQL).
      q as materialized (select m.elapsed, m.promised from (${measuredItemsSql(e, today)}) m join f on f.id = m.coe_id)
      select ${slipBandSql} as bucket, count(*) as n from q group by 1`,
  );
  return rows.map((r) => ({ bucket: r.bucket, n: num(r.n) }));
}

/** The categories on most COEs (a COE counts once however many of its whys carry the category). */
async function topCategories(db: Db, e: TrendsSql, s: Scope) {
  const rows = await rawRows<{ id: unknown; name: string; n: unknown }>(
    db,
    sql`with ${scopedCoes(e, s)}
      select c.id, c.name, count(distinct w.coe_id) as n
      from why_nodes w join f on f.id = w.coe_id join root_cause_categories c on c.id = w.category_id
      group by c.id, c.name order by n desc, c.name limit ${TOP_CATEGORIES}`,
  );
  return rows.map((r) => ({ id: num(r.id), name: r.name, n: num(r.n) }));
}

/** Customer RCAs by COE month and their state at `now` (`rcaStateSql`: the COE list filters by the same rule). */
async function rcaStates(db: Db, e: TrendsSql, s: Scope, now: number) {
  const rows = await rawRows<{ month: string; state: RcaState; n: unknown }>(
    db,
    sql`with ${scopedCoes(e, s)}
      select ${e.month(sql`created_at`)} as month,
             ${rcaStateSql(e.instant(now))} as state,
             count(*) as n
      from f group by 1, 2`,
  );
  return rows.map((r) => ({ month: r.month, state: r.state, n: num(r.n) }));
}

/** Every figure of the trends page for a query at `now` (COEs by the month they were opened, UTC). */
export async function trendsFigures(db: Db, q: TrendsQuery, now: Date): Promise<TrendsData> {
  const e = trendsSql(engineOfDb(db).kind);
  const period = trendsPeriod(q, now);
  const scope: Scope = { team: q.team, service: q.service, severity: q.severity, fromMs: period.fromMs, toMs: period.toMs };
  const quarters = thisAndLastQuarter(now);
  const monthly = await durations(db, e, scope, e.month);
  const quarterly = await durations(db, e, { ...scope, fromMs: quarters.fromMs, toMs: quarters.toMs }, e.quarter);
  const counts = await bySeverity(db, e, scope);
  return {
    period,
    coeCount: counts.reduce((n, r) => n + r.n, 0),
    bySeverity: counts,
    durations: monthly.map(({ bucket, ...r }) => ({ month: bucket, ...r })),
    quarters: { current: quarters.current, previous: quarters.previous, rows: quarterly.map(({ bucket, ...r }) => ({ quarter: bucket, ...r })) },
    actionItems: await actionItemCounts(db, e, scope),
    slip: await slipBands(db, e, scope, dayNumber(utcDay(now.getTime()))),
    categories: await topCategories(db, e, scope),
    rcas: await rcaStates(db, e, scope, now.getTime()),
  };
}

const CACHE_SIZE = 64;
const MINUTE_MS = 60_000;
type Kept = { stamp: string; data: Promise<TrendsData> };
const keptByDb = new WeakMap<Db, Map<string, Kept>>();

/**
 * `trendsFigures`, remembered per database handle and query until the content changes
 * (`contentStamp`: any COE written, the taxonomy changed, on any instance) or the next minute (late
 * RCAs and open items' slip move with the clock). Each process keeps its own few dozen results and
 * asks the database what changed, so several processes and instances stay correct; reading the
 * page thousands of times a minute costs one prepared read. Requests that arrive while the figures
 * are being computed wait for that one computation rather than each starting their own (ten at
 * once on a cold cache kept PostgreSQL busy for seconds).
 */
export async function trendsFiguresCached(db: Db, q: TrendsQuery, now: Date): Promise<TrendsData> {
  const kept = keptByDb.get(db) ?? new Map<string, Kept>();
  keptByDb.set(db, kept);
  const key = JSON.stringify([q, Math.floor(now.getTime() / MINUTE_MS)]);
  const stamp = await contentStamp(db);
  const hit = kept.get(key);
  if (hit && hit.stamp === stamp) return hit.data;
  const entry = { stamp, data: trendsFigures(db, q, now) };
  kept.delete(key);
  kept.set(key, entry);
  if (kept.size > CACHE_SIZE) kept.delete(kept.keys().next().value!);
  // A failed computation is not kept: the next request tries again.
  entry.data.catch(() => kept.get(key) === entry && kept.delete(key));
  return entry.data;
}

/** The trends page: its figures, and the teams and services its filters offer. */
export async function trendsPage(db: Db, q: TrendsQuery, now: Date) {
  const figures = await trendsFiguresCached(db, q, now);
  const teamOptions = await db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name));
  const serviceOptions = await db.select({ id: services.id, name: services.name }).from(services).orderBy(asc(services.name));
  return { figures, teams: teamOptions, services: serviceOptions };
}
