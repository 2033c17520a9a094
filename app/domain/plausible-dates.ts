/**
 * Dates an incident record can plausibly hold: from 2000-01-01 to ten years after now. A resolved
 * entry in the year 9999 ("time to resolve 2912138 d") or a promise for the year 99999 is a typo,
 * and is refused with the range named rather than stored or turned into a 500.
 */
export const EARLIEST_PLAUSIBLE = "2000-01-01";
const EARLIEST_MS = Date.UTC(2000, 0, 1);
export const PLAUSIBLE_YEARS_AHEAD = 10;

/** The latest plausible instant: the same day and time ten years after `now`. */
export function latestPlausibleMs(now: number): number {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() + PLAUSIBLE_YEARS_AHEAD);
  return d.getTime();
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The range as people read it: "between 2000-01-01 and 2036-11-26". */
export function plausibleRangeText(now: number): string {
  return `between ${EARLIEST_PLAUSIBLE} and ${day(latestPlausibleMs(now))}`;
}

/** Why an instant (ms since the epoch) is implausible, or undefined. Total: NaN is refused, nothing throws. */
export function instantRangeProblem(ms: number, now: number): string | undefined {
  if (!Number.isFinite(ms)) return "Enter a valid date and time";
  if (ms < EARLIEST_MS || ms > latestPlausibleMs(now)) return `Must be ${plausibleRangeText(now)}`;
  return undefined;
}

/** The same for a calendar date written YYYY-MM-DD (checked as that day's start, UTC). */
export function calendarDateRangeProblem(date: string, now: number): string | undefined {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (!Number.isFinite(ms)) return "Use a date like 2026-12-31";
  return ms < EARLIEST_MS || ms > latestPlausibleMs(now) ? `Must be ${plausibleRangeText(now)}` : undefined;
}
