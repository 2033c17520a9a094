import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { actionItemDateChanges, actionItems, users } from "../../db/schema";

export type DateChangeView = { from: string | null; to: string | null; reason: string; at: number; byName: string | null };

/** Every promised-date change of a COE's items, oldest first, by item id. */
export async function dateChangesOfCoe(db: Db, coeId: number): Promise<Record<number, DateChangeView[]>> {
  const rows = await db
    .select({ itemId: actionItemDateChanges.actionItemId, from: actionItemDateChanges.fromDate, to: actionItemDateChanges.toDate, reason: actionItemDateChanges.reason, at: actionItemDateChanges.createdAt, byName: users.name })
    .from(actionItemDateChanges)
    .innerJoin(actionItems, eq(actionItems.id, actionItemDateChanges.actionItemId))
    .leftJoin(users, eq(users.id, actionItemDateChanges.changedById))
    .where(eq(actionItems.coeId, coeId))
    .orderBy(asc(actionItemDateChanges.createdAt), asc(actionItemDateChanges.id));
  const byItem: Record<number, DateChangeView[]> = {};
  for (const { itemId, at, ...change } of rows) (byItem[itemId] ??= []).push({ ...change, at: at.getTime() });
  return byItem;
}
