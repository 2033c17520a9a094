import { data, Link } from "react-router";
import type { Route } from "./+types/admin.audit";
import { forbidden } from "~/auth/guards.server";
import { requireUser } from "~/auth/session.server";
import { AuditEventTable } from "~/components/audit/audit-event-table";
import { AuditFilterForm } from "~/components/audit/audit-filter-form";
import { ErrorAlert } from "~/components/ui/error-alert";
import { listAuditActions, listAuditActors, listAuditEvents } from "~/data/audit.server";
import { db } from "~/data/db.server";
import { describeAuditEvent } from "~/domain/audit/describe";
import { auditFiltersOf, auditSearch, parseAuditQuery } from "~/domain/audit/query";
import { canAdminister } from "~/domain/coe/permissions";

export const meta: Route.MetaFunction = () => [{ title: "Audit log · COE" }];

export async function loader({ request, url }: Route.LoaderArgs) {
  const user = await requireUser(request);
  if (!canAdminister(user)) forbidden("Only admins can read the audit log.");
  const choices = { actors: await listAuditActors(db()), actions: await listAuditActions(db()) };
  const parsed = parseAuditQuery(url.searchParams, { actorIds: new Set(choices.actors.map((a) => a.id)), actions: new Set(choices.actions) });
  if (!parsed.ok) return data({ ...choices, values: parsed.values, errors: parsed.errors, page: undefined }, { status: 400 });
  const { events, next } = await listAuditEvents(db(), auditFiltersOf(parsed.query));
  const filtered = auditSearch({ ...parsed.query, before: undefined });
  return {
    ...choices,
    values: parsed.values,
    errors: {},
    page: {
      events: events.map(describeAuditEvent),
      isFiltered: filtered !== "",
      newest: parsed.query.before !== undefined ? `/admin/audit${filtered}` : undefined,
      older: next !== undefined ? `/admin/audit${auditSearch({ ...parsed.query, before: next })}` : undefined,
    },
  };
}

export default function AuditLog({ loaderData: { actors, actions, values, errors, page } }: Route.ComponentProps) {
  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">
        Every change and every refused request, newest first. Times are shown in your time zone; the date filters are whole days in UTC. The same refusal from
        the same client within a minute is kept as one row with a count (×N).
      </p>
      <AuditFilterForm actors={actors} actions={actions} values={values} errors={errors} />
      {!page ? (
        <ErrorAlert message="Some filters could not be used; correct the fields marked above. No events are listed until they can be." />
      ) : (
        <>
          <p className="muted" role="status">
            {page.events.length === 1 ? "Showing 1 event" : `Showing ${page.events.length} events`}
            {page.newest ? " (older page)" : ""}
          </p>
          {page.events.length ? (
            <AuditEventTable events={page.events} />
          ) : (
            <p className="empty">{page.isFiltered ? "No events match these filters." : "No events match."}</p>
          )}
          {page.newest || page.older ? (
            <nav className="pager" aria-label="Pages of the audit log">
              {page.newest ? <Link to={page.newest}>← Newest events</Link> : <span />}
              {page.older ? <Link to={page.older}>Older events →</Link> : null}
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}
