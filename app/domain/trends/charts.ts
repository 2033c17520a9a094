import type { ActionStatus, Horizon } from "../enums";
import { ACTION_STATUSES, HORIZONS } from "../enums";
import { ACTION_STATUS_LABELS, HORIZON_LABELS, SEVERITY_LABELS } from "../coe/labels";
import { formatDuration } from "../coe/incident-metrics";
import type { CsvCell } from "./csv";
import type { MonthKey, TrendsPeriod } from "./period";

export const SEVERITIES = [1, 2, 3, 4, 5] as const;
export const DURATION_METRICS = ["ttd", "ttm"] as const;
export type DurationMetric = (typeof DURATION_METRICS)[number];
export const DURATION_LABELS: Record<DurationMetric, string> = { ttd: "Time to detect", ttm: "Time to mitigate" };

/** Slip (SPEC §4, `slipOf`) in bands: kept, fine, warning, late, very late. */
export const SLIP_BUCKETS = ["kept", "fine", "warning", "late", "very-late"] as const;
export type SlipBucket = (typeof SLIP_BUCKETS)[number];
export const SLIP_BUCKET_LABELS: Record<SlipBucket, string> = {
  kept: "≤ 1× (on promise)",
  fine: "1–1.2×",
  warning: "1.2–2×",
  late: "2–3×",
  "very-late": "> 3×",
};

/** Where a COE's customer RCA stands: late (owed past its due date), owed (not yet due), or settled (written, or not owed yet because impact start is unknown). */
/** A COE's customer RCA now: unwritten past its due day, written after it, owed and not yet due, written by it, or not measured. */
export const RCA_STATES = ["late", "written-late", "owed", "on-time", "unmeasured"] as const;
export type RcaState = (typeof RCA_STATES)[number];
export const RCA_STATE_LABELS: Record<RcaState, string> = {
  late: "Late, not written",
  "written-late": "Written late",
  owed: "Owed, not yet due",
  "on-time": "Written on time",
  unmeasured: "Not measured",
};

export type DurationRow = { month: MonthKey; metric: DurationMetric; n: number; median: number | null; p90: number | null };

/** Every figure of the trends page, aggregated by the database. */
export type TrendsData = {
  period: TrendsPeriod;
  coeCount: number;
  bySeverity: { month: MonthKey; severity: number; n: number }[];
  durations: DurationRow[];
  quarters: { current: string; previous: string; rows: { quarter: string; metric: DurationMetric; n: number; median: number | null }[] };
  actionItems: { horizon: Horizon; status: ActionStatus; n: number }[];
  slip: { bucket: SlipBucket; n: number }[];
  categories: { id: number; name: string; n: number }[];
  rcas: { month: MonthKey; state: RcaState; n: number }[];
};

/** One stack per category (`x`), one layer per key, zeros where the database had no row. */
export type StackRow<X extends string | number, K extends string | number> = { x: X; values: Record<K, number>; total: number };

export function stackRows<X extends string | number, K extends string | number>(
  xs: readonly X[],
  keys: readonly K[],
  rows: readonly { x: X; key: K; n: number }[],
): StackRow<X, K>[] {
  const byX = new Map(xs.map((x) => [x, { x, values: Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>, total: 0 }]));
  for (const r of rows) {
    const row = byX.get(r.x);
    if (!row || !(r.key in row.values)) continue;
    row.values[r.key] += r.n;
    row.total += r.n;
  }
  return [...byX.values()];
}

export function severityStacks(d: TrendsData) {
  return stackRows(
    d.period.months,
    SEVERITIES,
    d.bySeverity.map((r) => ({ x: r.month, key: r.severity as (typeof SEVERITIES)[number], n: r.n })),
  );
}

export function rcaStacks(d: TrendsData) {
  return stackRows(
    d.period.months,
    RCA_STATES,
    d.rcas.map((r) => ({ x: r.month, key: r.state, n: r.n })),
  );
}

export function actionItemStacks(d: TrendsData) {
  return stackRows(
    HORIZONS,
    ACTION_STATUSES,
    d.actionItems.map((r) => ({ x: r.horizon, key: r.status, n: r.n })),
  );
}

