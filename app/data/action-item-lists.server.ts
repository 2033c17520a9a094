import { and, asc, count, eq, inArray, isNotNull, lte, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { actionItemDateChanges, actionItems, coes, teams, users } from "../../db/schema";
import { OPEN_WORK } from "../domain/action-items/owner-view";
import type { ActionStatus, Horizon } from "../domain/enums";
import { utcDay } from "../domain/calendar-date";

export type ItemListFilter = {
  /** Whose items (My action items), or a team's COEs' items (the team view). */
  scope: { ownerId: number } | { teamId: number };
  /** "open-work": open, in progress or implemented; "all"; or one status. */
  status: "open-work" | "all" | ActionStatus;
  horizon?: Horizon;
  coeId?: number;
};

function conditions(filter: ItemListFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    "ownerId" in filter.scope ? eq(actionItems.ownerId, filter.scope.ownerId) : eq(coes.teamId, filter.scope.teamId),
    filter.status === "all" ? undefined : inArray(actionItems.status, filter.status === "open-work" ? [...OPEN_WORK] : [filter.status]),
    filter.horizon ? eq(actionItems.horizon, filter.horizon) : undefined,
    filter.coeId ? eq(actionItems.coeId, filter.coeId) : undefined,
  ];
  return and(...parts);
}

/** The items of a list page, with their COE, team and owner, and how often each promise moved. */
export async function listActionItems(db: Db, filter: ItemListFilter) {
  const where = conditions(filter);
  const rows = await db
    .select({
      id: actionItems.id,
      title: actionItems.title,
      horizon: actionItems.horizon,
      status: actionItems.status,
      promisedDate: actionItems.promisedDate,
      originalPromisedDate: actionItems.originalPromisedDate,
      createdAt: actionItems.createdAt,
      validatedAt: actionItems.validatedAt,
      version: actionItems.version,
      ownerId: actionItems.ownerId,
      ownerName: users.name,
      coeId: coes.id,
      coeTitle: coes.title,
      teamName: teams.name,
    })
    .from(actionItems)
    .innerJoin(coes, eq(coes.id, actionItems.coeId))
    .leftJoin(teams, eq(teams.id, coes.teamId))
    .leftJoin(users, eq(users.id, actionItems.ownerId))
    .where(where)
    .orderBy(asc(actionItems.promisedDate), asc(actionItems.id));
  const moves = await db
    .select({ itemId: actionItemDateChanges.actionItemId, n: count() })
    .from(actionItemDateChanges)
    .innerJoin(actionItems, eq(actionItems.id, actionItemDateChanges.actionItemId))
    .innerJoin(coes, eq(coes.id, actionItems.coeId))
    .where(and(where, isNotNull(actionItemDateChanges.fromDate)))
    .groupBy(actionItemDateChanges.actionItemId);
  const movesOf = new Map(moves.map((m) => [m.itemId, Number(m.n)]));
  return rows.map(({ createdAt, validatedAt, ...r }) => ({
    ...r,
    createdDay: utcDay(createdAt.getTime()),
    validatedDay: validatedAt ? utcDay(validatedAt.getTime()) : null,
    rePromises: movesOf.get(r.id) ?? 0,
  }));
}

export type ListedItem = Awaited<ReturnType<typeof listActionItems>>[number];

/** How many of a user's items are open and due within 7 days or overdue (the count beside "My action items"). */
export async function dueSoonCount(db: Db, ownerId: number, today: string): Promise<number> {
  const weekAhead = utcDay(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000);
  const [row] = await db
    .select({ n: count() })
    .from(actionItems)
    .where(and(eq(actionItems.ownerId, ownerId), inArray(actionItems.status, [...OPEN_WORK]), lte(actionItems.promisedDate, weekAhead)));
  return Number(row?.n ?? 0);
}

/** Each item's COE (for writes, which name both), for the ids given. */
export async function coeOfItems(db: Db, ids: readonly number[]): Promise<Map<number, { coeId: number; title: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: actionItems.id, coeId: actionItems.coeId, title: actionItems.title }).from(actionItems).where(inArray(actionItems.id, [...ids]));
  return new Map(rows.map((r) => [r.id, { coeId: r.coeId, title: r.title }]));
}
