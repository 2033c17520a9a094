import { eq } from "drizzle-orm";
import { z } from "zod";
import { withTransaction, type Db } from "../../db/client";
import { auditEvents, settings } from "../../db/schema";

const KEY = "action_items";
const Stored = z.object({ validatorMustDiffer: z.boolean() });
export type ActionItemSettings = z.infer<typeof Stored>;
/** By default someone other than the owner must validate an item: the person who built a fix is the worst judge of it. */
export const DEFAULT_ACTION_ITEM_SETTINGS: ActionItemSettings = { validatorMustDiffer: true };

export async function getActionItemSettings(db: Db): Promise<ActionItemSettings> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  const parsed = Stored.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_ACTION_ITEM_SETTINGS;
}

export function saveActionItemSettings(db: Db, value: ActionItemSettings, actorId: number, now: Date) {
  return withTransaction(db, async (tx) => {
    await tx
      .insert(settings)
      .values({ key: KEY, value })
      .onConflictDoUpdate({ target: settings.key, set: { value } });
    await tx.insert(auditEvents).values({ actorId, action: "action_items.settings", entityType: "settings", detail: { ...value }, createdAt: now });
  });
}
