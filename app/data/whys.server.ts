import { and, asc, eq, inArray, isNull, max } from "drizzle-orm";
import type { Db } from "../../db/client";
import { actionItemDateChanges, actionItems, auditEvents, lessons, lessonWhyLinks, whyNodes, type Horizon } from "../../db/schema";
import {
  NO_SUCH_WHY,
  planAddChild,
  planAddSibling,
  planIndent,
  planMove,
  planOutdent,
  planRemove,
  planReorder,
  type PositionUpdate,
} from "../domain/whys/operations";
import type { WhyRow } from "../domain/whys/tree";
import { planCategoryAssignment } from "../domain/taxonomy/rules";
import { listCategories } from "./categories.server";
import { FieldError, MissingPartError } from "./write-errors.server";
import { addLesson } from "./coe-lists.server";
import { plainTextToDoc } from "../domain/coe/plain-text-doc";
import { writeCoe, type CoeWrite } from "./coe-write.server";
import { requirePerson } from "./references.server";
import { insertedId, nextPositionAfter } from "./rows.server";

type Base = Omit<CoeWrite, "section" | "summary" | "lock">;

const rowColumns = {
  id: whyNodes.id,
  parentId: whyNodes.parentId,
  position: whyNodes.position,
  text: whyNodes.text,
  isRootCause: whyNodes.isRootCause,
  evidence: whyNodes.evidence,
  categoryId: whyNodes.categoryId,
};

export function getWhyRows(db: Db, coeId: number): Promise<WhyRow[]> {
  return db.select(rowColumns).from(whyNodes).where(eq(whyNodes.coeId, coeId)).orderBy(asc(whyNodes.position), asc(whyNodes.id));
}

/** Every lesson link and action item that names a why node of this COE: the follow-ups root causes need. */
export async function getWhyFollowUps(db: Db, coeId: number): Promise<{ whyNodeId: number }[]> {
  const fromLessons = await db
    .select({ whyNodeId: lessonWhyLinks.whyNodeId })
    .from(lessonWhyLinks)
    .innerJoin(lessons, eq(lessons.id, lessonWhyLinks.lessonId))
    .where(eq(lessons.coeId, coeId));
  const fromItems = (await db.select({ whyNodeId: actionItems.whyNodeId }).from(actionItems).where(eq(actionItems.coeId, coeId))).filter(
    (r): r is { whyNodeId: number } => r.whyNodeId !== null,
  );
  return [...fromLessons, ...fromItems];
}

async function applyPositions(tx: Db, coeId: number, updates: readonly PositionUpdate[]) {
  for (const u of updates) await tx.update(whyNodes).set({ parentId: u.parentId, position: u.position }).where(and(eq(whyNodes.id, u.id), eq(whyNodes.coeId, coeId)));
}

function unwrap<T extends { ok: true }>(plan: T | { ok: false; message: string }, field = "form"): T {
  if (!plan.ok) throw new FieldError(field, plan.message, field !== "form");
  return plan;
}

/** The node the form is about: gone (deleted by someone else, or another COE's) is a 404. */
function requireNode(rows: readonly WhyRow[], id: number): WhyRow {
  const row = rows.find((r) => r.id === id);
  if (!row) throw new MissingPartError("No such why in this COE");
  return row;
}

/** A node the form refers to (a parent, a sibling, the why a lesson flows from): unknown is a 400 naming the field. */
function requireReferencedNode(rows: readonly WhyRow[], id: number, field: string): WhyRow {
  const row = rows.find((r) => r.id === id);
  if (!row) throw new FieldError(field, NO_SUCH_WHY, true);
  return row;
}

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** The problem statement when the COE has no tree yet, otherwise a child of `parentId` (appended, or at `position`). */
export function addWhy(db: Db, base: Base, input: { parentId: number | null; text: string; evidence: string | null; position?: number }) {
  return writeCoe(db, { ...base, section: "whys", summary: `Added why "${short(input.text)}"` }, async (tx) => {
    const rows = await getWhyRows(tx, base.coeId);
    if (input.parentId === null) {
      if (rows.some((r) => r.parentId === null)) throw new FieldError("parentId", "This COE already has a problem statement; add whys under it");
      return insertNode(tx, base.coeId, null, 0, input);
    }
    requireReferencedNode(rows, input.parentId, "parentId");
    const plan = unwrap(planAddChild(rows, input.parentId, input.position), "parentId");
    await applyPositions(tx, base.coeId, plan.shifts);
    return insertNode(tx, base.coeId, plan.parentId, plan.position, input);
  });
}

