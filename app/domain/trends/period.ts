import { z } from "zod";

/** A calendar month, YYYY-MM (UTC). */
export type MonthKey = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const TREND_RANGES = ["3", "6", "12", "24"] as const;
/** The longest period a page draws: five years of months still fit a chart. */
export const MAX_MONTHS = 60;

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const optionalId = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()).catch(undefined);
const optionalMonth = z.preprocess(blankToUndefined, z.string().regex(MONTH).optional()).catch(undefined);

/** The trends page's query string (a bookmarkable URL: malformed values fall back to "no filter"). */
export const TrendsQuerySchema = z.object({
  team: optionalId,
  service: optionalId,
  severity: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(5).optional()).catch(undefined),
  months: z.enum(TREND_RANGES).default("12").catch("12"),
  from: optionalMonth,
  to: optionalMonth,
});
export type TrendsQuery = z.infer<typeof TrendsQuerySchema>;

export function parseTrendsQuery(params: URLSearchParams): TrendsQuery {
  return TrendsQuerySchema.parse(Object.fromEntries(params));
}

export function monthOf(ms: number): MonthKey {
  return new Date(ms).toISOString().slice(0, 7);
}

export function addMonths(month: MonthKey, n: number): MonthKey {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return monthOf(Date.UTC(y, m - 1 + n, 1));
}

/** The first instant of a month (UTC). */
export function monthStartMs(month: MonthKey): number {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return Date.UTC(y, m - 1, 1);
}

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: MonthKey, to: MonthKey): MonthKey[] {
  const months: MonthKey[] = [];
  for (let m = from; m <= to && months.length < MAX_MONTHS; m = addMonths(m, 1)) months.push(m);
  return months;
}

const LONG = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });
const SHORT = new Intl.DateTimeFormat("en", { month: "short", timeZone: "UTC" });

/** "March 2026". */
export function monthLabel(month: MonthKey): string {
  return LONG.format(monthStartMs(month));
}

/** "Mar", or "Jan 26" where a year begins (axis ticks). */
export function monthTick(month: MonthKey): string {
  const short = SHORT.format(monthStartMs(month));
  return month.endsWith("-01") ? `${short} ${month.slice(2, 4)}` : short;
}

/** A quarter, "2026-Q1". */
export function quarterOf(month: MonthKey): string {
  return `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
}

export type TrendsPeriod = { from: MonthKey; to: MonthKey; months: MonthKey[]; fromMs: number; toMs: number };

/**
 * The months a query shows: from–to when either is given (the other defaults to a year's span,
 * reversed bounds are swapped, at most MAX_MONTHS), else the last `months` months up to this one.
 * `toMs` is exclusive: the start of the month after the last.
 */
export function trendsPeriod(q: Pick<TrendsQuery, "months" | "from" | "to">, now: Date): TrendsPeriod {
  const current = monthOf(now.getTime());
  let from: MonthKey;
  let to: MonthKey;
  if (q.from || q.to) {
    to = q.to ?? (q.from! > current ? q.from! : current);
    from = q.from ?? addMonths(to, -11);
    if (from > to) [from, to] = [to, from];
  } else {
    to = current;
    from = addMonths(current, 1 - Number(q.months));
  }
  const months = monthsBetween(from, to);
  to = months.at(-1)!;
  return { from, to, months, fromMs: monthStartMs(from), toMs: monthStartMs(addMonths(to, 1)) };
}

/** The quarter of `now` and the one before (for "this quarter vs last"). */
export function thisAndLastQuarter(now: Date): { current: string; previous: string; fromMs: number; toMs: number } {
  const month = monthOf(now.getTime());
  const firstOfQuarter = addMonths(month, -((Number(month.slice(5, 7)) - 1) % 3));
  const previousStart = addMonths(firstOfQuarter, -3);
  return {
    current: quarterOf(month),
    previous: quarterOf(previousStart),
    fromMs: monthStartMs(previousStart),
    toMs: monthStartMs(addMonths(firstOfQuarter, 3)),
  };
}

/** The query as a search string, without defaults (the CSV links carry the page's filters). */
export function trendsSearch(q: TrendsQuery): string {
  const p = new URLSearchParams();
  for (const key of ["team", "service", "severity"] as const) if (q[key] !== undefined) p.set(key, String(q[key]));
  if (q.months !== "12") p.set("months", q.months);
  if (q.from) p.set("from", q.from);
  if (q.to) p.set("to", q.to);
  const s = p.toString();
  return s ? `?${s}` : "";
}
