import type { ActionStatus, CoeStatus, FailureMode, Horizon, ScalingMechanism, TimelineKind, TriState } from "../enums";

export const STATUS_LABELS: Record<CoeStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  changes_requested: "Changes requested",
  approved: "Approved",
  closed: "Closed",
};

export const SEVERITY_LABELS: Record<number, string> = { 1: "Sev 1 (worst)", 2: "Sev 2", 3: "Sev 3", 4: "Sev 4", 5: "Sev 5" };

export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  impact_start: "Impact started",
  detected: "Detected",
  engaged: "Engaged",
  mitigation_started: "Mitigation started",
  mitigated: "Mitigated",
  resolved: "Resolved",
  observation: "Observation",
  communication: "Customer communication",
};

export const HORIZON_LABELS: Record<Horizon, string> = { short: "Short-term", mid: "Mid-term", long: "Long-term" };

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  implemented: "Implemented (not yet validated)",
  validated: "Validated",
  cancelled: "Cancelled",
};

export const SCALING_LABELS: Record<ScalingMechanism, string> = {
  education: "Education",
  distributed_change: "Distributed change",
  centralized_change: "Centralized change",
};

export const TRI_STATE_LABELS: Record<TriState, string> = { yes: "Yes", no: "No", unknown: "Unknown" };

export const FAILURE_MODE_LABELS: Record<FailureMode, string> = {
  expected: "Expected",
  should_have_planned: "Should have been planned for",
  novel: "Novel",
};

/** Options for a <select> from a label map. */
export function optionsOf<K extends string | number>(labels: Record<K, string>) {
  return (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
}
