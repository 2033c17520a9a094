import type { Horizon, ScalingMechanism } from "../enums";
import { daysBetween } from "../calendar-date";

/** The one line shown where a horizon is chosen (SPEC §4). */
export const HORIZON_EXPLANATIONS: Record<Horizon, string> = {
  short: "Hours to days: stops the immediate recurrence; not meant to last.",
  mid: "Days to weeks: the self-sustaining fix, usually what customers are promised.",
  long: "A systemic change or a new mechanism, so that the whole class of failure cannot recur.",
};

/** The one line shown where a scaling mechanism is chosen, in order of effectiveness. */
export const SCALING_EXPLANATIONS: Record<ScalingMechanism, string> = {
  education: "People are told or trained: it works while they remember.",
  distributed_change: "Each team changes its own systems: it works where it was done.",
  centralized_change: "One change in a shared system protects everyone at once, with nobody having to remember: the most effective.",
};

export const SHORT_TERM_MAX_DAYS = 14;
export const LONG_TERM_MIN_DAYS = 7;

/**
 * A gentle warning when the promised date does not fit the horizon: a short-term item more than
 * 14 days after it was created, or a long-term item within 7 days. Advice, never a refusal.
 */
export function horizonWarning(horizon: Horizon, createdDay: string, promisedDate: string | null): string | undefined {
  if (!promisedDate) return undefined;
  const days = daysBetween(createdDay, promisedDate);
  if (horizon === "short" && days > SHORT_TERM_MAX_DAYS)
    return `Short-term items stop the recurrence within days; this one is promised ${days} days out. Is it a mid-term fix?`;
  if (horizon === "long" && days <= LONG_TERM_MIN_DAYS)
    return `Long-term items are systemic changes; this one is promised within ${Math.max(0, days)} days. Is it a short- or mid-term fix?`;
  return undefined;
}
