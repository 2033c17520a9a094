/**
 * The one way the UI writes a moment and a day: "2019-07-02 13:42 UTC" and "2019-07-02". Numeric
 * and year-first, so it reads the same in every locale, sorts as text, and the server's UTC
 * rendering (formatUtc) has the same shape as the browser's local one — only the zone differs.
 */
import { zonedParts } from "../zoned-parts";
import { formatUtc } from "./instant";

/** An instant in a zone: "2019-07-02 13:42 GMT+2" ("UTC" for UTC). */
export function formatInstant(ms: number, timeZone: string): string {
  // The server writes every moment in UTC; Intl's formatToParts is ~20× slower than slicing the ISO string.
  if (timeZone === "UTC") return formatUtc(ms);
  const parts = zonedParts(ms, timeZone);
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day (a promised date): "2019-07-02". It has no zone, so it is never converted; anything else is shown as given. */
export function formatCalendarDate(date: string): string {
  const m = CALENDAR_DATE.exec(date.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : date;
}
