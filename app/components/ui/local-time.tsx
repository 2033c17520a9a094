import { useEffect, useState } from "react";
import { formatCalendarDate, formatInstant } from "~/domain/coe/date-format";
import { formatUtc } from "~/domain/coe/instant";

/**
 * A moment, written the one way the UI writes moments ("2019-07-02 13:42 UTC"). The server renders
 * UTC (it cannot know the viewer's zone); after hydration the browser shows the viewer's zone in the
 * same shape. The machine-readable instant stays in `dateTime`.
 */
export function LocalTime({ ms, iso }: { ms: number; iso?: string }) {
  const utc = formatUtc(ms);
  const [text, setText] = useState(utc);
  useEffect(() => setText(formatInstant(ms, Intl.DateTimeFormat().resolvedOptions().timeZone)), [ms]);
  const machine = iso ?? new Date(ms).toISOString();
  return (
    <time dateTime={machine} title={utc}>
      {text}
    </time>
  );
}

/** A calendar day (a promised date), written the one way the UI writes days ("2019-07-02"), never shifted by a zone. */
export function CalendarDate({ date }: { date: string }) {
  return <time dateTime={date}>{formatCalendarDate(date)}</time>;
}
