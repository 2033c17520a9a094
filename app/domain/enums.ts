// The product's vocabulary (SPEC §2–§6). Pure constants: db/schema.ts builds its CHECK
// constraints from these, and browser code can import them without pulling in drizzle.

/** Minimal TipTap/ProseMirror JSON shape (kept here so neither db/ nor domain/ depends on the editor). */
export type DocJSON = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: DocJSON[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
};

// The enums of SPEC §2–§6. The CHECK constraints below are built from these same lists.
export const ROLES = ["admin", "reviewer", "author", "member"] as const;
export const COE_STATUSES = ["draft", "in_review", "changes_requested", "approved", "closed"] as const;
export const TIMELINE_KINDS = ["impact_start", "detected", "engaged", "mitigation_started", "mitigated", "resolved", "observation", "communication"] as const;
export const HORIZONS = ["short", "mid", "long"] as const;
export const ACTION_STATUSES = ["open", "in_progress", "implemented", "validated", "cancelled"] as const;
export const SCALING_MECHANISMS = ["education", "distributed_change", "centralized_change"] as const;
export const TRI_STATES = ["yes", "no", "unknown"] as const;
export const FAILURE_MODES = ["expected", "should_have_planned", "novel"] as const;
export const COMMENT_ANCHORS = ["coe", "section", "why_node", "action_item", "timeline_entry", "lesson"] as const;
export const REVIEW_DECISIONS = ["approved", "changes_requested"] as const;
export const MEETING_STATUSES = ["planned", "in_progress", "done"] as const;
export const MEETING_OUTCOMES = ["approved", "changes_requested", "follow_up"] as const;
export const LOGIN_OUTCOMES = ["pending", "failed", "succeeded"] as const;
export const AUDIT_OUTCOMES = ["done", "refused"] as const;
/** An owner's reminder about an item: due within 7 days, or past its promised date. */
export const REMINDER_KINDS = ["due_soon", "overdue"] as const;

export type Role = (typeof ROLES)[number];
export type CoeStatus = (typeof COE_STATUSES)[number];
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
export type Horizon = (typeof HORIZONS)[number];
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type ScalingMechanism = (typeof SCALING_MECHANISMS)[number];
export type TriState = (typeof TRI_STATES)[number];
export type FailureMode = (typeof FAILURE_MODES)[number];
export type LoginOutcome = (typeof LOGIN_OUTCOMES)[number];
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export type ReminderKind = (typeof REMINDER_KINDS)[number];