/** A metric's points per month of the period (null where no COE of that month had the anchors). */
export function durationSeries(d: TrendsData, metric: DurationMetric): DurationRow[] {
  const byMonth = new Map(d.durations.filter((r) => r.metric === metric).map((r) => [r.month, r]));
  return d.period.months.map((month) => byMonth.get(month) ?? { month, metric, n: 0, median: null, p90: null });
}

export function slipBars(d: TrendsData) {
  const byBucket = new Map(d.slip.map((r) => [r.bucket, r.n]));
  return SLIP_BUCKETS.map((bucket) => ({ bucket, n: byBucket.get(bucket) ?? 0 }));
}

/** "Median time to detect: 42 min this quarter (2026-Q4, 12 COEs) vs 1 h 05 min last quarter (2026-Q3, 30 COEs)". */
export function quarterSummary(d: TrendsData, metric: DurationMetric): string {
  const of = (quarter: string) => d.quarters.rows.find((r) => r.quarter === quarter && r.metric === metric);
  const part = (quarter: string, when: string) => {
    const row = of(quarter);
    const figure = row?.median === null || row?.median === undefined ? "no measured COEs" : formatDuration(row.median);
    return `${figure} ${when} (${quarter}, ${row?.n ?? 0} COE${row?.n === 1 ? "" : "s"})`;
  };
  return `Median ${DURATION_LABELS[metric].toLowerCase()}: ${part(d.quarters.current, "this quarter")} vs ${part(d.quarters.previous, "last quarter")}`;
}

export type ChartTable = { head: string[]; rows: CsvCell[][] };

const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 600) / 100);

/** Each chart's data as a table: the page's hidden table and the CSV download are both this. */
export const CHARTS = {
  "coes-by-severity": {
    title: "COEs per month by severity",
    table: (d: TrendsData): ChartTable => ({
      head: ["Month", ...SEVERITIES.map((s) => SEVERITY_LABELS[s]!), "Total"],
      rows: severityStacks(d).map((r) => [r.x, ...SEVERITIES.map((s) => r.values[s]), r.total]),
    }),
  },
  "time-to-detect-mitigate": {
    title: "Time to detect and to mitigate per month",
    table: (d: TrendsData): ChartTable => ({
      head: ["Month", "Metric", "COEs measured", "Median (minutes)", "90th percentile (minutes)"],
      rows: DURATION_METRICS.flatMap((metric) =>
        durationSeries(d, metric).map((r) => [r.month, DURATION_LABELS[metric], r.n, minutes(r.median), minutes(r.p90)]),
      ),
    }),
  },
  "action-items": {
    title: "Action items by horizon and state",
    table: (d: TrendsData): ChartTable => ({
      head: ["Horizon", ...ACTION_STATUSES.map((s) => ACTION_STATUS_LABELS[s]), "Total"],
      rows: actionItemStacks(d).map((r) => [HORIZON_LABELS[r.x], ...ACTION_STATUSES.map((s) => r.values[s]), r.total]),
    }),
  },
  slip: {
    title: "Slip distribution of action items",
    table: (d: TrendsData): ChartTable => ({ head: ["Slip", "Action items"], rows: slipBars(d).map((r) => [SLIP_BUCKET_LABELS[r.bucket], r.n]) }),
  },
  "root-causes": {
    title: "Recurring root-cause categories",
    table: (d: TrendsData): ChartTable => ({ head: ["Category", "COEs"], rows: d.categories.map((c) => [c.name, c.n]) }),
  },
  "customer-rcas": {
    title: "Customer RCAs: on time and late",
    table: (d: TrendsData): ChartTable => ({
      head: ["Month", ...RCA_STATES.map((s) => RCA_STATE_LABELS[s]), "Total"],
      rows: rcaStacks(d).map((r) => [r.x, ...RCA_STATES.map((s) => r.values[s]), r.total]),
    }),
  },
} as const;
export type ChartSlug = keyof typeof CHARTS;
export const CHART_SLUGS = Object.keys(CHARTS) as ChartSlug[];

export function isChartSlug(slug: string): slug is ChartSlug {
  return Object.hasOwn(CHARTS, slug);
}
