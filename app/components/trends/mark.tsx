import type { ReactNode } from "react";
import { TIP, tipBox } from "./geometry";

/**
 * A chart mark (a bar or a point) that says its value: its accessible name is `label`, a tip box
 * with the same words shows while it is hovered or focused (CSS, no script), and when `href` is
 * given it is a link to the COEs behind it (so it works without JavaScript too).
 */
export function Mark({ label, href, centerX, children }: { label: string; href?: string; centerX: number; children: ReactNode }) {
  const box = tipBox(label, centerX);
  const tip = (
    <g className="chart-tip" aria-hidden="true">
      <rect x={box.x} y={TIP.y} width={box.width} height={TIP.height} rx={4} />
      <text x={box.x + TIP.padding} y={TIP.y + TIP.height / 2} dominantBaseline="central">
        {label}
      </text>
    </g>
  );
  if (href)
    return (
      <a href={href} aria-label={label} className="chart-mark">
        {children}
        {tip}
      </a>
    );
  return (
    <g className="chart-mark" tabIndex={0} role="img" aria-label={label}>
      {children}
      {tip}
    </g>
  );
}
