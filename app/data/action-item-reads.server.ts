import { asc, eq, sql } from "drizzle-orm";
import { perConnection } from "./per-connection.server";
import type { Db } from "../../db/client";
import { actionItemDateChanges, actionItems, users } from "../../db/schema";

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
