import { escapeHtml } from "~/components/ui/escape-html";
import { formatCalendarDate } from "~/domain/coe/date-format";
import { utcOfIsoString } from "~/domain/coe/instant";

/**
 * A moment in markup written as a string: what `LocalTime` writes on the server (UTC), plus the
 * instant in `data-utc-ms` so `localizeTimes` can put it in the viewer's zone in the browser.
 */
export function timeHtml(ms: number, iso?: string): string {
  const utcIso = new Date(ms).toISOString();
  const utc = utcOfIsoString(utcIso);
  iso ??= utcIso;
  return `<time datetime="${escapeHtml(iso)}" title="${utc}" data-utc-ms="${ms}">${utc}</time>`;
}

/** A calendar day in string markup, as `CalendarDate` writes it (never shifted by a zone). */
export function calendarDateHtml(date: string): string {
  return `<time datetime="${escapeHtml(date)}">${escapeHtml(formatCalendarDate(date))}</time>`;
}

/** Writes every `<time data-utc-ms>` under `root` in a zone ("UTC" leaves them as the server wrote them). */
export function localizeTimes(root: ParentNode, format: (ms: number) => string) {
  for (const time of root.querySelectorAll<HTMLTimeElement>("time[data-utc-ms]")) {
    const text = format(Number(time.dataset.utcMs));
    if (time.textContent !== text) time.textContent = text;
  }
}
