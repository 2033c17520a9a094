import type { WhyTreeNode } from "~/domain/whys/tree";

/** The five-whys tree as a nested outline (the D3 tree editor replaces this in the editing view). */
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
    <li className={node.isRootCause ? "root-cause" : undefined}>
      <div className="why-node">
        <span className="why-text">{node.text}</span>
        {node.isRootCause ? <span className="badge root-cause-badge">Root cause</span> : null}
        {node.evidence ? <div className="evidence">Evidence: {node.evidence}</div> : null}
      </div>
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
