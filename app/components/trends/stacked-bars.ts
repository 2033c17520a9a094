import { stack } from "d3-shape";
import type { StackRow } from "~/domain/trends/charts";
import { bandScale, linearScale } from "~/domain/trends/scales";
import { categoryAxis, chartSvg, legend, valueAxis } from "./axes";
import { CHART } from "./geometry";
import { mark } from "./mark";
import { el, join, type Markup } from "./markup";

type Key = string | number;

export type StackedBarsProps<X extends Key, K extends Key> = {
  rows: StackRow<X, K>[];
  keys: readonly K[];
  /** Screen-reader and tip words of one layer of one bar: "March 2026, Sev 2: 4 COEs". */
  label: (x: X, key: K, n: number) => string;
  tick: (x: X) => string;
  keyLabel: (key: K) => string;
  href?: (x: X, key: K) => string;
  title: string;
};

/** Bars stacked by key (d3-shape's stack), one bar per x; each non-empty layer is a mark. */
export function stackedBars<X extends Key, K extends Key>({ rows, keys, label, tick, keyLabel, href, title }: StackedBarsProps<X, K>): Markup {
  const series = stack<StackRow<X, K>, K>()
    .keys(keys)
    .value((row, key) => row.values[key])(rows);
  const x = bandScale(
    rows.map((r) => r.x),
    [CHART.left, CHART.width - CHART.right],
  );
  const y = linearScale(Math.max(0, ...rows.map((r) => r.total)), [CHART.height - CHART.bottom, CHART.top], 4, true);
  const layers = series.map((layer, k) =>
    el(
      "g",
      { class: `layer layer-${k}` },
      ...layer.map(([y0, y1], i) => {
        const row = rows[i]!;
        const n = y1 - y0;
        if (n <= 0) return null;
        const bar = el("rect", { x: x(row.x), width: x.bandwidth, y: y(y1), height: Math.max(1, y(y0) - y(y1)) });
        return mark({ label: label(row.x, layer.key, n), href: href?.(row.x, layer.key), centerX: x(row.x) + x.bandwidth / 2 }, bar);
      }),
    ),
  );
  const svg = chartSvg(title, valueAxis(y), ...layers, categoryAxis(rows.map((r) => ({ x: x(r.x) + x.bandwidth / 2, text: tick(r.x) }))));
  return join([svg, keys.length > 1 && legend(keys.map((k, i) => ({ label: keyLabel(k), className: `layer-${i}` })))]);
}
