import { escapeHtml } from "~/components/ui/escape-html";
import { calendarDateHtml } from "~/components/ui/time-html";
import { formatSlip, slipLevel, slipOf, type SlipInput, type SlipLevel } from "~/domain/action-items/slip";
import { ACTION_STATUS_LABELS, HORIZON_LABELS } from "~/domain/coe/labels";
import type { ActionStatus, Horizon } from "~/domain/enums";

/** An item as My action items lists it. */
export type OwnedRow = {
  id: number;
  title: string;
  horizon: Horizon;
  status: ActionStatus;
  promisedDate: string | null;
  originalPromisedDate: string | null;
  createdDay: string;
  validatedDay: string | null;
  version: number;
  ownerName: string | null;
  coeId: number;
  coeTitle: string;
  teamName: string | null;
};

export const SLIP_WORDS: Record<SlipLevel, string> = { fine: "on track", warning: "slipping", late: "late" };

/** An item's slip as a badge: the figure, coloured and worded by its level. */
export function slipBadgeHtml(item: SlipInput, today: string) {
  const slip = slipOf(item, today);
  if (slip === undefined) return `<span class="muted">—</span>`;
  const level = slipLevel(slip);
  return `<span class="badge slip-${level}" title="${SLIP_WORDS[level]}">${escapeHtml(formatSlip(slip))}<span class="visually-hidden"> (${SLIP_WORDS[level]})</span></span>`;
}

const td = (label: string, html: string, className?: string) => `<td data-label="${label}"${className ? ` class="${className}"` : ""}>${html}</td>`;
const small = (html: string) => `<div class="small muted">${html}</div>`;

/**
 * The rows of one bucket as one string (2,000 items would be tens of thousands of React elements):
 * a checkbox to tick it for a bulk move (its value the version shown), the item linked to its
 * place in its COE, the COE and team, the owner (team view), promised and original dates, status, slip.
 */
export function ownedRowsHtml(rows: readonly OwnedRow[], today: string, options: { canMove: boolean; teamView: boolean }): string {
  let html = "";
  for (const i of rows) {
    const title = escapeHtml(i.title);
    html += "<tr>";
    if (options.canMove) html += td("Select", `<input type="checkbox" name="item-${i.id}" value="${i.version}" aria-label="Select ${title}">`);
    html += `<td class="card-title"><a href="/coes/${i.coeId}#action-item-${i.id}">${title}</a>${small(escapeHtml(HORIZON_LABELS[i.horizon]))}</td>`;
    html += td("COE", escapeHtml(i.coeTitle) + (i.teamName ? small(escapeHtml(i.teamName)) : ""));
    if (options.teamView) html += td("Owner", i.ownerName ? escapeHtml(i.ownerName) : `<span class="muted">Unassigned</span>`);
    const moved = i.originalPromisedDate && i.originalPromisedDate !== i.promisedDate ? small(`originally ${calendarDateHtml(i.originalPromisedDate)}`) : "";
    html += td("Promised", (i.promisedDate ? calendarDateHtml(i.promisedDate) : "—") + moved, "nowrap");
    html += td("Status", `<span class="badge ai-${i.status}">${escapeHtml(ACTION_STATUS_LABELS[i.status])}</span>`);
    html += td("Slip", slipBadgeHtml(i, today));
    html += "</tr>";
  }
  return html;
}
