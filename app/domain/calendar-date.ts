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
