import { renderToStaticMarkup } from "react-dom/server";
import { asksForAnotherWhy } from "~/domain/whys/coverage";
import { layoutWhys } from "~/domain/whys/layout";
import { flattenWhyTree, type WhyTreeNode } from "~/domain/whys/tree";
import { WhyTreeGraphics } from "./why-tree-svg";

/**
 * The five-whys tree as a standalone SVG document: what the reading view shows as an image. Drawn
 * by the same component as the editor's tree; its viewBox is the layout's size, which holds every
 * box and label.
 */
export function whyTreePicture(root: WhyTreeNode): string {
  const layout = layoutWhys(root);
  const askAgainIds = new Set(
    flattenWhyTree(root)
      .filter((n) => asksForAnotherWhy(n, n.children.length > 0))
      .map((n) => n.id),
  );
  const { width, height } = layout;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    renderToStaticMarkup(
      <svg xmlns="http://www.w3.org/2000/svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
        <title>{`Five whys: ${layout.nodes.length} answers`}</title>
        <rect width="100%" height="100%" fill="#fbfcfd" />
        <WhyTreeGraphics layout={layout} askAgainIds={askAgainIds} />
      </svg>,
    )
  );
}
