import { asksForAnotherWhy, coverageOfTree } from "./coverage";
import { flattenWhyTree, type WhyTreeNode } from "./tree";

export type CoverageView = { total: number; covered: number; uncovered: { id: number; text: string }[]; askAgain: { id: number; text: string }[] };

/** What the reading view and the editor say about a tree: root-cause follow-up and leaves that stop at blame. */
export function describeCoverage(root: WhyTreeNode | undefined, followUps: readonly { whyNodeId: number }[]): CoverageView {
  const nodes = flattenWhyTree(root);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const { total, covered, uncoveredIds } = coverageOfTree(nodes, followUps);
  const pick = (n: WhyTreeNode) => ({ id: n.id, text: n.text });
  return {
    total,
    covered,
    uncovered: uncoveredIds
      .map((id) => byId.get(id))
      .filter((n): n is WhyTreeNode => !!n)
      .map(pick),
    askAgain: nodes.filter((n) => asksForAnotherWhy(n, n.children.length > 0)).map(pick),
  };
}

/** The follow-ups a COE view already holds: lesson links and action items naming a why node. */
export function followUpsOf(coe: { lessons: readonly { whyNodeIds: readonly number[] }[]; actionItems: readonly { whyNodeId: number | null }[] }) {
  return [
    ...coe.lessons.flatMap((l) => l.whyNodeIds.map((whyNodeId) => ({ whyNodeId }))),
    ...coe.actionItems.filter((i) => i.whyNodeId !== null).map((i) => ({ whyNodeId: i.whyNodeId! })),
  ];
}
