import type { WhyTreeNode } from "~/domain/whys/tree";

/**
 * The five-whys tree as a nested outline: the reading view's text of the tree (the picture is an
 * image). Each answer carries the `why-<id>` anchor that "From why" links point at. Lean markup on
 * purpose: a big tree has hundreds of items.
 */
export function WhyOutline({ root }: { root: WhyTreeNode | undefined }) {
  if (!root) return <p className="empty">No five-whys analysis yet.</p>;
  return (
    <ul className="why-outline">
      <WhyItem node={root} />
    </ul>
  );
}

function WhyItem({ node }: { node: WhyTreeNode }) {
  return (
    <li id={`why-${node.id}`} className={node.isRootCause ? "root-cause" : undefined}>
      <span>
        {node.text}
        {node.isRootCause ? <span className="badge root-cause-badge">Root cause</span> : null}
        {node.evidence ? <span className="evidence">Evidence: {node.evidence}</span> : null}
      </span>
      {node.children.length ? (
        <ul>
          {node.children.map((c) => (
            <WhyItem key={c.id} node={c} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
