import { ACTION_STATUSES } from "~/domain/enums";
import { ACTION_STATUS_LABELS, HORIZON_LABELS, SEVERITY_LABELS } from "~/domain/coe/labels";
import { coeListSearch } from "~/domain/coe/list-query";
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
import { ChartFigure } from "./chart-figure";
import { DurationLines } from "./duration-lines";
import { StackedBars } from "./stacked-bars";

const ONLY = ["n"] as const;

/** The six charts of the trends page, each with its table and CSV (the page's filters apply to all). */
export function TrendCharts({ query, figures }: { query: TrendsQuery; figures: TrendsData }) {
  const search = trendsSearch(query);
  const figure = (slug: ChartSlug) => ({ id: slug, title: CHARTS[slug].title, table: CHARTS[slug].table(figures), csvHref: `/trends/${slug}.csv${search}` });
  const coesOf = (month: string, severity = query.severity) =>
    `/coes${coeListSearch({ team: query.team, service: query.service, severity, from: month, to: month })}`;
  const categories = figures.categories.map((c) => ({ x: c.name, values: { n: c.n }, total: c.n }));
  return (
    <div className="trend-charts">
      <ChartFigure {...figure("coes-by-severity")} note="Each bar links to that month's COEs of that severity.">
        <StackedBars
          title={CHARTS["coes-by-severity"].title}
          rows={severityStacks(figures)}
          keys={SEVERITIES}
          label={(month, sev, n) => `${monthLabel(month)}, ${SEVERITY_LABELS[sev]}: ${plural(n, "COE")}`}
          tick={monthTick}
          keyLabel={(sev) => SEVERITY_LABELS[sev]!}
          href={(month, sev) => coesOf(month, sev)}
        />
      </ChartFigure>
      <ChartFigure {...figure("time-to-detect-mitigate")} note={DURATION_METRICS.map((m) => quarterSummary(figures, m)).join(". ") + "."}>
        {DURATION_METRICS.map((metric) => (
          <DurationLines key={metric} rows={durationSeries(figures, metric)} metricLabel={DURATION_LABELS[metric]} href={(month) => coesOf(month)} />
        ))}
      </ChartFigure>
      <ChartFigure {...figure("action-items")} note="Action items of the COEs shown, by horizon and state.">
        <StackedBars
          title={CHARTS["action-items"].title}
          rows={actionItemStacks(figures)}
          keys={ACTION_STATUSES}
          label={(horizon, status, n) => `${HORIZON_LABELS[horizon]}, ${ACTION_STATUS_LABELS[status]}: ${plural(n, "action item")}`}
          tick={(horizon) => HORIZON_LABELS[horizon]}
          keyLabel={(status) => ACTION_STATUS_LABELS[status]}
        />
      </ChartFigure>
      <ChartFigure {...figure("slip")} note="Slip: time taken ÷ time first promised (cancelled and never-promised items are not measured).">
        <StackedBars
          title={CHARTS.slip.title}
          rows={slipBars(figures).map((b) => ({ x: b.bucket, values: { n: b.n }, total: b.n }))}
          keys={ONLY}
          label={(bucket, _, n) => `Slip ${SLIP_BUCKET_LABELS[bucket]}: ${plural(n, "action item")}`}
          tick={(bucket) => SLIP_BUCKET_LABELS[bucket]}
          keyLabel={() => "Action items"}
        />
      </ChartFigure>
      <ChartFigure
        {...figure("root-causes")}
        note={categories.length ? "The categories on most COEs; a COE counts once per category." : "No COE shown has a categorised root cause yet."}
      >
        {categories.length ? (
          <StackedBars
            title={CHARTS["root-causes"].title}
            rows={categories}
            keys={ONLY}
            label={(name, _, n) => `${name}: ${plural(n, "COE")}`}
            tick={(name) => (name.length > 14 ? `${name.slice(0, 13)}…` : name)}
            keyLabel={() => "COEs"}
          />
        ) : null}
      </ChartFigure>
      <ChartFigure {...figure("customer-rcas")} note="Customer RCAs are due 7 days after impact started; late ones are still unwritten past that day.">
        <StackedBars
          title={CHARTS["customer-rcas"].title}
          rows={rcaStacks(figures)}
          keys={RCA_STATES}
          label={(month, state, n) => `${monthLabel(month)}, ${RCA_STATE_LABELS[state]}: ${plural(n, "COE")}`}
          tick={monthTick}
          keyLabel={(state) => RCA_STATE_LABELS[state]}
        />
      </ChartFigure>
    </div>
  );
}
