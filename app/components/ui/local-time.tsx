import { useSyncExternalStore } from "react";
import { formatCalendarDate, formatInstant } from "~/domain/coe/date-format";

const unchanging = () => () => {};
let zone: string | undefined;
const viewerZone = () => (zone ??= Intl.DateTimeFormat().resolvedOptions().timeZone);
const serverZone = () => "UTC";

/**
 * A moment, written the one way the UI writes moments ("2019-07-02 13:42 UTC"). The server renders
 * UTC (it cannot know the viewer's zone); the browser shows the viewer's zone in the same shape,
 * right after hydration (and at once on pages it renders itself). The machine-readable instant
 * stays in `dateTime`, UTC in the tooltip.
 */
export function LocalTime({ ms, iso }: { ms: number; iso?: string }) {
  const timeZone = useSyncExternalStore(unchanging, viewerZone, serverZone);
  const isoUtc = new Date(ms).toISOString();
  const utc = `${isoUtc.slice(0, 10)} ${isoUtc.slice(11, 16)} UTC`;
  return (
    <time dateTime={iso ?? isoUtc} title={utc}>
      {timeZone === "UTC" ? utc : formatInstant(ms, timeZone)}
    </time>
  );
}

/** A calendar day (a promised date), written the one way the UI writes days ("2019-07-02"), never shifted by a zone. */
export function CalendarDate({ date }: { date: string }) {
  return <time dateTime={date}>{formatCalendarDate(date)}</time>;
}
