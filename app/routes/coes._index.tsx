import { Form, Link } from "react-router";
import type { Route } from "./+types/coes._index";
import { requireUser } from "~/auth/session.server";
import { SelectField } from "~/components/ui/select-field";
import { HtmlBlock } from "~/components/ui/html-block";
import { CoeFilterFields } from "~/components/coe/coe-filter-fields";
import { coeListRowsHtml, type CoeListRow } from "~/components/coe/coe-list-rows";
import { useMemo } from "react";
import { toPayload, usePayload } from "~/components/ui/json-payload";
import { listCategories } from "~/data/categories.server";
import { listCoes, listTeams } from "~/data/coe-list.server";
import { db } from "~/data/db.server";
import { canCreateCoe } from "~/domain/coe/permissions";
import { COE_SORTS, coeListSearch, parseCoeListQuery } from "~/domain/coe/list-query";
import { ACTION_STATUS_LABELS, HORIZON_LABELS, optionsOf, STATUS_LABELS } from "~/domain/coe/labels";
import type { ActionStatus, Horizon } from "~/domain/enums";
import { SLIP_BUCKET_LABELS } from "~/domain/trends/charts";
import { monthLabel } from "~/domain/trends/period";

const RCA_FILTER_WORDS = {
  late: "late, not written",
  "written-late": "written late",
  owed: "owed, not yet due",
  "on-time": "written on time",
  unmeasured: "not measured",
} as const;

/** "a short-term action item that is open", "an action item that is validated", "a long-term action item". */
function itemWords({ horizon, item }: { horizon?: Horizon; item?: ActionStatus }) {
  const kind = horizon ? `a ${HORIZON_LABELS[horizon].toLowerCase()} action item` : "an action item";
  return item ? `${kind} that is ${ACTION_STATUS_LABELS[item].toLowerCase()}` : kind;
}

/** "in March 2026", "from March 2026 to May 2026", "from March 2026", "up to May 2026". */
function openedLabel({ from, to }: { from?: string; to?: string }) {
  if (from && from === to) return `in ${monthLabel(from)}`;
  return [from ? `from ${monthLabel(from)}` : "", to ? `${from ? "to" : "up to"} ${monthLabel(to)}` : ""].filter(Boolean).join(" ");
}

export const meta: Route.MetaFunction = () => [{ title: "COEs · COE" }];

export async function loader({ request, url }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const query = parseCoeListQuery(url.searchParams);
  const { rows, total, pageCount } = await listCoes(db(), query);
  const listed = rows.map(({ updatedAt, ...row }) => ({ ...row, updatedMs: updatedAt.getTime() }));
  const category = query.category ? (await listCategories(db())).find((c) => c.id === query.category) : undefined;
  return { query, rows: toPayload(listed), total, pageCount, teams: await listTeams(db()), categoryName: category?.name, canCreate: canCreateCoe(user) };
}

/** The rows, written as one HTML string (see coeListRowsHtml); times move to the viewer's zone after hydration. */
function CoeListRows({ rows }: { rows: readonly CoeListRow[] }) {
  const html = useMemo(() => coeListRowsHtml(rows), [rows]);
  return <HtmlBlock as="tbody" html={html} />;
}

export default function CoeList({ loaderData: { query, rows: rowsPayload, total, pageCount, teams, categoryName, canCreate } }: Route.ComponentProps) {
  const rows = usePayload(rowsPayload);
  return (
    <>
      <div className="page-head">
        <h1>Correction of Errors</h1>
        {canCreate ? (
          <Link to="/coes/new" className="button primary">
            New COE
          </Link>
        ) : null}
      </div>
      <Form method="get" className="filters" aria-label="Filter COEs">
        <SelectField label="State" name="status" defaultValue={query.status ?? ""} placeholder="Any state" options={optionsOf(STATUS_LABELS)} />
        <CoeFilterFields teams={teams} values={query} />
        <SelectField label="Sort by" name="sort" defaultValue={query.sort} options={optionsOf(COE_SORTS)} />
        {(["service", "category", "rca", "horizon", "item", "slip", "from", "to"] as const).map((name) =>
          query[name] ? <input key={name} type="hidden" name={name} value={query[name]} /> : null,
        )}
        <button type="submit">Apply</button>
      </Form>
      <p className="muted" role="status">
        {total === 1 ? "1 COE" : `${total.toLocaleString("en")} COEs`}
        {query.from || query.to ? ` opened ${openedLabel(query)}` : ""}
        {query.service ? " (one service)" : ""}
        {query.category ? ` with a root cause in ${categoryName ? `“${categoryName}”` : "one category"}` : ""}
        {query.rca ? ` whose customer RCA is ${RCA_FILTER_WORDS[query.rca]}` : ""}
        {query.horizon || query.item ? ` with ${itemWords(query)}` : ""}
        {query.slip ? ` with an action item whose slip is ${SLIP_BUCKET_LABELS[query.slip]}` : ""}
        {pageCount > 1 ? ` · page ${query.page} of ${pageCount}` : ""}
      </p>
      {rows.length ? (
        <table className="coe-table">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Severity</th>
              <th scope="col">State</th>
              <th scope="col">Team</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <CoeListRows rows={rows} />
        </table>
      ) : (
        <p className="empty">No COEs match these filters.</p>
      )}
      {pageCount > 1 ? (
        <nav className="pager" aria-label="Pages">
          {query.page > 1 ? <Link to={coeListSearch({ ...query, page: query.page - 1 })}>← Previous</Link> : <span />}
          {query.page < pageCount ? <Link to={coeListSearch({ ...query, page: query.page + 1 })}>Next →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
