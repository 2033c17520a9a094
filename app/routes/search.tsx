import { Form, Link } from "react-router";
import type { Route } from "./+types/search";
import { requireUser } from "~/auth/session.server";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { SearchResultItem } from "~/components/search/search-result";
import { db } from "~/data/db.server";
import { searchPage } from "~/data/search.server";
import { CANDIDATE_LIMIT } from "~/domain/search/rank";
import { optionsOf, SEVERITY_LABELS, STATUS_LABELS } from "~/domain/coe/labels";
import { parseSearchParams, searchHref } from "~/domain/search/filters";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.params.q ? `${data.params.q} · Search · COE` : "Search · COE" }];

export async function loader({ request, url }: Route.LoaderArgs) {
  await requireUser(request);
  const params = parseSearchParams(url.searchParams);
  return { params, ...(await searchPage(db(), params)) };
}

function Summary({ matched, isCapped, page, pageCount }: { matched: number; isCapped: boolean; page: number; pageCount: number }) {
  const count = isCapped ? `The ${CANDIDATE_LIMIT} newest matching COEs, ranked` : matched === 1 ? "1 COE" : `${matched} COEs`;
  const cap = isCapped ? " (more COEs match: add words or filters to narrow the search)" : "";
  return (
    <p className="muted" role="status">
      {count}
      {cap}
      {pageCount > 1 ? ` · page ${page} of ${pageCount}` : ""}
    </p>
  );
}

export default function Search({ loaderData: { params, options, notes, problem, outcome } }: Route.ComponentProps) {
  return (
    <>
      <h1>Search</h1>
      <Form method="get" className="filters search-form" aria-label="Search COEs">
        <TextField label="Words" name="q" type="search" defaultValue={params.q} hint='Words, "a phrase", prefix*, -exclude' className="search-words" />
        <SelectField label="Team" name="team" defaultValue={params.team ?? ""} placeholder="Any team" options={options.teams} />
        <SelectField label="Service" name="service" defaultValue={params.service ?? ""} placeholder="Any service" options={options.services} />
        <SelectField label="Tag" name="tag" defaultValue={params.tag ?? ""} placeholder="Any tag" options={options.tags} />
        <SelectField label="Severity" name="severity" defaultValue={params.severity ?? ""} placeholder="Any severity" options={optionsOf(SEVERITY_LABELS)} />
        <SelectField label="State" name="state" defaultValue={params.state ?? ""} placeholder="Any state" options={optionsOf(STATUS_LABELS)} />
        <SelectField label="Root-cause category" name="category" defaultValue={params.category ?? ""} placeholder="Any category" options={options.categories} />
        <TextField label="Incident from" name="from" type="date" defaultValue={params.from ?? ""} />
        <TextField label="Incident to" name="to" type="date" defaultValue={params.to ?? ""} />
        <button type="submit">Search</button>
      </Form>
      {notes.map((note) => (
        <p key={note} className="muted">
          {note}
        </p>
      ))}
      {problem ? <p role="status">{problem}</p> : null}
      {outcome ? (
        <>
          <Summary matched={outcome.matched} isCapped={outcome.isCapped} page={params.page} pageCount={outcome.pageCount} />
          {outcome.results.length ? (
            <ol className="search-results">
              {outcome.results.map((r) => (
                <SearchResultItem key={r.id} result={r} />
              ))}
            </ol>
          ) : (
            <p className="empty">No COE matches this search.</p>
          )}
          {params.page < outcome.pageCount ? (
            <nav className="pager" aria-label="More results">
              <Link to={searchHref({ ...params, page: params.page + 1 })}>Show more results →</Link>
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}
