export type PromiseState = { originalPromisedDate: string | null; promisedDate: string | null };
export type DateChange = { fromDate: string | null; toDate: string | null; reason: string };

export type PromisePlan = { ok: true; next: PromiseState; change?: DateChange } | { ok: false; field: "dateChangeReason"; message: string };

/**
 * The first date ever promised becomes the original promise and is never overwritten. Any later
 * change of the date (including clearing it) needs a reason and is logged, so slip stays visible.
 */
export function planPromisedDate(current: PromiseState, nextDate: string | null, reason: string | undefined): PromisePlan {
  if (nextDate === current.promisedDate) return { ok: true, next: current };
  if (current.originalPromisedDate === null && current.promisedDate === null)
    return {
      ok: true,
      next: { originalPromisedDate: nextDate, promisedDate: nextDate },
      change: nextDate ? { fromDate: null, toDate: nextDate, reason: reason ?? "First promise" } : undefined,
    };
  if (!reason?.trim()) return { ok: false, field: "dateChangeReason", message: "Say why the promised date changes (it is logged)" };
  return {
    ok: true,
    next: { originalPromisedDate: current.originalPromisedDate ?? nextDate, promisedDate: nextDate },
    change: { fromDate: current.promisedDate, toDate: nextDate, reason: reason.trim() },
  };
}
