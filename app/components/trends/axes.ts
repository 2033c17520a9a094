import type { LinearScale } from "~/domain/trends/scales";
import { CHART } from "./geometry";
import { el, text, type Markup } from "./markup";

/** Horizontal grid lines with their values on the left. */
export function valueAxis(y: LinearScale, format: (v: number) => string = String): Markup {
  const tick = (t: number) =>
    el(
      "g",
      {},
      el("line", { x1: CHART.left, x2: CHART.width - CHART.right, y1: y(t), y2: y(t) }),
      el("text", { x: CHART.left - 6, y: y(t), "text-anchor": "end", "dominant-baseline": "central" }, text(format(t))),
    );
  return el("g", { class: "chart-axis", "aria-hidden": "true" }, ...y.ticks.map(tick));
}

/** Category labels under the plot, thinned so they do not overlap. */
export function categoryAxis(labels: { x: number; text: string }[]): Markup {
  const every = Math.max(1, Math.ceil(labels.length / 12));
  const shown = labels.filter((_, i) => i % every === 0);
  return el(
    "g",
    { class: "chart-axis", "aria-hidden": "true" },
    ...shown.map((l) => el("text", { x: l.x, y: CHART.height - CHART.bottom + 16, "text-anchor": "middle" }, text(l.text))),
  );
}

/** Coloured keys for the layers or lines of a chart (the hidden table carries the same words). */
export function legend(items: { label: string; className: string }[]): Markup {
  return el(
    "ul",
    { class: "chart-legend", "aria-hidden": "true" },
    ...items.map((i) => el("li", {}, el("span", { class: `swatch ${i.className}` }), text(i.label))),
  );
}

/** A chart's drawing: scales to its container, named for assistive technology as a group of marks. */
export function chartSvg(label: string, ...children: Markup[]): Markup {
  return el("svg", { viewBox: `0 0 ${CHART.width} ${CHART.height}`, class: "chart", role: "group", "aria-label": label }, ...children);
}
