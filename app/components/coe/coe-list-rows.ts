import { escapeHtml } from "~/components/ui/escape-html";
import { timeHtml } from "~/components/ui/time-html";
import { STATUS_LABELS } from "~/domain/coe/labels";
import type { CoeStatus } from "~/domain/enums";

export type CoeListRow = { id: number; title: string; severity: number; status: CoeStatus; teamName: string; updatedMs: number };

/**
 * The COE list's rows as one HTML string, the same markup React would write: a page of 50 rows is
 * 500 elements, and React's per-element work (and its thousands of tiny writes) was the largest
 * part of the list's server time. Everything interpolated is escaped (a title is the author's
 * text); links are followed in the app by `useAppLinkNavigation`; times are in UTC here and put in
 * the viewer's zone once the page runs in a browser (see time-html.ts).
 */
export function coeListRowsHtml(rows: readonly CoeListRow[]): string {
  let html = "";
  for (const c of rows) {
    html +=
      `<tr><td><a href="/coes/${escapeHtml(c.id)}" data-app-link="">${escapeHtml(c.title)}</a></td>` +
      `<td><span class="sev sev-${escapeHtml(c.severity)}">Sev ${escapeHtml(c.severity)}</span></td>` +
      `<td><span class="badge status-${escapeHtml(c.status)}">${escapeHtml(STATUS_LABELS[c.status] ?? c.status)}</span></td>` +
      `<td>${escapeHtml(c.teamName)}</td>` +
      `<td>${timeHtml(c.updatedMs)}</td></tr>`;
  }
  return html;
}
