import { line } from "d3-shape";
import { formatDuration } from "~/domain/coe/incident-metrics";
import type { DurationRow } from "~/domain/trends/charts";
import { monthLabel, monthTick } from "~/domain/trends/period";
import { bandScale, linearScale } from "~/domain/trends/scales";
import { CategoryAxis, Legend, ValueAxis } from "./axes";
import { CHART } from "./geometry";
import { Mark } from "./mark";

const MINUTE_MS = 60_000;
const minutes = (ms: number | null) => (ms === null ? null : ms / MINUTE_MS);

/** "March 2026, time to detect: median 20 min, 90th percentile 40 min, 3 COEs". */
export function durationLabel(r: DurationRow, metricLabel: string): string {
  const figures = r.median === null || r.p90 === null ? "no COE measured" : `median ${formatDuration(r.median)}, 90th percentile ${formatDuration(r.p90)}`;
  return `${monthLabel(r.month)}, ${metricLabel.toLowerCase()}: ${figures}${r.n ? `, ${r.n} COE${r.n === 1 ? "" : "s"}` : ""}`;
}

/** Median and 90th percentile lines of one duration per month (d3-shape's line, broken where a month has no figure); each month with figures is a mark. */
export function DurationLines({ rows, metricLabel, href }: { rows: DurationRow[]; metricLabel: string; href: (month: string) => string }) {
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
      .y((r) => y(pick(r)!))(rows) ?? undefined;
  return (
    <>
      <h3 className="chart-subtitle">{metricLabel}</h3>
      <svg viewBox={`0 0 ${CHART.width} ${CHART.height}`} className="chart" role="group" aria-label={`${metricLabel} per month`}>
        <ValueAxis y={y} format={(t) => formatDuration(t * MINUTE_MS)} />
        <path className="line line-p90" d={path((r) => minutes(r.p90))} />
        <path className="line line-median" d={path((r) => minutes(r.median))} />
        {rows.map((r) =>
          r.median === null || r.p90 === null ? null : (
            <Mark key={r.month} label={durationLabel(r, metricLabel)} href={href(r.month)} centerX={cx(r.month)}>
              <circle className="point-p90" cx={cx(r.month)} cy={y(minutes(r.p90)!)} r={4} />
              <circle className="point-median" cx={cx(r.month)} cy={y(minutes(r.median)!)} r={5} />
            </Mark>
          ),
        )}
        <CategoryAxis labels={rows.map((r) => ({ key: r.month, x: cx(r.month), text: monthTick(r.month) }))} />
      </svg>
      <Legend
        items={[
          { key: "median", label: "Median", className: "line-median" },
          { key: "p90", label: "90th percentile", className: "line-p90" },
        ]}
      />
    </>
  );
}