export function addSiblingWhy(db: Db, base: Base, siblingId: number, input: { text: string; evidence: string | null }) {
  return writeCoe(db, { ...base, section: "whys", summary: `Added why "${short(input.text)}"` }, async (tx) => {
    const rows = await getWhyRows(tx, base.coeId);
    requireReferencedNode(rows, siblingId, "siblingId");
    const plan = unwrap(planAddSibling(rows, siblingId), "siblingId");
    await applyPositions(tx, base.coeId, plan.shifts);
    return insertNode(tx, base.coeId, plan.parentId, plan.position, input);
  });
}

function insertNode(tx: Db, coeId: number, parentId: number | null, position: number, input: { text: string; evidence: string | null }) {
  return insertedId(tx.insert(whyNodes).values({ coeId, parentId, position, text: input.text, evidence: input.evidence }).returning({ id: whyNodes.id }));
}

export function editWhy(db: Db, base: Base, nodeId: number, input: { text: string; evidence: string | null }) {
  return writeCoe(db, { ...base, section: "whys", summary: `Edited why "${short(input.text)}"` }, async (tx) => {
    requireNode(await getWhyRows(tx, base.coeId), nodeId);
    await tx.update(whyNodes).set(input).where(eq(whyNodes.id, nodeId));
  });
}

/** Unmarking a root cause clears its category: only root causes are categorised. */
export function setRootCause(db: Db, base: Base, nodeId: number, isRootCause: boolean) {
  return writeCoe(db, { ...base, section: "whys", summary: isRootCause ? "Marked a root cause" : "Unmarked a root cause" }, async (tx) => {
    requireNode(await getWhyRows(tx, base.coeId), nodeId);
    await tx
      .update(whyNodes)
      .set(isRootCause ? { isRootCause } : { isRootCause, categoryId: null })
      .where(eq(whyNodes.id, nodeId));
  });
}

/** A root cause's category (null clears it); the category must exist and be live, unless it is the one the node already carries. */
export function setWhyCategory(db: Db, base: Base, nodeId: number, categoryId: number | null) {
  return writeCoe(db, { ...base, section: "whys", summary: categoryId === null ? "Cleared a root cause's category" : "Set a root cause's category" }, async (tx) => {
    const node = requireNode(await getWhyRows(tx, base.coeId), nodeId);
    const plan = planCategoryAssignment({ isRootCause: node.isRootCause, categoryId: node.categoryId ?? null }, categoryId, await listCategories(tx));
    if (!plan.ok) throw new FieldError(plan.field, plan.message);
    await tx.update(whyNodes).set({ categoryId }).where(eq(whyNodes.id, nodeId));
  });
}

export type WhyRestructure = { kind: "move"; parentId: number; position: number } | { kind: "up" | "down" | "indent" | "outdent" };

/** Moves a node (with its answers) under another parent, among its siblings, or a level in or out. */
export function restructureWhy(db: Db, base: Base, nodeId: number, how: WhyRestructure) {
  return writeCoe(db, { ...base, section: "whys", summary: "Restructured the five whys" }, async (tx) => {
    const rows = await getWhyRows(tx, base.coeId);
    requireNode(rows, nodeId);
    if (how.kind === "move") requireReferencedNode(rows, how.parentId, "parentId");
    const plan =
      how.kind === "move"
        ? planMove(rows, nodeId, how.parentId, how.position)
        : how.kind === "up" || how.kind === "down"
          ? planReorder(rows, nodeId, how.kind === "up" ? -1 : 1)
          : how.kind === "indent"
            ? planIndent(rows, nodeId)
            : planOutdent(rows, nodeId);
    await applyPositions(tx, base.coeId, unwrap(plan).updates);
  });
}

type Trash = { kind: "why-subtree"; coeId: number; rows: WhyRow[]; lessonLinks: { lessonId: number; whyNodeId: number }[]; actionItemLinks: { id: number; whyNodeId: number }[] };

/**
 * Deletes a node and everything under it. What was removed (rows, lesson links, action-item links)
 * is kept in the audit log, so "undo" restores it from the server's own record, not from the client.
 */
export function deleteWhy(db: Db, base: Base, nodeId: number) {
  return writeCoe(db, { ...base, section: "whys", summary: "Deleted a why and its answers" }, async (tx) => {
    const rows = await getWhyRows(tx, base.coeId);
    requireNode(rows, nodeId);
    const plan = unwrap(planRemove(rows, nodeId));
    const ids = plan.removedIds;
    const trash: Trash = {
      kind: "why-subtree",
      coeId: base.coeId,
      // In removedIds order (parents first), which undo re-inserts them in.
      rows: (await tx.select(rowColumns).from(whyNodes).where(inArray(whyNodes.id, ids))).sort(
        (a, b) => ids.indexOf(a.id) - ids.indexOf(b.id),
      ),
      lessonLinks: await tx.select().from(lessonWhyLinks).where(inArray(lessonWhyLinks.whyNodeId, ids)),
      actionItemLinks: (await tx.select({ id: actionItems.id, whyNodeId: actionItems.whyNodeId }).from(actionItems).where(inArray(actionItems.whyNodeId, ids))) as {
        id: number;
        whyNodeId: number;
      }[],
    };
    // Parents come first in removedIds; deleting the top node cascades to the rest.
    await tx.delete(whyNodes).where(eq(whyNodes.id, nodeId));
    await applyPositions(tx, base.coeId, plan.shifts);
    const [event] = await tx
      .insert(auditEvents)
      .values({ actorId: base.actorId, action: "why.delete", entityType: "coe", entityId: base.coeId, detail: trash })
      .returning({ id: auditEvents.id });
    return { trashId: event!.id, removed: ids.length };
  });
}

