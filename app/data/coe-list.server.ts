import { and, asc, count, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { engineOfDb, instantParam, type Db } from "../../db/client";
import { coes, teams } from "../../db/schema";
import { openedBetween, PAGE_SIZE, type CoeListQuery } from "../domain/coe/list-query";
import { perConnection } from "./per-connection.server";
import { rcaStateSql } from "./rca-state-sql.server";
import { measuredItemsSql, slipBandSql } from "./slip-band-sql.server";
import { trendsSql } from "./trends-sql.server";
import { dayNumber, utcDay } from "../domain/calendar-date";

const ORDER: Record<CoeListQuery["sort"], SQL[]> = {
  updated: [desc(coes.updatedAt), desc(coes.id)],
  created: [desc(coes.createdAt), desc(coes.id)],
  severity: [asc(coes.severity), desc(coes.updatedAt), desc(coes.id)],
  title: [asc(coes.title), asc(coes.id)],
};

type Shape = Pick<CoeListQuery, "sort"> & { status: boolean; team: boolean; severity: boolean; service: boolean; category: boolean; rca: boolean; horizon: boolean; item: boolean; slip: boolean; from: boolean; to: boolean };

/** COEs with an action item of the asked horizon and state (either may be left open). */
function withItem(shape: Shape): SQL | undefined {
  if (!shape.horizon && !shape.item) return undefined;
  const horizon = shape.horizon ? sql` and a.horizon = ${sql.placeholder("horizon")}` : sql``;
  const state = shape.item ? sql` and a.status = ${sql.placeholder("item")}` : sql``;
  return sql`exists (select 1 from action_items a where a.coe_id = ${coes.id}${horizon}${state})`;
}


function prepareList(db: Db, shape: Shape, key: string) {
  const where = and(
    shape.status ? eq(coes.status, sql.placeholder("status")) : undefined,
    shape.team ? eq(coes.teamId, sql.placeholder("team")) : undefined,
    shape.severity ? eq(coes.severity, sql.placeholder("severity")) : undefined,
    shape.service ? sql`exists (select 1 from coe_services cs where cs.coe_id = ${coes.id} and cs.service_id = ${sql.placeholder("service")})` : undefined,
    shape.category ? sql`exists (select 1 from why_nodes w where w.coe_id = ${coes.id} and w.category_id = ${sql.placeholder("category")})` : undefined,
    shape.rca ? sql`${rcaStateSql(sql.placeholder("now"))} = ${sql.placeholder("rca")}` : undefined,
    withItem(shape),
    shape.slip
      ? sql`exists (select 1 from (${measuredItemsSql(trendsSql(engineOfDb(db).kind), sql.placeholder("today"))}) m where m.coe_id = ${coes.id} and ${slipBandSql} = ${sql.placeholder("slip")})`
      : undefined,
    shape.from ? gte(coes.createdAt, sql.placeholder("fromAt")) : undefined,
    shape.to ? lt(coes.createdAt, sql.placeholder("toAt")) : undefined,
  );
  return {
    rows: db
      .select({ id: coes.id, title: coes.title, severity: coes.severity, status: coes.status, teamName: teams.name, updatedAt: coes.updatedAt })
      .from(coes)
      .innerJoin(teams, eq(teams.id, coes.teamId))
      .where(where)
      .orderBy(...ORDER[shape.sort])
      .limit(PAGE_SIZE)
      .offset(sql.placeholder("offset"))
      .prepare(`coe_list_rows_${key}`),
    total: db
      .select({ n: count() })
      .from(coes)
      .where(where)
      .prepare(`coe_list_total_${key}`),
  };
}

/**
 * The list's queries, prepared once per connection and shape (which filters are set, which sort):
 * at most 2¹¹ × 4 of them, and only those asked for. Building and compiling the SQL on every request cost more than running it.
 */
const listStatements = perConnection((db) => {
  const byShape = new Map<string, ReturnType<typeof prepareList>>();
  return (shape: Shape) => {
    const key = `${shape.sort}_${+shape.status}${+shape.team}${+shape.severity}${+shape.service}${+shape.category}${+shape.rca}${+shape.horizon}${+shape.item}${+shape.slip}${+shape.from}${+shape.to}`;
    let prepared = byShape.get(key);
    if (!prepared) byShape.set(key, (prepared = prepareList(db, shape, key)));
    return prepared;
  };
});

const teamList = perConnection((db) => db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)).prepare("team_list"));

/** One page of COEs matching the filters, plus the total for paging. */
export async function listCoes(db: Db, q: CoeListQuery, now = new Date()) {
  const { fromMs, toMs } = openedBetween(q);
  const isSet = (v: unknown) => v !== undefined;
  const statements = listStatements(db)({
    sort: q.sort,
    status: isSet(q.status),
    team: isSet(q.team),
    severity: isSet(q.severity),
    service: isSet(q.service),
    category: isSet(q.category),
    rca: isSet(q.rca),
    horizon: isSet(q.horizon),
    item: isSet(q.item),
    slip: isSet(q.slip),
    from: isSet(fromMs),
    to: isSet(toMs),
  });
  const params = {
    status: q.status,
    team: q.team,
    severity: q.severity,
    service: q.service,
    category: q.category,
    rca: q.rca,
    horizon: q.horizon,
    item: q.item,
    slip: q.slip,
    today: q.slip ? dayNumber(utcDay(now.getTime())) : undefined,
    now: q.rca ? instantParam(now.getTime()) : undefined,
    fromAt: fromMs === undefined ? undefined : instantParam(fromMs),
    toAt: toMs === undefined ? undefined : instantParam(toMs),
    offset: (q.page - 1) * PAGE_SIZE,
  };
  const rows = await statements.rows.execute(params);
  const [counted] = await statements.total.execute(params);
  const total = counted?.n ?? 0;
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export function listTeams(db: Db) {
  return teamList(db).execute();
}
