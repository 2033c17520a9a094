import { and, asc, count, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { actionItemDateChanges, actionItems, coes, teams, users } from "../../db/schema";
import { DUE_SOON_CAP, DUE_SOON_DAYS, OPEN_WORK } from "../domain/action-items/owner-view";
import type { PromiseChange } from "../domain/action-items/slip-history";
import { addDays, utcDay } from "../domain/calendar-date";
import { perConnection } from "./per-connection.server";

/** Whose items: an owner's (My action items), or those of a team's COEs (the team view). */
export type ItemScope = { ownerId: number } | { teamId: number };

const inScope = (scope: ItemScope) => ("ownerId" in scope ? eq(actionItems.ownerId, scope.ownerId) : eq(coes.teamId, scope.teamId));

/** What every list of an owner's items shows of each (My action items, the calendar feed). */
export const LISTED_ITEM_COLUMNS = {
  id: actionItems.id,
  title: actionItems.title,
  horizon: actionItems.horizon,
  status: actionItems.status,
  promisedDate: actionItems.promisedDate,
  originalPromisedDate: actionItems.originalPromisedDate,
  version: actionItems.version,
};

/** The items of a scope, with their COE, team and owner and how often their promise moved, by promised date. */
async function itemRows(db: Db, where: SQL | undefined) {
  const rows = await db
    .select({
      ...LISTED_ITEM_COLUMNS,
      createdAt: actionItems.createdAt,
      validatedAt: actionItems.validatedAt,
      ownerId: actionItems.ownerId,
      ownerName: users.name,
      coeId: coes.id,
      coeTitle: coes.title,
      teamName: teams.name,
      // How often its promise moved (the first promise is not a move), counted in the same read.
      rePromises:
        sql<number>`(select count(*) from ${actionItemDateChanges} where ${actionItemDateChanges.actionItemId} = ${actionItems.id} and ${actionItemDateChanges.fromDate} is not null)`.mapWith(
          Number,
        ),
    })
    .from(actionItems)
    .innerJoin(coes, eq(coes.id, actionItems.coeId))
    .leftJoin(teams, eq(teams.id, coes.teamId))
    .leftJoin(users, eq(users.id, actionItems.ownerId))
    .where(where)
    .orderBy(asc(actionItems.promisedDate), asc(actionItems.id));
  return rows.map(({ createdAt, validatedAt, ...r }) => ({
    ...r,
    createdDay: utcDay(createdAt.getTime()),
    validatedDay: validatedAt ? utcDay(validatedAt.getTime()) : null,
  }));
}

/** Every item of a scope, with its COE, team and owner, and how often its promise moved (the page filters and buckets them). */
export function listActionItems(db: Db, scope: ItemScope) {
  return itemRows(db, inScope(scope));
}

/**
 * Every item of a scope as listActionItems reads it, with its promised-date log (when each change
 * was made, and whether it moved an earlier promise): what the figures of a past day need. The log
 * of the whole scope is one query.
 */
export async function listActionItemsWithHistory(db: Db, scope: ItemScope) {
  const where = inScope(scope);
  const rows = await itemRows(db, where);
  const changes = await db
    .select({ itemId: actionItemDateChanges.actionItemId, fromDate: actionItemDateChanges.fromDate, createdAt: actionItemDateChanges.createdAt })
    .from(actionItemDateChanges)
    .innerJoin(actionItems, eq(actionItems.id, actionItemDateChanges.actionItemId))
    .innerJoin(coes, eq(coes.id, actionItems.coeId))
    .where(where)
    .orderBy(asc(actionItemDateChanges.createdAt), asc(actionItemDateChanges.id));
  const changesOf = new Map<number, PromiseChange[]>();
  for (const c of changes) {
    const list = changesOf.get(c.itemId) ?? [];
    list.push({ day: utcDay(c.createdAt.getTime()), isRePromise: c.fromDate !== null });
    changesOf.set(c.itemId, list);
  }
  return rows.map((r) => {
    const promiseChanges = changesOf.get(r.id) ?? [];
    return { ...r, promiseChanges };
  });
}

export type ListedItem = Awaited<ReturnType<typeof listActionItems>>[number];

// Every page asks (the navigation's count): prepared once per connection.
const dueSoon = perConnection((db) => {
  const due = db
    .select({ one: sql`1` })
    .from(actionItems)
    .where(and(eq(actionItems.ownerId, sql.placeholder("ownerId")), inArray(actionItems.status, [...OPEN_WORK]), lte(actionItems.promisedDate, sql.placeholder("weekAhead"))))
    .limit(DUE_SOON_CAP)
    .as("due");
  return db.select({ n: count() }).from(due).prepare("due_soon_count");
});

/** How many of a user's items are open and due within 7 days or overdue (the count beside "My action items"), up to DUE_SOON_CAP. */
export async function dueSoonCount(db: Db, ownerId: number, today: string): Promise<number> {
  const [row] = await dueSoon(db).execute({ ownerId, weekAhead: addDays(today, DUE_SOON_DAYS) });
  return Number(row?.n ?? 0);
}

/** Each item's COE (for writes, which name both), for the ids given. */
export async function coeOfItems(db: Db, ids: readonly number[]): Promise<Map<number, { coeId: number; title: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: actionItems.id, coeId: actionItems.coeId, title: actionItems.title }).from(actionItems).where(inArray(actionItems.id, [...ids]));
  return new Map(rows.map((r) => [r.id, { coeId: r.coeId, title: r.title }]));
}
