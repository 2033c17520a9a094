import { Link } from "react-router";
import { ItemRows } from "~/components/action-items/item-rows";
import { SlipFiguresFacts } from "~/components/action-items/slip-figures";
import { StatusBadge } from "~/components/coe/status-badge";
import { LocalTime } from "~/components/ui/local-time";
import { TableHead } from "~/components/ui/table-head";
import { ReviewList } from "./review-list";
import type { TeamPageData } from "~/data/team-pages.server";
import { BUCKET_TITLES, type Bucket } from "~/domain/action-items/owner-view";

const EMPTY_BUCKET: Partial<Record<Bucket, string>> = {
  overdue: "No action item of this team is past its promised date.",
  slipping: "No action item of this team is slipping.",
};

/**
 * A team's operational page, below its title (the team page and presenting mode each write their
 * own): slip figures and how they moved since the last meeting, open COEs, overdue and slipping
 * items, and what the meetings said when they reviewed it.
 */
export function TeamOverview({ page }: { page: TeamPageData }) {
  const { team, openCoes, buckets, figures, since, reviews, today } = page;
  return (
    <>
      <section aria-labelledby="team-figures">
        <h2 id="team-figures">Slip figures</h2>
        <p className="muted">
          {since
            ? `How they moved since the meeting of ${since.meeting.label}: ${
                since.source === "review"
                  ? "compared with the figures recorded when that meeting reviewed the team"
                  : "compared with the items as they stood that day"
              }.`
            : "No review meeting has been held yet, so there is nothing to compare them with."}{" "}
          {figures.measured === 1 ? "1 item measured" : `${figures.measured} items measured`}.
        </p>
        <SlipFiguresFacts figures={figures} who={team.name} changes={since?.changes} />
      </section>

      <section aria-labelledby="team-open-coes">
        <h2 id="team-open-coes">
          Open COEs <span className="badge">{openCoes.total}</span>
        </h2>
        {openCoes.rows.length ? (
          <table className="meeting-table cards-on-narrow" aria-labelledby="team-open-coes">
            <TableHead columns={["COE", "Severity", "Status", "Updated"]} />
            <tbody>
              {openCoes.rows.map((c) => (
                <tr key={c.id}>
                  <td className="card-title">
                    <Link to={`/coes/${c.id}`}>{c.title}</Link>
                  </td>
                  <td data-label="Severity">
                    <span className={`sev sev-${c.severity}`}>Sev {c.severity}</span>
                  </td>
                  <td data-label="Status">
                    <StatusBadge status={c.status} />
                  </td>
                  <td data-label="Updated">
                    <LocalTime ms={c.updatedMs} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="empty">Every COE of this team is closed.</p>
        )}
        {openCoes.total > openCoes.rows.length ? (
          <p className="small">
            <Link to={`/coes?team=${team.id}`}>All the COEs of {team.name}</Link> ({openCoes.total - openCoes.rows.length} more open ones).
          </p>
        ) : null}
      </section>

      {(["overdue", "slipping"] as const).map((bucket) => {
        const group = buckets.find((g) => g.bucket === bucket);
        return (
          <section key={bucket} aria-labelledby={`bucket-${bucket}`}>
            <h2 id={`bucket-${bucket}`}>
              {BUCKET_TITLES[bucket]} <span className="badge">{group?.count ?? 0}</span>
            </h2>
            {group ? (
              <>
                <ItemRows rows={group.rows} today={today} canMove={false} teamView />
                {group.count > group.rows.length ? (
                  <p>
                    <Link to={{ search: `?show=${bucket}`, hash: `bucket-${bucket}` }}>
                      Show all {group.count.toLocaleString("en")} {BUCKET_TITLES[bucket].toLowerCase()}
                    </Link>
                  </p>
                ) : null}
              </>
            ) : (
              <p className="empty">{EMPTY_BUCKET[bucket]}</p>
            )}
          </section>
        );
      })}

      <section aria-labelledby="team-reviews">
        <h2 id="team-reviews">Reviewed in meetings</h2>
        <ReviewList
          rows={reviews.map((r) => ({ key: r.meetingId, title: r.label, href: `/meetings/${r.meetingId}`, reviewedBy: r.reviewedBy, followUp: r.followUp }))}
          empty="No meeting has reviewed this team yet."
        />
      </section>
    </>
  );
}
