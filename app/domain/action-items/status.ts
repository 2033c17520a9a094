import type { ActionStatus } from "../enums";

/** Where each status may go (SPEC §4): forward through the work, back when it turns out not done, cancel with a reason, reopen. */
export const NEXT_STATUSES: Record<ActionStatus, readonly ActionStatus[]> = {
  open: ["in_progress", "implemented", "cancelled"],
  in_progress: ["open", "implemented", "cancelled"],
  implemented: ["validated", "in_progress", "cancelled"],
  validated: ["in_progress"],
  cancelled: ["open"],
};

export type StatusItem = {
  status: ActionStatus;
  ownerId: number | null;
  promisedDate: string | null;
};

export type StatusRequest = {
  to: ActionStatus;
  actorId: number;
  /** Validation note (to validated), cancel reason (to cancelled), or why it is reopened. */
  note?: string | null;
  /** Whether the validator must be someone other than the owner (an organisation setting, default yes). */
  validatorMustDiffer: boolean;
};

/** Columns a status change sets; `at` is the instant of the change. */
export type StatusChange = {
  status: ActionStatus;
  kind: "started" | "stopped" | "implemented" | "validated" | "cancelled" | "reopened";
  implementedAt?: Date | null;
  validatedAt?: Date | null;
  validatedById?: number | null;
  validationNote?: string | null;
  cancelReason?: string | null;
};

export type StatusPlan = { ok: true; change: StatusChange } | { ok: false; field: "status" | "validationNote" | "cancelReason"; message: string };

const refuse = (field: "status" | "validationNote" | "cancelReason", message: string): StatusPlan => ({ ok: false, field, message });

/** Why `to` is not a move from `from`, in words a person can act on. */
function moveProblem(from: ActionStatus, to: ActionStatus): string | undefined {
  if (from === to) return "The item already has that status";
  if (NEXT_STATUSES[from].includes(to)) return undefined;
  if (to === "validated") return "Only an implemented item can be validated: mark it implemented first";
  if (from === "validated") return "A validated item can only be reopened (back to in progress)";
  if (from === "cancelled") return "A cancelled item can only be reopened";
  return "That status change is not allowed";
}

/**
 * Plans a status change, pure: refuses moves that skip validation, moving past open without a
 * promised date, validating without a note or (when the setting says so) by the owner, and
 * cancelling without a reason. Stamps implemented and validated instants; reopening clears them.
 */
export function planStatusChange(item: StatusItem, request: StatusRequest, at: Date): StatusPlan {
  const { to } = request;
  const note = request.note?.trim() || null;
  const problem = moveProblem(item.status, to);
  if (problem) return refuse("status", problem);
  if (to !== "open" && to !== "cancelled" && !item.promisedDate) return refuse("status", "Promise a date before work on the item is tracked");
  if (to === "cancelled")
    return note ? { ok: true, change: { status: to, kind: "cancelled", cancelReason: note } } : refuse("cancelReason", "A cancelled item needs a reason");
  if (to === "validated") {
    if (!note) return refuse("validationNote", "Say how you showed the same conditions no longer cause the failure");
    if (request.validatorMustDiffer && item.ownerId === request.actorId)
      return refuse("status", "Someone other than the owner must validate this item (an organisation setting)");
    return { ok: true, change: { status: to, kind: "validated", validatedAt: at, validatedById: request.actorId, validationNote: note } };
  }
  if (to === "implemented") return { ok: true, change: { status: to, kind: "implemented", implementedAt: at } };
  const reopened = item.status === "validated" || item.status === "cancelled" || item.status === "implemented";
  const cleared = {
    validatedAt: null,
    validatedById: null,
    cancelReason: null,
    ...(item.status === "implemented" || item.status === "validated" ? { implementedAt: null } : {}),
  };
  if (reopened) return { ok: true, change: { status: to, kind: "reopened", ...cleared } };
  return { ok: true, change: { status: to, kind: to === "in_progress" ? "started" : "stopped" } };
}

/**
 * The status a new item may start in: usually open, but a fix already made during the incident
 * can be recorded as in progress, implemented, or (with its note, by someone else by default)
 * validated, under the same rules as moving there.
 */
export function planNewItemStatus(item: Omit<StatusItem, "status">, request: StatusRequest, at: Date): StatusPlan {
  if (request.to === "open") return { ok: true, change: { status: "open", kind: "stopped" } };
  const from: ActionStatus = request.to === "validated" ? "implemented" : "open";
  const plan = planStatusChange({ ...item, status: from }, request, at);
  return plan.ok && request.to === "validated" ? { ok: true, change: { ...plan.change, implementedAt: at } } : plan;
}
