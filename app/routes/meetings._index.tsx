import { Link } from "react-router";
import type { Route } from "./+types/meetings._index";
import { requireUser } from "~/auth/session.server";
import { LocalTime } from "~/components/ui/local-time";
import { db } from "~/data/db.server";
import { meetingsOverview, type MeetingSummary } from "~/data/meeting-pages.server";
import { canAdminister } from "~/domain/coe/permissions";

export const meta: Route.MetaFunction = () => [{ title: "Review meetings · COE" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const { schedule, coming, past, highlightedId } = await meetingsOverview(db(), new Date());
  const weekday = schedule.weekday[0]!.toUpperCase() + schedule.weekday.slice(1);
  return { schedule: { ...schedule, weekday }, coming, past, highlightedId, isAdmin: canAdminister(user) };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function agendaCount(m: MeetingSummary) {
  if (m.items === 0) return "Nothing on the agenda yet";
  if (m.status === "planned") return `${plural(m.items, "COE")} on the agenda`;
  return `${plural(m.items, "COE")} on the agenda, ${m.presented} presented`;
}

export default function Meetings({ loaderData: { schedule, coming, past, highlightedId, isAdmin } }: Route.ComponentProps) {
  return (
    <div className="meetings">
      <div className="page-head">
        <h1>Review meetings</h1>
        {isAdmin ? (
          <Link to="/admin/meetings" className="button">
            Meeting settings
          </Link>
        ) : null}
      </div>
      <p className="muted">
        Every {schedule.weekday} at {schedule.time} ({schedule.timeZone}). A COE that enters review is queued for the next meeting. Times below are in your time
        zone.
      </p>

      <section aria-labelledby="coming-meetings">
        <h2 id="coming-meetings">Coming meetings</h2>
        {coming.length ? (
          <ol className="meeting-cards">
            {coming.map((m) => {
              const isHighlighted = m.id === highlightedId;
              return (
                <li key={m.id} className={`meeting-card${isHighlighted ? " is-next" : ""}`}>
                  <h3>
                    <Link to={`/meetings/${m.id}`}>{m.label}</Link>
                  </h3>
                  <p className="meeting-card-badges">
                    {m.status === "in_progress" ? <span className="badge meeting-running">In progress</span> : null}
                    {isHighlighted && m.status !== "in_progress" ? <span className="badge meeting-next">Next meeting</span> : null}
                  </p>
                  <p>{m.startsAtMs !== null ? <LocalTime ms={m.startsAtMs} /> : "Time not set"}</p>
                  <p className="muted small">{agendaCount(m)}</p>
                </li>
              );
            })}
          </ol>
        ) : (
          <p className="empty">No meetings planned.</p>
        )}
      </section>

      <section aria-labelledby="past-meetings">
        <h2 id="past-meetings">Past meetings</h2>
        {past.length ? (
          <table className="meeting-table cards-on-narrow">
            <thead>
              <tr>
                <th scope="col">Meeting</th>
                <th scope="col">Presented</th>
                <th scope="col">Carried over</th>
              </tr>
            </thead>
            <tbody>
              {past.map((m) => (
                <tr key={m.id}>
                  <td className="card-title">
                    <Link to={`/meetings/${m.id}`}>
                      {m.label}
                      <span className="visually-hidden">: minutes</span>
                    </Link>
                  </td>
                  <td data-label="Presented">{m.presented}</td>
                  <td data-label="Carried over">{m.carried}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="empty">No meeting has been held yet.</p>
        )}
      </section>
    </div>
  );
}
