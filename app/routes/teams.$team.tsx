import { Link } from "react-router";
import type { Route } from "./+types/teams.$team";
import { notFound, requireIdParam } from "~/auth/guards.server";
import { requireUser } from "~/auth/session.server";
import { TeamOverview } from "~/components/teams/team-overview";
import { db } from "~/data/db.server";
import { teamPage, TeamPageQuery } from "~/data/team-pages.server";
import { canReview } from "~/domain/coe/permissions";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData ? `${loaderData.page.team.name} · Teams · COE` : "Team · COE" }];

/** A team's operational page: anyone signed in reads it (SPEC §6); the team by its id, as `?team=` names it elsewhere. */
export async function loader({ request, params, url }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const teamId = requireIdParam(params.team, "That team");
  const { show } = TeamPageQuery.parse(Object.fromEntries(url.searchParams));
  const page = (await teamPage(db(), teamId, { now: new Date(), show })) ?? notFound("That team");
  return { page, canSeeAllItems: canReview(user) };
}

export default function TeamPage({ loaderData: { page, canSeeAllItems } }: Route.ComponentProps) {
  const { team } = page;
  return (
    <article className="team-page">
      <header className="page-head">
        <div>
          <p className="eyebrow">
            <Link to="/teams">Teams</Link>
          </p>
          <h1>{team.name}</h1>
        </div>
        <p className="team-links">
          <Link to={`/coes?team=${team.id}`}>Its COEs</Link>
          {canSeeAllItems ? (
            <>
              {" · "}
              <Link to={`/action-items?status=all&team=${team.id}`}>All its action items</Link>
            </>
          ) : null}
        </p>
      </header>
      <TeamOverview page={page} />
    </article>
  );
}
