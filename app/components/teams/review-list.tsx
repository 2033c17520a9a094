import { Link } from "react-router";

/** One recorded review of a team: what it links to (the team, or the meeting), who recorded it, and the follow-up. */
export type ReviewListRow = { key: number; title: string; href: string; reviewedBy: string | null; followUp: string | null };

/** Reviews of teams in meetings, each with its follow-up (or "No follow-up"). */
export function ReviewList({ rows, empty }: { rows: readonly ReviewListRow[]; empty: string }) {
  if (!rows.length) return <p className="empty">{empty}</p>;
  return (
    <ul className="team-reviews">
      {rows.map((r) => (
        <li key={r.key}>
          <Link to={r.href}>{r.title}</Link>
          {r.reviewedBy ? <span className="muted small"> · recorded by {r.reviewedBy}</span> : null}
          <p className="prewrap">{r.followUp ? `Follow-up: ${r.followUp}` : "No follow-up."}</p>
        </li>
      ))}
    </ul>
  );
}
