import { Link } from "react-router";
import type { Route } from "./+types/teams._index";
import { requireUser } from "~/auth/session.server";
import { TableHead } from "~/components/ui/table-head";
import { db } from "~/data/db.server";
import { teamsWithWork } from "~/data/team-pages.server";
import { utcDay } from "~/domain/calendar-date";

export const meta: Route.MetaFunction = () => [{ title: "Teams · COE" }];

/** Every team with its open COEs and its open and overdue action items; anyone signed in reads it (SPEC §6). */
export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request);
  return { teams: await teamsWithWork(db(), utcDay(Date.now())) };
}

export default function Teams({ loaderData: { teams } }: Route.ComponentProps) {
  return (
    <section className="teams-page">
      <h1>Teams</h1>
      <p className="muted">
        Each team&apos;s page shows its open COEs, its overdue and slipping action items, and how its slip figures moved since the last meeting.
      </p>
      {teams.length ? (
        <table className="meeting-table cards-on-narrow teams-table">
          <TableHead columns={["Team", "Open COEs", "Open action items", "Overdue items"]} />
          <tbody>
            {teams.map((t) => (
              <tr key={t.id}>
                <td className="card-title">
                  <Link to={`/teams/${t.id}`}>{t.name}</Link>
                </td>
                <td data-label="Open COEs">{t.openCoes}</td>
                <td data-label="Open action items">{t.openItems}</td>
                <td data-label="Overdue items">{t.overdueItems ? <strong>{t.overdueItems}</strong> : 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">No team exists yet: an admin adds them with the users.</p>
      )}
    </section>
  );
}
