import { useMemo } from "react";
import { WhyOutline } from "~/components/coe/why-outline";
import { layoutWhys } from "~/domain/whys/layout";
import type { WhyTreeNode } from "~/domain/whys/tree";
import { WhyTreeGraphics } from "./why-tree-svg";

/** The read-only tree: SVG drawn on the server, plus the same tree as a text outline for screen readers and copying. */
export function WhyTreeFigure({ root, askAgainIds }: { root: WhyTreeNode | undefined; askAgainIds: ReadonlySet<number> }) {
  const layout = useMemo(() => (root ? layoutWhys(root) : undefined), [root]);
  if (!root || !layout) return <p className="empty">No five-whys analysis yet.</p>;
  return (
    <figure className="why-figure">
      <div className="why-scroll" tabIndex={0} role="region" aria-label="Five whys tree (scrollable)">
        <svg width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-labelledby="why-figure-caption">
          <WhyTreeGraphics layout={layout} askAgainIds={askAgainIds} />
        </svg>
      </div>
      <figcaption id="why-figure-caption" className="small muted">
        Five whys: {layout.nodes.length} answers. Root causes have a red border; “E” marks evidence; a dashed amber border asks for one more why.
      </figcaption>
      <details className="why-text-outline">
        <summary>Text outline</summary>
        <WhyOutline root={root} />
      </details>
    </figure>
  );
}
