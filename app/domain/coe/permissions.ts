import type { CoeStatus, Role } from "../enums";

export type Actor = { id: number; role: Role };

/** Statuses in which the document itself may still change (approved and closed are frozen). */
export const EDITABLE_STATUSES: readonly CoeStatus[] = ["draft", "in_review", "changes_requested"];

export function canCreateCoe(actor: Actor): boolean {
  return actor.role === "author" || actor.role === "admin";
}

/**
 * SPEC §6: authors edit the COEs they author or co-author; admins may edit any, to unblock a
 * team whose author left. Reviewers challenge, they do not rewrite.
 */
export function canEditCoe(actor: Actor, coe: { status: CoeStatus; authorIds: readonly number[] }): boolean {
  if (!EDITABLE_STATUSES.includes(coe.status)) return false;
  if (actor.role === "admin") return true;
  return actor.role === "author" && coe.authorIds.includes(actor.id);
}

/** Action-item owners may update their own items' status, dates and validation at any time. */
export function canUpdateActionItem(actor: Actor, item: { ownerId: number | null }, coe: { status: CoeStatus; authorIds: readonly number[] }): boolean {
  return item.ownerId === actor.id || canEditCoe(actor, coe);
}

export function canReview(actor: Actor): boolean {
  return actor.role === "reviewer" || actor.role === "admin";
}

export function canAdminister(actor: Actor): boolean {
  return actor.role === "admin";
}
