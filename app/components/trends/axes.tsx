import type { LinearScale } from "~/domain/trends/scales";
import { CHART } from "./geometry";

/** Horizontal grid lines with their values on the left. */
export function ValueAxis({ y, format = String }: { y: LinearScale; format?: (v: number) => string }) {
  return (
    <g className="chart-axis" aria-hidden="true">
      {y.ticks.map((t) => (
        <g key={t}>
          <line x1={CHART.left} x2={CHART.width - CHART.right} y1={y(t)} y2={y(t)} />
          <text x={CHART.left - 6} y={y(t)} textAnchor="end" dominantBaseline="central">
            {format(t)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Category labels under the plot, thinned so they do not overlap. */
export function CategoryAxis({ labels }: { labels: { key: string; x: number; text: string }[] }) {
  const every = Math.max(1, Math.ceil(labels.length / 12));
  return (
    <g className="chart-axis" aria-hidden="true">
      {labels.map((l, i) =>
        i % every === 0 ? (
          <text key={l.key} x={l.x} y={CHART.height - CHART.bottom + 16} textAnchor="middle">
            {l.text}
          </text>
        ) : null,
      )}
    </g>
  );
}

/** Coloured keys for the layers or lines of a chart (the hidden table carries the same words). */
export function Legend({ items }: { items: { key: string; label: string; className: string }[] }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {items.map((i) => (
        <li key={i.key}>
          <span className={`swatch ${i.className}`} />
          {i.label}
        </li>
      ))}
    </ul>
  );
}
