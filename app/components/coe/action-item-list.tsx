import type { ReactNode } from "react";
import type { ActionStatus, Horizon, ScalingMechanism } from "~/domain/enums";
import { CalendarDate } from "~/components/ui/local-time";
import { ACTION_STATUS_LABELS, HORIZON_LABELS, SCALING_LABELS } from "~/domain/coe/labels";

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
};

type Props<I> = {
  items: readonly I[];
  whyById: Map<number, { id: number; text: string }>;
  /** The COE's lessons in order, so an item names the lesson it follows from by its number. */
  lessons?: readonly { id: number }[];
  actions?: (item: I) => ReactNode;
};

/** Action items grouped by horizon; `actions` renders per-item controls in the editing view. */
export function ActionItemList<I extends ActionItemRow>({ items, whyById, lessons = [], actions }: Props<I>) {
  if (!items.length) return <p className="empty">No action items yet.</p>;
  const lessonNumber = new Map(lessons.map((l, i) => [l.id, i + 1]));
  return (
    <table className="action-items cards-on-narrow">
      <thead>
        <tr>
          <th scope="col">Action item</th>
          <th scope="col">Horizon</th>
          <th scope="col">Owner</th>
          <th scope="col">Promised</th>
          <th scope="col">Status</th>
          {actions ? <th scope="col" className="actions-col">Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {items.map((i) => {
          const why = i.whyNodeId ? whyById.get(i.whyNodeId) : undefined;
          const lesson = i.lessonId ? lessonNumber.get(i.lessonId) : undefined;
          return (
            <tr key={i.id} id={`action-item-${i.id}`}>
              <td className="card-title">
                {i.title}
                {i.isCustomerFacing ? <span className="badge">Customer-facing</span> : null}
                {i.scaling ? <span className="small muted"> · {SCALING_LABELS[i.scaling]}</span> : null}
                {why ? (
                  <div>
                    <a href={`#why-${why.id}`} className="from-why">
                      From why: {why.text}
                    </a>
                  </div>
                ) : null}
                {lesson ? (
                  <div>
                    <a href={`#lesson-${i.lessonId}`} className="from-lesson">
                      From lesson {lesson}
                    </a>
                  </div>
                ) : null}
                {i.trackerUrl ? (
                  <div>
                    <a href={i.trackerUrl} rel="noreferrer noopener">
                      Tracker
                    </a>
                  </div>
                ) : null}
              </td>
              <td data-label="Horizon">{HORIZON_LABELS[i.horizon]}</td>
              <td data-label="Owner">{i.ownerName ?? <span className="muted">Unassigned</span>}</td>
              <td className="nowrap" data-label="Promised">
                {i.promisedDate ? <CalendarDate date={i.promisedDate} /> : "—"}
                {i.originalPromisedDate && i.originalPromisedDate !== i.promisedDate ? (
                  <div className="small muted">
                    originally <CalendarDate date={i.originalPromisedDate} />
                  </div>
                ) : null}
              </td>
              <td data-label="Status">
                <span className={`badge ai-${i.status}`}>{ACTION_STATUS_LABELS[i.status]}</span>
                {i.status === "validated" && i.validationNote ? <div className="small">{i.validationNote}</div> : null}
                {i.status === "cancelled" && i.cancelReason ? <div className="small">{i.cancelReason}</div> : null}
              </td>
              {actions ? <td className="card-actions">{actions(i)}</td> : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
