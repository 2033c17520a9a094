import { and, eq, max, sql } from "drizzle-orm";
import { TIMELINE_KIND_LABELS } from "../domain/coe/labels";
import type { Db } from "../../db/client";
import { actionItemDateChanges, actionItems, coeServices, coeTags, coes, timelineEntries } from "../../db/schema";
import { planPromisedDate } from "../domain/action-items/promised-date";
import { planNewItemStatus, planStatusChange } from "../domain/action-items/status";
import type { ActionStatus } from "../domain/enums";
import { getActionItemSettings } from "./action-item-settings.server";
import type { ActionItemForm, CloseoutForm, CustomerImpactForm, HeaderForm, TimelineEntryForm } from "../domain/coe/forms";
import { namedIds } from "./catalogue.server";
import { replaceCitedTenets } from "./tenets.server";
import { writeCoe, type CoeWrite } from "./coe-write.server";
import { requireLessonOfCoe, requirePerson, requireTeam, requireWhyOfCoe } from "./references.server";
import { FieldError, MissingPartError } from "./write-errors.server";
import { insertedId, nextPositionAfter } from "./rows.server";

type Base = Omit<CoeWrite, "section" | "summary" | "lock">;

// Defined with the mapping of every write error to its answer; re-exported where they were first defined.
export { FieldError, MissingPartError };

export function updateHeader(db: Db, base: Base, form: HeaderForm) {
  return writeCoe(db, { ...base, section: "header", summary: "Edited the header" }, async (tx) => {
    await requireTeam(tx, form.teamId);
    const named = namedIds(tx);
    const eventId = form.event ? await named.event(form.event) : null;
    await tx.update(coes).set({ title: form.title, severity: form.severity, teamId: form.teamId, eventId }).where(eq(coes.id, base.coeId));
    await tx.delete(coeServices).where(eq(coeServices.coeId, base.coeId));
    for (const [position, name] of form.services.entries()) await tx.insert(coeServices).values({ coeId: base.coeId, serviceId: await named.service(name), position });
    await tx.delete(coeTags).where(eq(coeTags.coeId, base.coeId));
    for (const [position, name] of form.tags.entries()) await tx.insert(coeTags).values({ coeId: base.coeId, tagId: await named.tag(name), position });
    if (form.tenetIds) await replaceCitedTenets(tx, base.coeId, form.tenetIds);
  });
}

export function addTimelineEntry(db: Db, base: Base, form: TimelineEntryForm) {
  return writeCoe(db, { ...base, section: "timeline", summary: `Added a timeline entry: ${TIMELINE_KIND_LABELS[form.kind]}` }, async (tx) =>
    insertedId(tx.insert(timelineEntries).values({ coeId: base.coeId, ...form }).returning({ id: timelineEntries.id })),
  );
}

export function updateTimelineEntry(db: Db, base: Base, entryId: number, form: TimelineEntryForm) {
  return writeCoe(db, { ...base, section: "timeline", summary: `Edited a timeline entry: ${TIMELINE_KIND_LABELS[form.kind]}` }, async (tx) => {
    const [row] = await tx.update(timelineEntries).set(form).where(and(eq(timelineEntries.id, entryId), eq(timelineEntries.coeId, base.coeId))).returning({ id: timelineEntries.id });
    if (!row) throw new MissingPartError("No such timeline entry in this COE");
  });
}

export function deleteTimelineEntry(db: Db, base: Base, entryId: number) {
  return writeCoe(db, { ...base, section: "timeline", summary: "Deleted a timeline entry" }, async (tx) => {
    const [row] = await tx.delete(timelineEntries).where(and(eq(timelineEntries.id, entryId), eq(timelineEntries.coeId, base.coeId))).returning({ kind: timelineEntries.kind });
    if (!row) throw new MissingPartError("No such timeline entry in this COE");
  });
}

/** The people, why and lesson an item form names must exist, and the why and lesson must be this COE's. */
async function requireItemReferences(db: Db, coeId: number, form: ActionItemForm) {
  if (form.ownerId !== null) await requirePerson(db, form.ownerId, "ownerId");
  if (form.whyNodeId !== null) await requireWhyOfCoe(db, coeId, form.whyNodeId, "whyNodeId");
  if (form.lessonId !== null) await requireLessonOfCoe(db, coeId, form.lessonId, "lessonId");
}

