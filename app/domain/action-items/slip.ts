import type { ActionStatus } from "../enums";
import { dayNumber } from "../calendar-date";

/** What slip needs of an item: calendar days (YYYY-MM-DD). */
export type SlipInput = {
  status: ActionStatus;
  createdDay: string;
  originalPromisedDate: string | null;
  /** The day it was validated: done means validated (SPEC §4: implemented is not done). */
  validatedDay: string | null;
};

export type SlipLevel = "fine" | "warning" | "late";

export const SLIP_FINE_MAX = 1.2;
export const SLIP_WARNING_MAX = 2;

/**
 * Slip = (completion, or today while open − created) ÷ (original promise − created), counting
 * days inclusively: an item promised for the day it was created and done that day has slip 1,
 * done the next day 2. Inclusive days keep it total: a same-day promise never divides by zero.
 * A promise dated before the item was recorded (an item imported late) is measured from the
 * promise itself: a one-day promise, so every day past it counts in full.
 * Undefined for items without an original promise and for cancelled items (nothing was delivered).
 */
export function slipOf(item: SlipInput, today: string): number | undefined {
  if (item.status === "cancelled" || !item.originalPromisedDate) return undefined;
  const promise = dayNumber(item.originalPromisedDate);
  const start = Math.min(dayNumber(item.createdDay), promise);
  const end = item.status === "validated" && item.validatedDay ? item.validatedDay : today;
  const elapsed = Math.max(1, dayNumber(end) - start + 1);
  const promised = promise - start + 1;
  return elapsed / promised;
}

export function slipLevel(slip: number): SlipLevel {
  if (slip <= SLIP_FINE_MAX) return "fine";
  return slip <= SLIP_WARNING_MAX ? "warning" : "late";
}

/** "1.3×" (one decimal below 10, whole above; "<0.1×" for an item barely started on a long promise). */
export function formatSlip(slip: number): string {
  if (slip < 0.05) return "<0.1×";
  return `${slip < 10 ? (Math.round(slip * 10) / 10).toFixed(1) : Math.round(slip)}×`;
}

/** Nearest-rank percentile of sorted values (p in 0–100). */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (!sorted.length) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

export type SlipFigures = {
  /** Items measured (not cancelled, with an original promise). */
  measured: number;
  median: number | undefined;
  p90: number | undefined;
  worst: number | undefined;
  /** Share (0–1) of items whose original promise has come, or that are validated, validated by that original date. */
  onPromise: number | undefined;
  /** Items counted for on-promise delivery. */
  due: number;
  /** Date changes after the first promise, per item (all items not cancelled). */
  rePromisesPerItem: number | undefined;
};

export type FigureInput = SlipInput & { rePromises: number };

/** The figures of a set of items (a team's, the organisation's): median, 90th percentile and worst slip, on-promise delivery, re-promises. */
export function slipFigures(items: readonly FigureInput[], today: string): SlipFigures {
  const live = items.filter((i) => i.status !== "cancelled");
  const slips = live
    .map((i) => slipOf(i, today))
    .filter((s): s is number => s !== undefined)
    .sort((a, b) => a - b);
  const due = live.filter((i) => i.originalPromisedDate && (i.status === "validated" || dayNumber(i.originalPromisedDate) < dayNumber(today)));
  const kept = due.filter((i) => i.status === "validated" && i.validatedDay && dayNumber(i.validatedDay) <= dayNumber(i.originalPromisedDate!));
  return {
    measured: slips.length,
    median: percentile(slips, 50),
    p90: percentile(slips, 90),
    worst: slips.at(-1),
    onPromise: due.length ? kept.length / due.length : undefined,
    due: due.length,
    rePromisesPerItem: live.length ? live.reduce((n, i) => n + i.rePromises, 0) / live.length : undefined,
  };
}
