import { and, eq, sql } from "drizzle-orm";
import { withTransaction, type Db } from "../../db/client";
import { actionItemDateChanges, actionItemRevisions, actionItems, auditEvents, coeAuthors, coeSectionVersions, coes, notifications } from "../../db/schema";
import { planPromisedDate } from "../domain/action-items/promised-date";
import { actionItemRights, type ItemRights } from "../domain/action-items/rights";
import { planStatusChange } from "../domain/action-items/status";
import type { Actor } from "../domain/coe/permissions";
import type { ActionStatus, CoeStatus } from "../domain/enums";
import { getActionItemSettings } from "./action-item-settings.server";
import { requirePerson } from "./references.server";
import { FieldError, MissingPartError } from "./write-errors.server";
import { refreshSearchIndex } from "./search-index.server";

/** A change to one item based on a version that is no longer its current one: answered 409 with the current item. */
export class StaleItemError extends Error {
  constructor(
    readonly itemId: number,
    readonly baseVersion: number,
    readonly currentVersion: number,
  ) {
    super(`Action item ${itemId} is at version ${currentVersion}, the change was based on ${baseVersion}`);
  }
}

/** The actor may not make this change to this item (checked inside the write, against the item as it is). */
export class ItemForbiddenError extends Error {}

export type ItemWrite = { coeId: number; itemId: number; baseVersion: number; actor: Actor; now: Date };

type CurrentItem = typeof actionItems.$inferSelect & { coeStatus: CoeStatus; authorIds: number[] };

/**
 * One change to one action item, in one transaction: the COE's row is touched first (writers of a
 * COE take turns in the same order as every other COE write, so none deadlocks), the item's own
 * version is claimed (only if still `baseVersion`), `change` runs with the rights of the actor on
 * the item as it is now, and the item's revision and an audit event are recorded. The COE's
 * "action-items" section version moves too, so an author's item form open on the edit page gets
 * a 409 and merges instead of writing back what the owner just changed; the COE's own version
 * does not (a reviewer's decision is not invalidated by an owner's progress).
 */
export function writeActionItem(
  db: Db,
  write: ItemWrite,
  summary: (item: CurrentItem) => string,
  change: (tx: Db, item: CurrentItem, rights: ItemRights) => Promise<Partial<typeof actionItems.$inferInsert>>,
) {
  return withTransaction(db, async (tx) => {
    const [coe] = await tx.update(coes).set({ updatedAt: write.now }).where(eq(coes.id, write.coeId)).returning({ status: coes.status });
    if (!coe) throw new MissingPartError("No such COE");
    const [row] = await tx
      .select()
      .from(actionItems)
      .where(and(eq(actionItems.id, write.itemId), eq(actionItems.coeId, write.coeId)));
    if (!row) throw new MissingPartError("No such action item in this COE");
    if (row.version !== write.baseVersion) throw new StaleItemError(row.id, write.baseVersion, row.version);
    const authors = await tx.select({ id: coeAuthors.userId }).from(coeAuthors).where(eq(coeAuthors.coeId, write.coeId));
    const current: CurrentItem = { ...row, coeStatus: coe.status, authorIds: authors.map((a) => a.id) };
    const rights = actionItemRights(write.actor, current, { status: coe.status, authorIds: current.authorIds });
    const columns = await change(tx, current, rights);
    const [after] = await tx
      .update(actionItems)
      .set({ ...columns, version: sql`${actionItems.version} + 1`, updatedAt: write.now })
      .where(and(eq(actionItems.id, row.id), eq(actionItems.version, write.baseVersion)))
      .returning();
    if (!after) throw new StaleItemError(row.id, write.baseVersion, row.version + 1);
    await tx
      .insert(coeSectionVersions)
      .values({ coeId: write.coeId, section: "action-items", version: 1 })
      .onConflictDoUpdate({ target: [coeSectionVersions.coeId, coeSectionVersions.section], set: { version: sql`${coeSectionVersions.version} + 1` } });
    const text = summary(current);
    const { createdAt, updatedAt, implementedAt, validatedAt, ...snapshot } = after;
    const stamps = { createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString(), implementedAt: implementedAt?.toISOString() ?? null, validatedAt: validatedAt?.toISOString() ?? null };
    // Titles, validation notes and cancel reasons are searchable.
    await refreshSearchIndex(tx, write.coeId);
    await tx.insert(actionItemRevisions).values({ actionItemId: row.id, version: after.version, actorId: write.actor.id, summary: text, snapshot: { ...snapshot, ...stamps }, createdAt: write.now });
    await tx.insert(auditEvents).values({
      actorId: write.actor.id,
      action: "action_item.update",
      entityType: "action_item",
      entityId: row.id,
      detail: { coeId: write.coeId, summary: text, version: after.version },
      createdAt: write.now,
    });
    return after;
  });
}

