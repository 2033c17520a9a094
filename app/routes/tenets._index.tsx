import { Link } from "react-router";
import type { Route } from "./+types/tenets._index";
import { requireUser } from "~/auth/session.server";
import { db } from "~/data/db.server";
import { listTenetsWithCitations } from "~/data/tenets.server";
import { canAdminister } from "~/domain/coe/permissions";
import { plural } from "~/domain/plural";

export const meta: Route.MetaFunction = () => [{ title: "Tenets · COE" }];

/** The organisation's tenets: anyone signed in reads them (SPEC §6). */
export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  return { tenets: await listTenetsWithCitations(db()), canManage: canAdminister(user) };
}

export default function Tenets({ loaderData: { tenets, canManage } }: Route.ComponentProps) {
  return (
    <div className="narrow stack">
      <h1>Tenets</h1>
      <p className="muted">The organisation&apos;s short principles. A COE cites the tenets it touches; each tenet lists the COEs that cite it.</p>
      {tenets.length ? (
        <ol className="taxonomy-list stack">
          {tenets.map((t) => (
            <li key={t.id} className="taxonomy-item stack">
              <h2>
                <Link to={`/tenets/${t.id}`}>{t.title}</Link> {t.retiredAt ? <span className="badge">Retired</span> : null}
              </h2>
              {t.body ? <p>{t.body}</p> : null}
              <p className="small muted">Cited by {plural(t.citedBy, "COE")}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">The organisation has no tenets yet.</p>
      )}
      {canManage ? (
        <p>
          <Link to="/admin/tenets">Manage the tenets</Link>
        </p>
      ) : null}
    </div>
  );
}
