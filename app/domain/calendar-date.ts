const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * What is wrong with a calendar date written YYYY-MM-DD, or undefined when it names a real day.
 * Total: any string gets an answer and nothing throws (`new Date("2025-13-01").toISOString()`
 * throws, which once turned a mistyped promised date into a 500). Years before 1000 are refused:
 * they are typos, and `Date.UTC` would read 0–99 as 1900–1999.
 */
export function calendarDateProblem(value: string): "format" | "not-a-day" | undefined {
  const m = YMD.exec(value);
  if (!m) return "format";
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > 31) return "not-a-day";
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d ? undefined : "not-a-day";
}

const DAY_MS = 86_400_000;

/** The day number (days since 1970-01-01) of a YYYY-MM-DD date; assumes a valid date. */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** The YYYY-MM-DD (UTC) of an instant. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD): negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return utcDay((dayNumber(date) + days) * DAY_MS);
}