const STATUS_SUMMARIES = {
  started: "Started work",
  stopped: "Moved back to open",
  implemented: "Marked implemented (not yet validated)",
  validated: "Validated",
  cancelled: "Cancelled",
  reopened: "Reopened",
} as const;

/** Moves an item's status (SPEC §4): owners and editors; validating also reviewers; the organisation's validator setting applies. */
export async function changeItemStatus(db: Db, write: ItemWrite, to: ActionStatus, note: string | null) {
  const { validatorMustDiffer } = await getActionItemSettings(db);
  let kind: keyof typeof STATUS_SUMMARIES = "started";
  return writeActionItem(
    db,
    write,
    (item) => `${STATUS_SUMMARIES[kind]}: "${item.title}"${note ? ` (${note.trim()})` : ""}`,
    async (_tx, item, rights) => {
      if (!(to === "validated" ? rights.validate : rights.progress)) throw new ItemForbiddenError(to === "validated" ? "You may not validate this item" : "Only the item's owner or the COE's authors may change its status");
      const plan = planStatusChange(item, { to, actorId: write.actor.id, note, validatorMustDiffer }, write.now);
      if (!plan.ok) throw new FieldError(plan.field === "status" ? "status" : "note", plan.message);
      kind = plan.change.kind;
      const { kind: _, ...columns } = plan.change;
      return columns;
    },
  );
}

/** Moves the promised date: the first promise is kept forever; every later change needs a reason and is logged. */
export function changeItemDate(db: Db, write: ItemWrite, date: string | null, reason: string | null) {
  return writeActionItem(
    db,
    write,
    (item) => `Promised date of "${item.title}": ${item.promisedDate ?? "none"} → ${date ?? "none"}${reason ? ` (${reason.trim()})` : ""}`,
    async (tx, item, rights) => {
      if (!rights.progress) throw new ItemForbiddenError("Only the item's owner or the COE's authors may change its promised date");
      if (date === null && item.status !== "open" && item.status !== "cancelled") throw new FieldError("promisedDate", "An item being worked on keeps a promised date");
      const plan = planPromisedDate(item, date, reason ?? undefined);
      if (!plan.ok) throw new FieldError(plan.field, plan.message);
      if (!plan.change) throw new FieldError("promisedDate", "That is already the promised date");
      await tx.insert(actionItemDateChanges).values({ actionItemId: item.id, changedById: write.actor.id, ...plan.change, createdAt: write.now });
      return plan.next;
    },
  );
}

/** Gives the item to someone else (reviewers, admins, and authors while the COE is editable); the new owner is notified. */
export function reassignItem(db: Db, write: ItemWrite, ownerId: number | null) {
  return writeActionItem(
    db,
    write,
    (item) => `Reassigned "${item.title}"`,
    async (tx, item, rights) => {
      if (!rights.reassign) throw new ItemForbiddenError("Only reviewers, admins and the COE's authors may reassign an item");
      if (ownerId === item.ownerId) throw new FieldError("ownerId", "That person already owns the item");
      if (ownerId !== null) {
        await requirePerson(tx, ownerId, "ownerId");
        if (ownerId !== write.actor.id)
          await tx.insert(notifications).values({
            userId: ownerId,
            kind: "action_item.assigned",
            text: `You now own the action item "${item.title}"`,
            href: `/coes/${write.coeId}#action-item-${item.id}`,
            actorId: write.actor.id,
            coeId: write.coeId,
            createdAt: write.now,
          });
      }
      return { ownerId };
    },
  );
}
