import { asc, count, desc, eq, sql } from "drizzle-orm";
import { perConnection } from "./per-connection.server";
import type { Db } from "../../db/client";
import { actionItemDateChanges, actionItemRevisions, actionItems, users } from "../../db/schema";

export type DateChangeView = { from: string | null; to: string | null; reason: string; at: number; byName: string | null };

// Every COE page with action items asks for this: prepared once per connection.
const dateChanges = perConnection((db) =>
  db
    .select({
      itemId: actionItemDateChanges.actionItemId,
      from: actionItemDateChanges.fromDate,
      to: actionItemDateChanges.toDate,
      reason: actionItemDateChanges.reason,
      at: actionItemDateChanges.createdAt,
      byName: users.name,
    })
    .from(actionItemDateChanges)
    .innerJoin(actionItems, eq(actionItems.id, actionItemDateChanges.actionItemId))
    .leftJoin(users, eq(users.id, actionItemDateChanges.changedById))
    .where(eq(actionItems.coeId, sql.placeholder("coeId")))
    .orderBy(asc(actionItemDateChanges.createdAt), asc(actionItemDateChanges.id))
    .prepare("coe_item_date_changes"),
);

/** Every promised-date change of a COE's items, oldest first, by item id. */
export async function dateChangesOfCoe(db: Db, coeId: number): Promise<Record<number, DateChangeView[]>> {
  const byItem: Record<number, DateChangeView[]> = {};
  for (const { itemId, at, ...change } of await dateChanges(db).execute({ coeId })) (byItem[itemId] ??= []).push({ ...change, at: at.getTime() });
  return byItem;
}

/** How many of a COE's newest item updates its history page lists. */
export const ITEM_UPDATES_SHOWN = 200;

/** The newest updates of a COE's action items (status, date, owner, validation), each with who and the item's title, and how many there are. */
export async function itemUpdatesOfCoe(db: Db, coeId: number) {
  const rows = await db
    .select({
      id: actionItemRevisions.id,
      itemId: actionItemRevisions.actionItemId,
      itemTitle: actionItems.title,
      version: actionItemRevisions.version,
      summary: actionItemRevisions.summary,
      at: actionItemRevisions.createdAt,
      byName: users.name,
    })
    .from(actionItemRevisions)
    .innerJoin(actionItems, eq(actionItems.id, actionItemRevisions.actionItemId))
    .leftJoin(users, eq(users.id, actionItemRevisions.actorId))
    .where(eq(actionItems.coeId, coeId))
    .orderBy(desc(actionItemRevisions.id))
    .limit(ITEM_UPDATES_SHOWN);
  const [total] = rows.length < ITEM_UPDATES_SHOWN ? [{ n: rows.length }] : await db.select({ n: count() }).from(actionItemRevisions).innerJoin(actionItems, eq(actionItems.id, actionItemRevisions.actionItemId)).where(eq(actionItems.coeId, coeId));
  return { total: Number(total?.n ?? 0), rows: rows.map(({ at, ...r }) => ({ ...r, at: at.getTime() })) };
}

export type ItemUpdates = Awaited<ReturnType<typeof itemUpdatesOfCoe>>;
