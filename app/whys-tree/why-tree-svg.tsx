import type { ReactNode, SVGProps } from "react";
import type { LaidOutWhy, WhyLink } from "~/domain/whys/layout";

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
export const WHY_FONT_SIZE = 13;
export const WHY_LINE_HEIGHT = 17;

type Props = {
  layout: WhyTreeLayout;
  /** Node ids whose text is only a blame phrase ("human error"): drawn with a dashed amber border. */
  askAgainIds?: ReadonlySet<number>;
  /** Extra attributes per node group (the editor adds tree roles, focus and handlers). */
  nodeProps?: (node: LaidOutWhy) => SVGProps<SVGGElement>;
  /** Extra content drawn inside a node's group (the editor's focus ring or inline text field). */
  nodeExtras?: (node: LaidOutWhy) => ReactNode;
};

/** Draws a laid-out five-whys tree. Pure rendering: the reading view server-renders it with no script. */
export function WhyTreeGraphics({ layout, askAgainIds, nodeProps, nodeExtras }: Props) {
  return (
    <g fontFamily={FONT} fontSize={WHY_FONT_SIZE}>
      <g fill="none" stroke={COLORS.link} strokeWidth={1.5}>
        {layout.links.map((l) => (
          <path key={`${l.sourceId}-${l.targetId}`} d={l.d} />
        ))}
      </g>
      {layout.nodes.map((n) => {
        const { isRootCause, evidence } = n.node;
        const askAgain = askAgainIds?.has(n.id) ?? false;
        return (
          <g key={n.id} id={`why-${n.id}`} transform={`translate(${n.x},${n.y})`} {...nodeProps?.(n)}>
            <rect
              width={n.width}
              height={n.height}
              rx={6}
              fill={isRootCause ? COLORS.rootCauseFill : COLORS.box}
              stroke={isRootCause ? COLORS.rootCause : askAgain ? COLORS.askAgain : COLORS.border}
              strokeWidth={isRootCause ? 2.5 : askAgain ? 2 : 1}
              strokeDasharray={askAgain && !isRootCause ? "5 3" : undefined}
            />
            <text x={10} y={10 + WHY_FONT_SIZE} fill={COLORS.text}>
              {n.lines.map((line, i) => (
                <tspan key={i} x={10} dy={i === 0 ? 0 : WHY_LINE_HEIGHT}>
                  {line}
                </tspan>
              ))}
            </text>
            {isRootCause ? (
              <text x={n.width - 8} y={-5} textAnchor="end" fontSize={10} fontWeight={700} fill={COLORS.rootCause}>
                ROOT CAUSE
              </text>
            ) : null}
            {evidence ? (
              <g transform={`translate(${n.width - 20},${n.height - 7})`}>
                <title>{`Evidence: ${evidence}`}</title>
                <rect width={12} height={12} rx={2} fill={COLORS.muted} />
                <text x={6} y={10} textAnchor="middle" fontSize={9} fontWeight={700} fill="#fff">
                  E
                </text>
              </g>
            ) : null}
            {n.hiddenDescendants > 0 ? (
              <text x={n.width + 6} y={n.height / 2 + 4} fontSize={11} fill={COLORS.muted}>
                +{n.hiddenDescendants}
              </text>
            ) : null}
            {nodeExtras?.(n)}
          </g>
        );
      })}
    </g>
  );
}