/** Columns an item form sets besides its status (the status plan sets those, with its stamps). */
function itemFields(form: ActionItemForm) {
  return {
    title: form.title,
    horizon: form.horizon,
    ownerId: form.ownerId,
    scaling: form.scaling,
    isCustomerFacing: form.isCustomerFacing,
    trackerUrl: form.trackerUrl ?? null,
    whyNodeId: form.whyNodeId,
    lessonId: form.lessonId,
    updatedAt: new Date(),
  };
}

/** The status columns of a form's status, planned by the same rules as an owner's change (SPEC §4); a refusal is a field error. */
async function statusColumns(tx: Db, actorId: number, form: ActionItemForm, promisedDate: string | null, from?: ActionStatus) {
  const { validatorMustDiffer } = await getActionItemSettings(tx);
  const request = { to: form.status, actorId, note: form.status === "cancelled" ? form.cancelReason : form.validationNote, validatorMustDiffer };
  const item = { ownerId: form.ownerId, promisedDate };
  const plan = from === undefined ? planNewItemStatus(item, request, new Date()) : planStatusChange({ ...item, status: from }, request, new Date());
  if (!plan.ok) throw new FieldError(plan.field, plan.message);
  const { kind: _, ...columns } = plan.change;
  return columns;
}

export function addActionItem(db: Db, base: Base, form: ActionItemForm) {
  return writeCoe(db, { ...base, section: "action-items", summary: `Added action item "${form.title}"` }, async (tx) => {
    await requireItemReferences(tx, base.coeId, form);
    const position = await nextPositionAfter(tx.select({ p: max(actionItems.position) }).from(actionItems).where(eq(actionItems.coeId, base.coeId)));
    const id = await insertedId(
      tx
        .insert(actionItems)
        .values({
          coeId: base.coeId,
          position,
          ...itemFields(form),
          validationNote: form.validationNote ?? null,
          ...(await statusColumns(tx, base.actorId, form, form.promisedDate)),
          originalPromisedDate: form.promisedDate,
          promisedDate: form.promisedDate,
        })
        .returning({ id: actionItems.id }),
    );
    if (form.promisedDate) await tx.insert(actionItemDateChanges).values({ actionItemId: id, changedById: base.actorId, fromDate: null, toDate: form.promisedDate, reason: "First promise" });
    return id;
  });
}

export function updateActionItem(db: Db, base: Base, itemId: number, form: ActionItemForm) {
  return writeCoe(db, { ...base, section: "action-items", summary: `Edited action item "${form.title}"` }, async (tx) => {
    const [current] = await tx
      .select({ originalPromisedDate: actionItems.originalPromisedDate, promisedDate: actionItems.promisedDate, status: actionItems.status })
      .from(actionItems)
      .where(and(eq(actionItems.id, itemId), eq(actionItems.coeId, base.coeId)))
      ;
    if (!current) throw new MissingPartError("No such action item in this COE");
    await requireItemReferences(tx, base.coeId, form);
    const plan = planPromisedDate(current, form.promisedDate, form.dateChangeReason);
    if (!plan.ok) throw new FieldError(plan.field, plan.message);
    // The notes are the form's; a changed status follows the status rules and sets its stamps.
    const notes = { validationNote: form.validationNote ?? null, cancelReason: form.status === "cancelled" ? (form.cancelReason ?? null) : null };
    const status = form.status === current.status ? notes : { ...notes, ...(await statusColumns(tx, base.actorId, form, plan.next.promisedDate, current.status)) };
    await tx
      .update(actionItems)
      .set({ ...itemFields(form), ...status, ...plan.next, version: sql`${actionItems.version} + 1` })
      .where(eq(actionItems.id, itemId));
    if (plan.change) await tx.insert(actionItemDateChanges).values({ actionItemId: itemId, changedById: base.actorId, ...plan.change });
  });
}

/** Customer-impact figures and the close-out checklist: plain columns of the COE row. */
export function updateCoeFields(db: Db, base: Base, section: "customer-impact" | "closeout", fields: CustomerImpactForm | CloseoutForm) {
  const summary = { "customer-impact": "Edited the customer impact figures", closeout: "Updated the close-out checklist" }[section];
  return writeCoe(db, { ...base, section, summary }, async (tx) => {
    await tx.update(coes).set(fields).where(eq(coes.id, base.coeId));
  });
}
