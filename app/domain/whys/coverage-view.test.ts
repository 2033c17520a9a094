import { describe, expect, it } from "vitest";
import { describeCoverage, followUpsOf } from "./coverage-view";
import { buildWhyTree, type WhyRow } from "./tree";

const row = (id: number, parentId: number | null, text: string, isRootCause = false): WhyRow => ({
  id,
  parentId,
  position: id,
  text,
  isRootCause,
  evidence: null,
});

describe("describeCoverage", () => {
  const root = buildWhyTree([row(1, null, "3% of calls failed"), row(2, 1, "No canary", true), row(3, 1, "Slow alarm", true), row(4, 1, "human error")]);
  it("counts root causes with follow-up and names the rest, and the leaves that stop at blame", () => {
    expect(describeCoverage(root, [{ whyNodeId: 3 }, { whyNodeId: 99 }])).toEqual({
      total: 2,
      covered: 1,
      uncovered: [{ id: 2, text: "No canary" }],
      askAgain: [{ id: 4, text: "human error" }],
    });
    expect(describeCoverage(undefined, [])).toEqual({ total: 0, covered: 0, uncovered: [], askAgain: [] });
  });
  it("takes follow-ups from lesson links and action items", () => {
    expect(followUpsOf({ lessons: [{ whyNodeIds: [2, 3] }], actionItems: [{ whyNodeId: null }, { whyNodeId: 3 }] })).toEqual([
      { whyNodeId: 2 },
      { whyNodeId: 3 },
      { whyNodeId: 3 },
    ]);
  });
});
