import type { ReactNode } from "react";
import type { TimelineKind } from "~/domain/enums";
import { LocalTime } from "~/components/ui/local-time";
import { TIMELINE_KIND_LABELS } from "~/domain/coe/labels";

export type TimelineRow = { id: number; at: string; atMs: number; kind: TimelineKind; text: string; link: string | null };

/** The timeline in time order; `actions` renders per-entry controls in the editing view. */
export function TimelineTable({ entries, actions }: { entries: readonly TimelineRow[]; actions?: (entry: TimelineRow) => ReactNode }) {
  if (!entries.length) return <p className="empty">No timeline entries yet.</p>;
  return (
    <table className="timeline cards-on-narrow">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Kind</th>
          <th scope="col">What happened</th>
          {actions ? <th scope="col" className="actions-col">Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} id={`timeline-${e.id}`} className={`kind-${e.kind}`}>
            <td className="nowrap" data-label="When">
              <LocalTime ms={e.atMs} iso={e.at} />
            </td>
            <td data-label="Kind">
              <span className={`badge kind kind-${e.kind}`}>{TIMELINE_KIND_LABELS[e.kind]}</span>
            </td>
            <td data-label="What happened">
              <span className="prewrap">{e.text}</span>
              {e.link ? (
                <>
                  {" "}
                  <a href={e.link} rel="noreferrer noopener">
                    link
                  </a>
                </>
              ) : null}
            </td>
            {actions ? <td className="card-actions">{actions(e)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
