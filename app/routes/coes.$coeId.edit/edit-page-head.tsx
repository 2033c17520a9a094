import { Link } from "react-router";
import { StatusBadge } from "~/components/coe/status-badge";
import type { EditedCoe } from "./edit-page-data";

/** The COE being edited: number, status, version and title, with links to its history and reading view. */
export function EditPageHead({ coe }: { coe: EditedCoe }) {
  return (
    <div className="page-head">
      <div>
        <p className="eyebrow">
          Editing COE #{coe.id} · <StatusBadge status={coe.status} /> · version {coe.version}
        </p>
        <h1>{coe.title}</h1>
      </div>
      <Link to={`/coes/${coe.id}/history`} className="button history-link">
        History
      </Link>
      <Link to={`/coes/${coe.id}`} className="button">
        View
      </Link>
    </div>
  );
}
