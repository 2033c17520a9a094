import type { ReactNode } from "react";
import { FAILURE_MODE_LABELS, TRI_STATE_LABELS } from "~/domain/coe/labels";
import type { FailureMode, TriState } from "~/domain/enums";

type DependencyRow = { id: number; name: string; performedAsPromised: TriState; implementationValidated: TriState; failureMode: FailureMode | null };

/**
 * Each dependency involved, with the SPEC's questions answered (did it perform as promised, was
 * our use of it validated, was the failure mode expected) and its notes (`notes`). The edit page
 * adds its controls with `actions`.
 */
export function DependencyList<D extends DependencyRow>({
  dependencies,
  notes,
  actions,
}: {
  dependencies: readonly D[];
  notes: (d: D) => ReactNode;
  actions?: (d: D, index: number) => ReactNode;
}) {
  if (!dependencies.length) return <p className="empty">No dependencies recorded.</p>;
  return (
    <ul className="dependencies">
      {dependencies.map((d, i) => (
        <li key={d.id} id={`dependency-${d.id}`} className="dependency">
          <h3>{d.name}</h3>
          <dl className="dependency-answers">
            <div>
              <dt>Performed as promised?</dt>
              <dd>{TRI_STATE_LABELS[d.performedAsPromised]}</dd>
            </div>
            <div>
              <dt>Our use validated?</dt>
              <dd>{TRI_STATE_LABELS[d.implementationValidated]}</dd>
            </div>
            <div>
              <dt>Failure mode</dt>
              <dd>{d.failureMode ? FAILURE_MODE_LABELS[d.failureMode] : "Not said"}</dd>
            </div>
          </dl>
          {notes(d)}
          {actions?.(d, i)}
        </li>
      ))}
    </ul>
  );
}
