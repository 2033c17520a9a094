import type { CoeStatus } from "../enums";
import { canEditCoe, canReview, type Actor } from "../coe/permissions";

/** What an actor may do to one action item (SPEC §6, issue 12). */
export type ItemRights = {
  /** Title, horizon, links, scaling, tracker, customer-facing: the COE's document. */
  editDocument: boolean;
  /** Status (other than validating), promised date with a reason. */
  progress: boolean;
  validate: boolean;
  reassign: boolean;
};

export type RightsItem = { ownerId: number | null };
export type RightsCoe = { status: CoeStatus; authorIds: readonly number[] };

/**
 * Owners keep their own items moving, also after the COE is approved; authors (and admins)
 * while the COE is editable; reviewers and admins may reassign and validate at any time.
 * Whether an owner may validate their own item is the organisation's setting, checked by the
 * status plan, not here.
 */
export function actionItemRights(actor: Actor, item: RightsItem, coe: RightsCoe): ItemRights {
  const editor = canEditCoe(actor, coe);
  const owner = item.ownerId !== null && item.ownerId === actor.id;
  const reviewer = canReview(actor);
  return { editDocument: editor, progress: owner || editor, validate: owner || editor || reviewer, reassign: editor || reviewer };
}

export const NO_RIGHTS: ItemRights = { editDocument: false, progress: false, validate: false, reassign: false };