/** Puts a deleted subtree back where it was (same ids, same links), if its parent still exists. */
export function undoDeleteWhy(db: Db, base: Base, trashId: number) {
  return writeCoe(db, { ...base, section: "whys", summary: "Restored deleted whys" }, async (tx) => {
    const [event] = await tx.select().from(auditEvents).where(and(eq(auditEvents.id, trashId), eq(auditEvents.action, "why.delete"), eq(auditEvents.entityId, base.coeId)));
    const trash = event?.detail as Trash | undefined;
    if (!trash || trash.kind !== "why-subtree" || trash.coeId !== base.coeId) throw new MissingPartError("Nothing to undo");
    const top = trash.rows.find((r) => !trash.rows.some((o) => o.id === r.parentId));
    if (!top) throw new MissingPartError("Nothing to undo");
    const rows = await getWhyRows(tx, base.coeId);
    if (rows.some((r) => trash.rows.some((t) => t.id === r.id))) throw new FieldError("form", "Those whys are already back");
    if (top.parentId !== null && !rows.some((r) => r.id === top.parentId)) throw new FieldError("form", "Cannot undo: the why it was under has been deleted too");
    // Re-open the gap among the siblings it left, then re-insert parents before children.
    const plan = unwrap(planAddChild(rows, top.parentId!, top.position));
    await applyPositions(tx, base.coeId, plan.shifts);
    for (const r of trash.rows)
      await tx.insert(whyNodes).values({
        id: r.id,
        coeId: base.coeId,
        parentId: r.parentId,
        position: r.id === top.id ? plan.position : r.position,
        text: r.text,
        isRootCause: r.isRootCause,
        evidence: r.evidence,
        categoryId: r.categoryId,
      });
    const lessonIds = new Set((await tx.select({ id: lessons.id }).from(lessons).where(eq(lessons.coeId, base.coeId))).map((l) => l.id));
    for (const link of trash.lessonLinks) if (lessonIds.has(link.lessonId)) await tx.insert(lessonWhyLinks).values(link).onConflictDoNothing();
    for (const link of trash.actionItemLinks)
      await tx
        .update(actionItems)
        .set({ whyNodeId: link.whyNodeId })
        .where(and(eq(actionItems.id, link.id), eq(actionItems.coeId, base.coeId), isNull(actionItems.whyNodeId)));
  });
}

/** A lesson that flows from this why, linked to it from the start (plain paragraphs, rich text from then on). */
export function addLessonFromWhy(db: Db, base: Base, whyNodeId: number, text: string) {
  return addLesson(db, { ...base, lock: "whys" }, { doc: plainTextToDoc(text), whyIds: [whyNodeId] }, "whyId");
}

/** An action item that comes from this why, linked to it from the start. */
export function addActionItemFromWhy(db: Db, base: Base, whyNodeId: number, input: { title: string; horizon: Horizon; ownerId?: number | null; promisedDate?: string | null }) {
  return writeCoe(db, { ...base, section: "action-items", lock: "whys", summary: `Added action item "${short(input.title)}" from a why` }, async (tx) => {
    requireReferencedNode(await getWhyRows(tx, base.coeId), whyNodeId, "whyId");
    const ownerId = input.ownerId ?? null;
    const promisedDate = input.promisedDate ?? null;
    if (ownerId !== null) await requirePerson(tx, ownerId, "ownerId");
    const position = await nextPositionAfter(tx.select({ p: max(actionItems.position) }).from(actionItems).where(eq(actionItems.coeId, base.coeId)));
    const id = await insertedId(
      tx
        .insert(actionItems)
        .values({ coeId: base.coeId, position, title: input.title, horizon: input.horizon, whyNodeId, ownerId, promisedDate, originalPromisedDate: promisedDate })
        .returning({ id: actionItems.id }),
    );
    // The first promise is logged as the action-item form logs it.
    if (promisedDate) await tx.insert(actionItemDateChanges).values({ actionItemId: id, changedById: base.actorId, fromDate: null, toDate: promisedDate, reason: "First promise" });
    return id;
  });
}
