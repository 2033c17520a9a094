/** What the wall clock of `timeZone` shows at an instant, numeric fields as written ("07"), plus the zone's short name. */
export type ZonedParts = Record<"year" | "month" | "day" | "hour" | "minute" | "second" | "timeZoneName", string>;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone, kept: building an Intl.DateTimeFormat costs far more than using one. */
export function zonedParts(ms: number, timeZone: string): ZonedParts {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    });
    formatters.set(timeZone, f);
  }
  return Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value])) as ZonedParts;
}

/** The calendar date (YYYY-MM-DD) the wall clock of `timeZone` shows at an instant. */
export function localDate(ms: number, timeZone: string): string {
  const p = zonedParts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}
