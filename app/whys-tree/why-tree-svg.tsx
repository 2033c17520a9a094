import type { ReactNode, SVGProps } from "react";
import { WHY_LAYOUT_DEFAULTS, WHY_TYPE, type LaidOutWhy, type WhyLink } from "~/domain/whys/layout";

export type WhyTreeLayout = { nodes: LaidOutWhy[]; links: WhyLink[]; width: number; height: number };

// Presentation attributes, not CSS classes: an exported SVG file must look the same on its own.
const COLORS = {
  box: "#ffffff",
  border: "#6e7781",
  text: "#1b1f24",
  link: "#8c959f",
  rootCause: "#b3261e",
  rootCauseFill: "#fff4f3",
  askAgain: "#9a6700",
  muted: "#57606a",
};
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
export const WHY_FONT_SIZE = WHY_TYPE.text;
const LINE = WHY_LAYOUT_DEFAULTS.lineHeight;
/** From a line's top to its baseline. */
const BASELINE = Math.round(LINE * 0.75);

/** How a box is drawn. */
type BoxKind = "plain" | "root-cause" | "ask-again";
const BOX_STYLE: Record<BoxKind, SVGProps<SVGRectElement>> = {
  plain: { fill: COLORS.box, stroke: COLORS.border, strokeWidth: 1 },
  "root-cause": { fill: COLORS.rootCauseFill, stroke: COLORS.rootCause, strokeWidth: 2.5 },
  "ask-again": { fill: COLORS.box, stroke: COLORS.askAgain, strokeWidth: 2, strokeDasharray: "5 3" },
};

type Props = {
  layout: WhyTreeLayout;
  /** Node ids whose text is only a blame phrase ("human error"): drawn with a dashed amber border. */
  askAgainIds?: ReadonlySet<number>;
  /** Extra attributes per node group (the editor adds tree roles, focus and handlers). */
  nodeProps?: (node: LaidOutWhy) => SVGProps<SVGGElement>;
  /** Extra content drawn inside a node's group (the editor's focus ring or inline text field). */
  nodeExtras?: (node: LaidOutWhy) => ReactNode;
};

/** Tenths of a pixel are plenty on screen and keep the markup short. */
const r = (v: number) => Math.round(v * 10) / 10;

/** Every link as one path: from the right edge of the parent to the left edge of the child, a horizontal S-curve. */
export function linksPath(layout: WhyTreeLayout): string {
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  let d = "";
  for (const l of layout.links) {
    const s = byId.get(l.sourceId);
    const t = byId.get(l.targetId);
    if (!s || !t) continue;
    const sx = r(s.x + s.width);
    const sy = r(s.y + s.height / 2);
    const half = r((t.x - sx) / 2);
    const dy = r(t.y + t.height / 2 - sy);
    d += `M${sx} ${sy}c${half} 0 ${half} ${dy} ${r(2 * half)} ${dy}`;
  }
  return d;
}

/** The category rides on the root-cause label line ("ROOT CAUSE · Capacity"), cut short to fit the box; its <title> has it whole. */
function shortCategory(category: string): string {
  return category.length > 20 ? `${category.slice(0, 19)}…` : category;
}

const boxId = (kind: BoxKind, height: number) => `why-box-${kind}-${r(height)}`;

/**
 * Draws a laid-out five-whys tree. Pure rendering: the reading view server-renders it with no
 * script. Big trees have hundreds of nodes, so what every node shares is said once: the boxes are
 * <use>s of one <rect> per kind and height in <defs>, the links are one <path>, and the font and
 * text colour sit on the outer group.
 */
export function WhyTreeGraphics({ layout, askAgainIds, nodeProps, nodeExtras }: Props) {
  const kindOf = (n: LaidOutWhy): BoxKind => (n.node.isRootCause ? "root-cause" : askAgainIds?.has(n.id) ? "ask-again" : "plain");
  const boxes = new Map<string, { kind: BoxKind; width: number; height: number }>();
  for (const n of layout.nodes) boxes.set(boxId(kindOf(n), n.height), { kind: kindOf(n), width: n.width, height: n.height });
  return (
    <g fontFamily={FONT} fontSize={WHY_TYPE.text} fill={COLORS.text}>
      <defs>
        {[...boxes].map(([id, b]) => (
          <rect key={id} id={id} width={b.width} height={r(b.height)} rx={6} {...BOX_STYLE[b.kind]} />
        ))}
      </defs>
      <path d={linksPath(layout)} fill="none" stroke={COLORS.link} strokeWidth={1.5} />
      {layout.nodes.map((n) => {
        const { isRootCause, evidence, category } = n.node;
        return (
          <g key={n.id} id={`why-${n.id}`} transform={`translate(${r(n.x)},${r(n.y)})`} {...nodeProps?.(n)}>
            <use href={`#${boxId(kindOf(n), n.height)}`} />
            {isRootCause ? (
              <text
                x={WHY_TYPE.paddingX}
                y={n.textTop - WHY_TYPE.labelLine + WHY_TYPE.label + 1}
                fontSize={WHY_TYPE.label}
                fontWeight={700}
                fill={COLORS.rootCause}
                letterSpacing={0.5}
              >
                ROOT CAUSE
                {category ? (
                  <tspan fontWeight={400} letterSpacing={0}>
                    {` · ${shortCategory(category)}`}
                    <title>{`Root cause, category: ${category}`}</title>
                  </tspan>
                ) : null}
              </text>
            ) : null}
            {n.lines.map((line, i) => (
              <text key={i} x={WHY_TYPE.paddingX} y={n.textTop + BASELINE + i * LINE}>
                {line}
              </text>
            ))}
            {evidence ? (
              <g transform={`translate(${n.width - 22},${r(n.height - 20)})`}>
                <title>{`Evidence: ${evidence}`}</title>
                <rect width={14} height={14} rx={2} fill={COLORS.muted} />
                <text x={7} y={11} textAnchor="middle" fontSize={11} fontWeight={700} fill="#fff">
                  E
                </text>
              </g>
            ) : null}
            {n.hiddenDescendants > 0 ? (
              <text x={n.width + WHY_TYPE.hiddenCountGap} y={r(n.height / 2 + 4)} fontSize={WHY_TYPE.label} fill={COLORS.muted}>
                {`+${n.hiddenDescendants}`}
              </text>
            ) : null}
            {nodeExtras?.(n)}
          </g>
        );
      })}
    </g>
  );
}
