import { Form } from "react-router";
import type { Route } from "./+types/trends._index";
import { requireUser } from "~/auth/session.server";
import { CoeFilterFields } from "~/components/coe/coe-filter-fields";
import { TrendCharts } from "~/components/trends/trend-charts";
import { SelectField } from "~/components/ui/select-field";
import { db } from "~/data/db.server";
import { trendsPage } from "~/data/trends.server";
import { monthLabel, parseTrendsQuery, TREND_RANGES } from "~/domain/trends/period";

export const meta: Route.MetaFunction = () => [{ title: "Trends · COE" }];

/** Trends across COEs (SPEC §5): anyone signed in reads them (SPEC §6). */
export async function loader({ request, url }: Route.LoaderArgs) {
  await requireUser(request);
  const query = parseTrendsQuery(url.searchParams);
  return { query, ...(await trendsPage(db(), query, new Date())) };
}

const RANGE_OPTIONS = TREND_RANGES.map((m) => ({ value: m, label: `Last ${m} months` }));

export default function Trends({ loaderData: { query, figures, teams, services } }: Route.ComponentProps) {
  const { period, coeCount } = figures;
  return (
    <article className="trends-page">
      <h1>Trends</h1>
      <Form method="get" className="filters" aria-label="Filter trends">
        <CoeFilterFields teams={teams} services={services} values={query} />
        <SelectField label="Period" name="months" defaultValue={query.months} options={RANGE_OPTIONS} hint="Unless a month range is given" />
        <div className="field">
          <label htmlFor="trends-from">From month</label>
          <input id="trends-from" type="month" name="from" defaultValue={query.from ?? ""} placeholder="YYYY-MM" />
        </div>
        <div className="field">
          <label htmlFor="trends-to">To month</label>
          <input id="trends-to" type="month" name="to" defaultValue={query.to ?? ""} placeholder="YYYY-MM" />
        </div>
        <button type="submit">Apply</button>
      </Form>
      <p className="muted" role="status">
        {`${monthLabel(period.from)} – ${monthLabel(period.to)}: ${coeCount.toLocaleString("en")} COE${coeCount === 1 ? "" : "s"}, by the month each was opened (UTC).`}
      </p>
      <TrendCharts query={query} figures={figures} />
    </article>
  );
}
