import { describe, expect, it } from "vitest";
import { describeCoverage, followUpsOf } from "./coverage-view";
import { buildWhyTree } from "./tree";
import { whyRow } from "../../../tests/why-rows";

describe("describeCoverage", () => {
  const root = buildWhyTree([
    whyRow(1, null, 1, { text: "3% of calls failed" }),
    whyRow(2, 1, 2, { text: "No canary", isRootCause: true }),
    whyRow(3, 1, 3, { text: "Slow alarm", isRootCause: true }),
    whyRow(4, 1, 4, { text: "human error" }),
  ]);
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
