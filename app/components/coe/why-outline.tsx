import { useMemo } from "react";
import { escapeHtml } from "~/components/ui/escape-html";
import { openBadgeHtml } from "~/components/comments/open-badge";
import type { WhyTreeNode } from "~/domain/whys/tree";

/**
 * The five-whys tree as a nested outline: the reading view's text of the tree (the picture is an
 * image). Each answer carries the `why-<id>` anchor that "From why" links point at. Lean markup on
 * purpose: a big tree has hundreds of items.
 */
export function WhyOutline({ root, comments }: { root: WhyTreeNode | undefined; comments?: Readonly<Record<number, number>> }) {
  const html = useMemo(() => (root ? whyOutlineHtml(root, comments) : ""), [root, comments]);
  if (!root) return <p className="empty">No five-whys analysis yet.</p>;
  return <ul className="why-outline" dangerouslySetInnerHTML={{ __html: html }} />;
}

/**
 * The outline's items as one HTML string: a tree of 500 answers is 1,500 elements, and React's
 * per-element work was most of that page's render. Text is escaped (answers are the authors' words).
 */
export function whyOutlineHtml(root: WhyTreeNode, comments: Readonly<Record<number, number>> = {}): string {
  const out: string[] = [];
  const item = (node: WhyTreeNode) => {
    out.push(`<li id="why-${escapeHtml(node.id)}"${node.isRootCause ? ' class="root-cause"' : ""}><span>${escapeHtml(node.text)}`);
    if (node.isRootCause) out.push('<span class="badge root-cause-badge">Root cause</span>');
    if (node.category) out.push(`<span class="why-category">Category: ${escapeHtml(node.category)}</span>`);
    const open = comments[node.id];
    if (open) out.push(openBadgeHtml(`why_node:${node.id}`, open));
    if (node.evidence) out.push(`<span class="evidence">Evidence: ${escapeHtml(node.evidence)}</span>`);
    out.push("</span>");
    if (node.children.length) {
      out.push("<ul>");
      for (const child of node.children) item(child);
      out.push("</ul>");
    }
    out.push("</li>");
  };
  item(root);
  return out.join("");
}
