import { escapeHtml } from "~/components/ui/escape-html";
import { formatUtc } from "~/domain/coe/instant";
import { STATUS_LABELS } from "~/domain/coe/labels";
import type { CoeStatus } from "~/domain/enums";

export type CoeListRow = { id: number; title: string; severity: number; status: CoeStatus; teamName: string; updatedMs: number };


/**
 * The COE list's rows as one HTML string, the same markup React would write: a page of 50 rows is
 * 500 elements, and React's per-element work (and its thousands of tiny writes) was the largest
 * part of the list's server time. Everything interpolated is escaped (a title is the author's
 * text); links are followed in the app by `useAppLinkNavigation`; times are in UTC here and put in
 * the viewer's zone by `localizeTimes` once the page runs in a browser.
 */
export function coeListRowsHtml(rows: readonly CoeListRow[]): string {
  let html = "";
  for (const c of rows) {
    const iso = new Date(c.updatedMs).toISOString();
    const utc = formatUtc(c.updatedMs);
    html +=
      `<tr><td><a href="/coes/${escapeHtml(c.id)}" data-app-link="">${escapeHtml(c.title)}</a></td>` +
      `<td><span class="sev sev-${escapeHtml(c.severity)}">Sev ${escapeHtml(c.severity)}</span></td>` +
      `<td><span class="badge status-${escapeHtml(c.status)}">${escapeHtml(STATUS_LABELS[c.status] ?? c.status)}</span></td>` +
      `<td>${escapeHtml(c.teamName)}</td>` +
      `<td><time datetime="${iso}" title="${utc}" data-utc-ms="${c.updatedMs}">${utc}</time></td></tr>`;
  }
  return html;
}

/** Writes every `<time data-utc-ms>` under `root` in a zone ("UTC" leaves them as the server wrote them). */
export function localizeTimes(root: ParentNode, format: (ms: number) => string) {
  for (const time of root.querySelectorAll<HTMLTimeElement>("time[data-utc-ms]")) {
    const text = format(Number(time.dataset.utcMs));
    if (time.textContent !== text) time.textContent = text;
  }
}
