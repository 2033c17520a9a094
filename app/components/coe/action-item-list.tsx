import type { ReactNode } from "react";
import { HORIZONS, type ActionStatus, type Horizon, type ScalingMechanism } from "~/domain/enums";
import { HORIZON_EXPLANATIONS } from "~/domain/action-items/horizon";
import { slipBadgeHtml } from "~/components/action-items/owned-rows";
import { escapeHtml } from "~/components/ui/escape-html";
import { StringTable, type StringColumn } from "~/components/ui/string-table";
import { calendarDateHtml } from "~/components/ui/time-html";
import { ACTION_STATUS_LABELS, HORIZON_LABELS, SCALING_LABELS } from "~/domain/coe/labels";
import { isSafeHref } from "~/domain/coe/safe-doc";

export type ActionItemRow = {
  id: number;
  title: string;
  horizon: Horizon;
  ownerName: string | null;
  originalPromisedDate: string | null;
  promisedDate: string | null;
  status: ActionStatus;
  validationNote: string | null;
  cancelReason: string | null;
  scaling: ScalingMechanism | null;
  isCustomerFacing: boolean;
  trackerUrl: string | null;
  whyNodeId: number | null;
  lessonId?: number | null;
  /** For the slip badge: when the item was created and validated (YYYY-MM-DD). */
  createdDay?: string;
  validatedDay?: string | null;
};

type Props<I> = {
  items: readonly I[];
  whyById: Map<number, { id: number; text: string }>;
  /** The COE's lessons in order, so an item names the lesson it follows from by its number. */
  lessons?: readonly { id: number }[];
  actions?: (item: I) => ReactNode;
  /** Today (YYYY-MM-DD): shows each item's slip against its original promise. */
  today?: string;
};

const line = (html: string) => `<div>${html}</div>`;
const small = (text: string) => `<div class="small">${escapeHtml(text)}</div>`;

/** The cells, as escaped strings (titles, notes and the why's text are the authors' words). */
function columns(whyById: Props<ActionItemRow>["whyById"], lessonNumber: ReadonlyMap<number, number>): StringColumn<ActionItemRow>[] {
  const titleCell = (i: ActionItemRow) => {
    const why = i.whyNodeId ? whyById.get(i.whyNodeId) : undefined;
    const lesson = i.lessonId ? lessonNumber.get(i.lessonId) : undefined;
    return (
      escapeHtml(i.title) +
      (i.isCustomerFacing ? `<span class="badge">Customer-facing</span>` : "") +
      (i.scaling ? `<span class="small muted"> · ${escapeHtml(SCALING_LABELS[i.scaling] ?? i.scaling)}</span>` : "") +
      (why ? line(`<a href="#why-${escapeHtml(why.id)}" class="from-why">From why: ${escapeHtml(why.text)}</a>`) : "") +
      (lesson ? line(`<a href="#lesson-${escapeHtml(i.lessonId!)}" class="from-lesson">From lesson ${escapeHtml(lesson)}</a>`) : "") +
      (i.trackerUrl && isSafeHref(i.trackerUrl) ? line(`<a href="${escapeHtml(i.trackerUrl)}" rel="noreferrer noopener">Tracker</a>`) : "")
    );
  };
  const promisedCell = (i: ActionItemRow) =>
    (i.promisedDate ? calendarDateHtml(i.promisedDate) : "—") +
    (i.originalPromisedDate && i.originalPromisedDate !== i.promisedDate
      ? `<div class="small muted">originally ${calendarDateHtml(i.originalPromisedDate)}</div>`
      : "");
  const statusCell = (i: ActionItemRow) =>
    `<span class="badge ai-${escapeHtml(i.status)}">${escapeHtml(ACTION_STATUS_LABELS[i.status] ?? i.status)}</span>` +
    (i.status === "validated" && i.validationNote ? small(i.validationNote) : "") +
    (i.status === "cancelled" && i.cancelReason ? small(i.cancelReason) : "");
  return [
    { header: "Action item", className: "card-title", html: titleCell },
    { header: "Owner", label: "Owner", html: (i) => (typeof i.ownerName === "string" ? escapeHtml(i.ownerName) : `<span class="muted">Unassigned</span>`) },
    { header: "Promised", label: "Promised", className: "nowrap", html: promisedCell },
    { header: "Status", label: "Status", html: statusCell },
  ];
}

/** The slip column: elapsed over promised time against the original promise (SPEC §4), coloured by how far it went. */
function slipColumn(today: string): StringColumn<ActionItemRow> {
  return {
    header: "Slip",
    label: "Slip",
    html: (i) =>
      i.createdDay
        ? slipBadgeHtml(
            { status: i.status, createdDay: i.createdDay, originalPromisedDate: i.originalPromisedDate, validatedDay: i.validatedDay ?? null },
            today,
          )
        : `<span class="muted">—</span>`,
  };
}

const rowAttributes = (i: ActionItemRow) => ({ id: `action-item-${i.id}` });

/** Action items grouped by horizon, each group under its name and what the horizon is for; `actions` renders per-item controls. */
export function ActionItemList<I extends ActionItemRow>({ items, whyById, lessons = [], actions, today }: Props<I>) {
  if (!items.length) return <p className="empty">No action items yet.</p>;
  const base = columns(whyById, new Map(lessons.map((l, i) => [l.id, i + 1])));
  const cells = today ? [...base, slipColumn(today)] : base;
  return (
    <>
      {HORIZONS.map((horizon) => {
        const group = items.filter((i) => i.horizon === horizon);
        if (!group.length) return null;
        return (
          <div key={horizon} className="horizon-group">
            <h3 className="horizon-heading">
              {HORIZON_LABELS[horizon]} <span className="small muted">· {HORIZON_EXPLANATIONS[horizon]}</span>
            </h3>
            <StringTable<I> className="action-items cards-on-narrow" columns={cells} rows={group} rowAttributes={rowAttributes} actions={actions} />
          </div>
        );
      })}
    </>
  );
}
