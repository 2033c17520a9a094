import { Link } from "react-router";
import { SEVERITY_LABELS, STATUS_LABELS } from "~/domain/coe/labels";
import type { CoeStatus } from "~/domain/enums";

export type SimilarCoeItem = {
  id: number;
  title: string;
  severity: number;
  status: string;
  team: string | null;
  impactStartedAt: string | null;
  reasons: string[];
};

/** The reading view's relatives: up to five COEs like this one, each with why it is listed. */
export function SimilarCoes({ similar }: { similar: SimilarCoeItem[] }) {
  return (
    <aside aria-labelledby="similar-coes" className="similar-coes">
      <h2 id="similar-coes">Similar COEs</h2>
      {similar.length === 0 ? (
        <p className="muted">No other COE shares this one&apos;s root-cause categories, services, tags or wording yet.</p>
      ) : (
        <ol>
          {similar.map((s) => (
            <li key={s.id}>
              <Link to={`/coes/${s.id}`}>{s.title}</Link>
              <span className="muted">
                {" "}
                ·{" "}
                {[
                  s.team ?? "No team",
                  SEVERITY_LABELS[s.severity] ?? `Sev ${s.severity}`,
                  STATUS_LABELS[s.status as CoeStatus] ?? s.status,
                  s.impactStartedAt?.slice(0, 10),
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </span>
              <p className="similar-reasons">{s.reasons.join(" · ")}</p>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
