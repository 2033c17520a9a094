/** Instants as the timeline keeps them: ISO 8601 with an explicit zone (Z or ±hh:mm). */
export const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/;
const OFFSET = /^[+-](0\d|1[0-4]):[0-5]\d$/;

/** Every offset in use on Earth, for the offset picker: −12:00 … +14:00 in quarter hours where real. */
export const UTC_OFFSETS = [
  "-12:00",
  "-11:00",
  "-10:00",
  "-09:30",
  "-09:00",
  "-08:00",
  "-07:00",
  "-06:00",
  "-05:00",
  "-04:00",
  "-03:30",
  "-03:00",
  "-02:00",
  "-01:00",
  "+00:00",
  "+01:00",
  "+02:00",
  "+03:00",
  "+03:30",
  "+04:00",
  "+04:30",
  "+05:00",
  "+05:30",
  "+05:45",
  "+06:00",
  "+06:30",
  "+07:00",
  "+08:00",
  "+08:45",
  "+09:00",
  "+09:30",
  "+10:00",
  "+10:30",
  "+11:00",
  "+12:00",
  "+12:45",
  "+13:00",
  "+14:00",
] as const;

export function isValidInstant(iso: string): boolean {
  return ISO_WITH_ZONE.test(iso) && !Number.isNaN(Date.parse(iso)) && sameCalendarFields(iso);
}

// Date.parse accepts 2019-02-31 by rolling over; the format does not.
function sameCalendarFields(iso: string): boolean {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d && Number(iso.slice(11, 13)) < 24;
}

/** A datetime-local value ("2019-07-02T13:42") and an offset ("+02:00") → "2019-07-02T13:42:00+02:00" (Z for +00:00). */
export function composeInstant(local: string, offset: string): string | undefined {
  const m = LOCAL.exec(local.trim());
  if (!m || !OFFSET.test(offset)) return undefined;
  const iso = `${m[1]}T${m[2]}${m[3] ?? ":00"}${offset === "+00:00" ? "Z" : offset}`;
  return isValidInstant(iso) ? iso : undefined;
}

/** The inverse of composeInstant, for pre-filling an edit form with what was written. */
export function splitInstant(iso: string): { local: string; offset: string } {
  const zone = /(Z|[+-]\d{2}:\d{2})$/.exec(iso)?.[1] ?? "Z";
  const local = iso.slice(0, iso.length - zone.length).replace(/\.\d+$/, "");
  return { local: local.length === 16 ? `${local}:00` : local, offset: zone === "Z" ? "+00:00" : zone };
}

/** "2019-07-02 13:42 UTC" — the server's rendering; the browser re-renders it in the viewer's zone. */
export function formatUtc(ms: number): string {
  return utcOfIsoString(new Date(ms).toISOString());
}

/** formatUtc of an instant already written by `Date.prototype.toISOString` (always UTC, "Z"). */
export function utcOfIsoString(iso: string): string {
  return iso.slice(0, 16).replace("T", " ") + " UTC";
}
