import type { ReactNode } from "react";
import type { TimelineKind } from "~/domain/enums";
import { escapeHtml } from "~/components/ui/escape-html";
import { StringTable, type StringColumn } from "~/components/ui/string-table";
import { timeHtml } from "~/components/ui/time-html";
import { TIMELINE_KIND_LABELS } from "~/domain/coe/labels";
import { isSafeHref } from "~/domain/coe/safe-doc";

export type TimelineRow = { id: number; at: string; atMs: number; kind: TimelineKind; text: string; link: string | null };

/** The cells, as escaped strings: the text is the authors', the link only ever an http(s) one. */
const COLUMNS: readonly StringColumn<TimelineRow>[] = [
  { header: "When", label: "When", className: "nowrap", html: (e) => timeHtml(e.atMs, e.at) },
  {
    header: "Kind",
    label: "Kind",
    html: (e) => `<span class="badge kind kind-${escapeHtml(e.kind)}">${escapeHtml(TIMELINE_KIND_LABELS[e.kind] ?? e.kind)}</span>`,
  },
  {
    header: "What happened",
    label: "What happened",
    html: (e) =>
      `<span class="prewrap">${escapeHtml(e.text)}</span>` +
      (e.link && isSafeHref(e.link) ? ` <a href="${escapeHtml(e.link)}" rel="noreferrer noopener">link</a>` : ""),
  },
];

const rowAttributes = (e: TimelineRow) => ({ id: `timeline-${e.id}`, className: `kind-${e.kind}` });

/** The timeline in time order; `actions` renders per-entry controls in the editing view. */
export function TimelineTable({ entries, actions }: { entries: readonly TimelineRow[]; actions?: (entry: TimelineRow) => ReactNode }) {
  if (!entries.length) return <p className="empty">No timeline entries yet.</p>;
  return <StringTable className="timeline cards-on-narrow" columns={COLUMNS} rows={entries} rowAttributes={rowAttributes} actions={actions} />;
}
