import { useLayoutEffect, useSyncExternalStore, type RefObject } from "react";
import { localizeTimes } from "~/components/ui/time-html";
import { formatCalendarDate, formatInstant } from "~/domain/coe/date-format";
import { formatUtc } from "~/domain/coe/instant";

const unchanging = () => () => {};
let zone: string | undefined;
const viewerZone = () => (zone ??= Intl.DateTimeFormat().resolvedOptions().timeZone);
const serverZone = () => "UTC";

/**
 * The zone the UI writes moments in: "UTC" on the server and while hydrating (so hydration
 * matches), the viewer's own zone right after (and at once on pages the browser renders itself).
 * Every moment on a page — in a <time> or inside text that cannot hold one, like an <option> —
 * goes through it, so they all read in one zone.
 */
export function useViewerTimeZone(): string {
  return useSyncExternalStore(unchanging, viewerZone, serverZone);
}

/**
 * A moment, written the one way the UI writes moments ("2019-07-02 13:42 UTC"), in the viewer's
 * zone (see useViewerTimeZone). The machine-readable instant stays in `dateTime`, UTC in the tooltip.
 */
export function LocalTime({ ms, iso }: { ms: number; iso?: string }) {
  const timeZone = useViewerTimeZone();
  const utc = formatUtc(ms);
  return (
    <time dateTime={iso ?? new Date(ms).toISOString()} title={utc}>
      {timeZone === "UTC" ? utc : formatInstant(ms, timeZone)}
    </time>
  );
}

/** A calendar day (a promised date), written the one way the UI writes days ("2019-07-02"), never shifted by a zone. */
export function CalendarDate({ date }: { date: string }) {
  return <time dateTime={date}>{formatCalendarDate(date)}</time>;
}

/**
 * Puts the `<time data-utc-ms>` of string-written markup under `root` (see time-html.ts) in the
 * viewer's zone after every render, before the browser paints: React leaves markup it did not
 * write alone, so a new string from a later render is localized again here.
 */
export function useLocalizedTimes(root: RefObject<HTMLElement | null>) {
  const timeZone = useViewerTimeZone();
  useLayoutEffect(() => {
    if (root.current && timeZone !== "UTC") localizeTimes(root.current, (ms) => formatInstant(ms, timeZone));
  });
}
