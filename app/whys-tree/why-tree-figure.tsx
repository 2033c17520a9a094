import type { WhyTreeNode } from "~/domain/whys/tree";
import { WhyOutline } from "~/components/coe/why-outline";

/** `comments`: open comments per why id; the outline shows them as badges, and opens when there are any. */
type Props = { root: WhyTreeNode | undefined; answers: number; picture: string; comments?: Readonly<Record<number, number>> };

/**
 * The read-only tree: its picture as an SVG image (`picture`, the URL of the drawing, sized by
 * its own viewBox, which holds every box and label), and its text once, as an outline that works
 * without script, for screen readers, copying and "From why" links.
 */
export function WhyTreeFigure({ root, answers, picture, comments }: Props) {
  if (!root) return <p className="empty">No five-whys analysis yet.</p>;
  return (
    <figure className="why-figure">
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be reachable by keyboard to be scrolled (axe: scrollable-region-focusable) */}
      <div className="why-scroll" tabIndex={0} role="region" aria-label="Five whys tree (scrollable)">
        <img src={picture} alt={`Five whys tree with ${answers} answers; the text outline below lists every answer.`} decoding="async" />
      </div>
      <figcaption className="small muted">
        Five whys: {answers} answers. Root causes have a red border; “E” marks evidence; a dashed amber border asks for one more why.
      </figcaption>
      <details className="why-text-outline" open={comments && Object.keys(comments).length ? true : undefined}>
        <summary>Text outline{comments && Object.keys(comments).length ? " (with open comments)" : ""}</summary>
        <WhyOutline root={root} comments={comments} />
      </details>
    </figure>
  );
}
