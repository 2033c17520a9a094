import { and, asc, count, desc, eq, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coes, teams } from "../../db/schema";
import { PAGE_SIZE, type CoeListQuery } from "../domain/coe/list-query";

const ORDER: Record<CoeListQuery["sort"], SQL[]> = {
  updated: [desc(coes.updatedAt), desc(coes.id)],
  created: [desc(coes.createdAt), desc(coes.id)],
  severity: [asc(coes.severity), desc(coes.updatedAt), desc(coes.id)],
  title: [asc(coes.title), asc(coes.id)],
};

/** One page of COEs matching the filters, plus the total for paging. */
export function listCoes(db: Db, q: CoeListQuery) {
  const where = and(
    q.status ? eq(coes.status, q.status) : undefined,
    q.team ? eq(coes.teamId, q.team) : undefined,
    q.severity ? eq(coes.severity, q.severity) : undefined,
  );
  const rows = db
    .select({ id: coes.id, title: coes.title, severity: coes.severity, status: coes.status, teamName: teams.name, updatedAt: coes.updatedAt, impactStartedAt: coes.impactStartedAt })
    .from(coes)
    .innerJoin(teams, eq(teams.id, coes.teamId))
    .where(where)
    .orderBy(...ORDER[q.sort])
    .limit(PAGE_SIZE)
    .offset((q.page - 1) * PAGE_SIZE)
    .all();
  const total = db.select({ n: count() }).from(coes).where(where).get()?.n ?? 0;
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export function listTeams(db: Db) {
  return db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)).all();
}
