import { ACTION_STATUSES } from "~/domain/enums";
import { ACTION_STATUS_LABELS, HORIZON_LABELS, SEVERITY_LABELS } from "~/domain/coe/labels";
import { coeListSearch, type CoeListQuery } from "~/domain/coe/list-query";
import { plural } from "~/domain/plural";
import {
  actionItemStacks,
  CHARTS,
  DURATION_LABELS,
  DURATION_METRICS,
  durationSeries,
  quarterSummary,
  RCA_STATE_LABELS,
  RCA_STATES,
  rcaStacks,
  severityStacks,
  SEVERITIES,
  SLIP_BUCKET_LABELS,
  slipBars,
  type ChartSlug,
  type TrendsData,
} from "~/domain/trends/charts";
import { monthLabel, monthTick, trendsSearch, type TrendsQuery } from "~/domain/trends/period";
import { chartFigure } from "./chart-figure";
import { durationLines } from "./duration-lines";
import { join, type Markup } from "./markup";
import { stackedBars } from "./stacked-bars";

const ONLY = ["n"] as const;

/** The six charts of the trends page, each with its table and CSV (the page's filters apply to all), as markup. */
export function trendChartsMarkup(query: TrendsQuery, figures: TrendsData): Markup {
  const search = trendsSearch(query);
  const figure = (slug: ChartSlug, note: string) => ({
    id: slug,
    title: CHARTS[slug].title,
    note,
    table: CHARTS[slug].table(figures),
    csvHref: `/trends/${slug}.csv${search}`,
  });
  const scope = { team: query.team, service: query.service, severity: query.severity };
  const coesOf = (month: string, over: Partial<CoeListQuery> = {}) => `/coes${coeListSearch({ ...scope, from: month, to: month, ...over })}`;
  const categories = figures.categories.map((c) => ({ x: c.name, values: { n: c.n }, total: c.n }));
  const categoryIds = new Map(figures.categories.map((c) => [c.name, c.id]));
  const ofPeriod = { ...scope, from: figures.period.from, to: figures.period.to };
  return join([
    chartFigure(
      figure("coes-by-severity", "Each bar links to that month's COEs of that severity."),
      stackedBars({
        title: CHARTS["coes-by-severity"].title,
        rows: severityStacks(figures),
        keys: SEVERITIES,
        label: (month, sev, n) => `${monthLabel(month)}, ${SEVERITY_LABELS[sev]}: ${plural(n, "COE")}`,
        tick: monthTick,
        keyLabel: (sev) => SEVERITY_LABELS[sev]!,
        href: (month, severity) => coesOf(month, { severity }),
      }),
    ),
    chartFigure(
      figure("time-to-detect-mitigate", DURATION_METRICS.map((m) => quarterSummary(figures, m)).join(". ") + "."),
      join(
        DURATION_METRICS.map((metric) =>
          durationLines({ rows: durationSeries(figures, metric), metricLabel: DURATION_LABELS[metric], href: (month) => coesOf(month) }),
        ),
      ),
    ),
    chartFigure(
      figure("action-items", "Action items of the COEs shown, by horizon and state. Each bar links to the COEs that have such items."),
      stackedBars({
        title: CHARTS["action-items"].title,
        rows: actionItemStacks(figures),
        keys: ACTION_STATUSES,
        label: (horizon, status, n) => `${HORIZON_LABELS[horizon]}, ${ACTION_STATUS_LABELS[status]}: ${plural(n, "action item")}`,
        tick: (horizon) => HORIZON_LABELS[horizon],
        keyLabel: (status) => ACTION_STATUS_LABELS[status],
        href: (horizon, item) => `/coes${coeListSearch({ ...ofPeriod, horizon, item })}`,
      }),
    ),
    chartFigure(
      figure(
        "slip",
        "Slip: time taken ÷ time first promised (cancelled and never-promised items are not measured). Each bar links to the COEs that have such items.",
      ),
      stackedBars({
        title: CHARTS.slip.title,
        rows: slipBars(figures).map((b) => ({ x: b.bucket, values: { n: b.n }, total: b.n })),
        keys: ONLY,
        label: (bucket, _, n) => `Slip ${SLIP_BUCKET_LABELS[bucket]}: ${plural(n, "action item")}`,
        tick: (bucket) => SLIP_BUCKET_LABELS[bucket],
        keyLabel: () => "Action items",
        href: (slip) => `/coes${coeListSearch({ ...ofPeriod, slip })}`,
      }),
    ),
    chartFigure(
      figure(
        "root-causes",
        categories.length ? "The categories on most COEs; a COE counts once per category." : "No COE shown has a categorised root cause yet.",
      ),
      categories.length
        ? stackedBars({
            title: CHARTS["root-causes"].title,
            rows: categories,
            keys: ONLY,
            label: (name, _, n) => `${name}: ${plural(n, "COE")}`,
            tick: (name) => (name.length > 14 ? `${name.slice(0, 13)}…` : name),
            keyLabel: () => "COEs",
            href: (name) => `/coes${coeListSearch({ ...ofPeriod, category: categoryIds.get(name) })}`,
          })
        : null,
    ),
    chartFigure(
      figure(
        "customer-rcas",
        "Customer RCAs are due 7 days after impact started; each COE counts by its RCA now. Not measured: no impact start yet, or the RCA was written before it was owed or arrived by import. Each bar links to its COEs.",
      ),
      stackedBars({
        title: CHARTS["customer-rcas"].title,
        rows: rcaStacks(figures),
        keys: RCA_STATES,
        label: (month, state, n) => `${monthLabel(month)}, ${RCA_STATE_LABELS[state]}: ${plural(n, "COE")}`,
        tick: monthTick,
        keyLabel: (state) => RCA_STATE_LABELS[state],
        href: (month, rca) => coesOf(month, { rca }),
      }),
    ),
  ]);
}

/** Markup kept per figures object (the server keeps one per query until the data changes) and query. */
const kept = new WeakMap<TrendsData, Map<string, Markup>>();

function keptMarkup(query: TrendsQuery, figures: TrendsData): Markup {
  const byQuery = kept.get(figures) ?? new Map<string, Markup>();
  kept.set(figures, byQuery);
  const key = JSON.stringify(query);
  let markup = byQuery.get(key);
  if (markup === undefined) byQuery.set(key, (markup = trendChartsMarkup(query, figures)));
  return markup;
}

/**
 * The six charts. Drawn as markup (markup.ts escapes every word in it) and kept with the figures
 * they show: the same on the server and in the browser, so hydration leaves it as it is.
 */
export function TrendCharts({ query, figures }: { query: TrendsQuery; figures: TrendsData }) {
  return <div className="trend-charts" dangerouslySetInnerHTML={{ __html: keptMarkup(query, figures) }} />;
}
