import { line } from "d3-shape";
import { formatDuration } from "~/domain/coe/incident-metrics";
import type { DurationRow } from "~/domain/trends/charts";
import { monthLabel, monthTick } from "~/domain/trends/period";
import { bandScale, linearScale } from "~/domain/trends/scales";
import { categoryAxis, chartSvg, legend, valueAxis } from "./axes";
import { CHART } from "./geometry";
import { mark } from "./mark";
import { el, join, text, type Markup } from "./markup";

const MINUTE_MS = 60_000;
const minutes = (ms: number | null) => (ms === null ? null : ms / MINUTE_MS);

/** "March 2026, time to detect: median 20 min, 90th percentile 40 min, 3 COEs". */
export function durationLabel(r: DurationRow, metricLabel: string): string {
  const figures = r.median === null || r.p90 === null ? "no COE measured" : `median ${formatDuration(r.median)}, 90th percentile ${formatDuration(r.p90)}`;
  return `${monthLabel(r.month)}, ${metricLabel.toLowerCase()}: ${figures}${r.n ? `, ${r.n} COE${r.n === 1 ? "" : "s"}` : ""}`;
}

/** Median and 90th percentile lines of one duration per month (d3-shape's line, broken where a month has no figure); each month with figures is a mark. */
export function durationLines({ rows, metricLabel, href }: { rows: DurationRow[]; metricLabel: string; href: (month: string) => string }): Markup {
  const x = bandScale(
    rows.map((r) => r.month),
    [CHART.left, CHART.width - CHART.right],
    0,
  );
  const y = linearScale(Math.max(0, ...rows.map((r) => minutes(r.p90) ?? 0)), [CHART.height - CHART.bottom, CHART.top]);
  const cx = (month: string) => x(month) + x.bandwidth / 2;
  const path = (pick: (r: DurationRow) => number | null) =>
    line<DurationRow>()
      .defined((r) => pick(r) !== null)
      .x((r) => cx(r.month))
      .y((r) => y(pick(r)!))
      .digits(2)(rows) ?? undefined;
  const points = rows.map((r) =>
    r.median === null || r.p90 === null
      ? null
      : mark(
          { label: durationLabel(r, metricLabel), href: href(r.month), centerX: cx(r.month) },
          el("circle", { class: "point-p90", cx: cx(r.month), cy: y(minutes(r.p90)!), r: 4 }),
          el("circle", { class: "point-median", cx: cx(r.month), cy: y(minutes(r.median)!), r: 5 }),
        ),
  );
  return join([
    el("h3", { class: "chart-subtitle" }, text(metricLabel)),
    chartSvg(
      `${metricLabel} per month`,
      valueAxis(y, (t) => formatDuration(t * MINUTE_MS)),
      el("path", { class: "line line-p90", d: path((r) => minutes(r.p90)) }),
      el("path", { class: "line line-median", d: path((r) => minutes(r.median)) }),
      ...points.filter((p): p is Markup => p !== null),
      categoryAxis(rows.map((r) => ({ x: cx(r.month), text: monthTick(r.month) }))),
    ),
    legend([
      { label: "Median", className: "line-median" },
      { label: "90th percentile", className: "line-p90" },
    ]),
  ]);
}
