import { Link } from "react-router";
import type { Route } from "./+types/tenets.$tenetId";
import { notFound, requireIdParam } from "~/auth/guards.server";
import { requireUser } from "~/auth/session.server";
import { StatusBadge } from "~/components/coe/status-badge";
import { LocalTime } from "~/components/ui/local-time";
import { db } from "~/data/db.server";
import { getTenetPage } from "~/data/tenets.server";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData ? `${loaderData.tenet.title} · Tenets · COE` : "Tenet · COE" }];

/** One tenet and the COEs that cite it: anyone signed in reads it. */
export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request);
  const id = requireIdParam(params.tenetId, "That tenet");
  const page = (await getTenetPage(db(), id)) ?? notFound("That tenet");
  return { tenet: page.tenet, citing: page.citing.map((c) => ({ ...c, createdAtMs: c.createdAt.getTime() })) };
}

export default function TenetPage({ loaderData: { tenet, citing } }: Route.ComponentProps) {
  return (
    <article className="narrow stack">
      <header>
        <p className="eyebrow">
          <Link to="/tenets">Tenets</Link>
        </p>
        <h1>
          {tenet.title} {tenet.retiredAt ? <span className="badge">Retired</span> : null}
        </h1>
      </header>
      {tenet.body ? <p>{tenet.body}</p> : null}
      <section aria-labelledby="citing-coes" className="stack">
        <h2 id="citing-coes">COEs that cite it</h2>
        {citing.length ? (
          <ul className="taxonomy-list stack">
            {citing.map((c) => (
              <li key={c.id} className="taxonomy-item">
                <h3>
                  <Link to={`/coes/${c.id}`}>{c.title}</Link>
                </h3>
                <p className="small">
                  {c.team} · <span className={`sev sev-${c.severity}`}>Sev {c.severity}</span> · <StatusBadge status={c.status} /> · written{" "}
                  <LocalTime ms={c.createdAtMs} />
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">No COE cites this tenet yet.</p>
        )}
      </section>
    </article>
  );
}
