import { useEffect, useState } from "react";
import { formatCalendarDate, formatInstant } from "~/domain/coe/date-format";

/**
 * The zone the UI writes moments in: "UTC" on the server and in the first render (so hydration
 * matches), the viewer's own zone after. Every moment on a page — in a <time> or inside text that
 * cannot hold one, like an <option> — goes through it, so they all read in one zone.
 */
export function useViewerTimeZone(): string {
  const [zone, setZone] = useState("UTC");
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  return zone;
}

/**
 * A moment, written the one way the UI writes moments ("2019-07-02 13:42 UTC"). The server renders
 * UTC (it cannot know the viewer's zone); after hydration the browser shows the viewer's zone in the
 * same shape. The machine-readable instant stays in `dateTime`.
 */
export function LocalTime({ ms, iso }: { ms: number; iso?: string }) {
  const text = formatInstant(ms, useViewerTimeZone());
  const machine = iso ?? new Date(ms).toISOString();
  return (
    <time dateTime={machine} title={formatInstant(ms, "UTC")}>
      {text}
    </time>
  );
}

/** A calendar day (a promised date), written the one way the UI writes days ("2019-07-02"), never shifted by a zone. */
export function CalendarDate({ date }: { date: string }) {
  return <time dateTime={date}>{formatCalendarDate(date)}</time>;
}
