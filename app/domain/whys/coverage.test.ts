import { describe, expect, it } from "vitest";
import { asksForAnotherWhy, rootCauseCoverage } from "./coverage";
import { whyRow } from "../../../tests/why-rows";

describe("rootCauseCoverage", () => {
  // 1 ─┬─ 3 (rc) ── 5 (rc)
  //    └─ 2 ─┬─ 6 (rc)
  //          └─ 4 (rc)          stored out of order: reading order is 1, 3, 5, 2, 6, 4
  const rows = [
    whyRow(1, null, 0),
    whyRow(2, 1, 1),
    whyRow(3, 1, 0, { isRootCause: true }),
    whyRow(4, 2, 1, { isRootCause: true }),
    whyRow(5, 3, 0, { isRootCause: true }),
    whyRow(6, 2, 0, { isRootCause: true }),
  ];

  it("lists uncovered root causes in reading order", () => {
    expect(rootCauseCoverage(rows, [])).toEqual({ total: 4, covered: 0, uncoveredIds: [3, 5, 6, 4] });
  });
  it("counts a root cause as covered by any lesson link or action item naming it", () => {
    expect(rootCauseCoverage(rows, [{ whyNodeId: 5 }, { whyNodeId: 5 }, { whyNodeId: 4 }])).toEqual({ total: 4, covered: 2, uncoveredIds: [3, 6] });
    expect(
      rootCauseCoverage(
        rows,
        [3, 4, 5, 6].map((whyNodeId) => ({ whyNodeId })),
      ),
    ).toEqual({ total: 4, covered: 4, uncoveredIds: [] });
  });
  it("ignores follow-ups on unknown nodes or on nodes that are not root causes", () => {
    expect(rootCauseCoverage(rows, [{ whyNodeId: 99 }, { whyNodeId: 1 }, { whyNodeId: 2 }])).toEqual({ total: 4, covered: 0, uncoveredIds: [3, 5, 6, 4] });
  });
  it("is empty without root causes or without a tree", () => {
    expect(rootCauseCoverage([whyRow(1, null, 0), whyRow(2, 1, 0)], [{ whyNodeId: 2 }])).toEqual({ total: 0, covered: 0, uncoveredIds: [] });
    expect(rootCauseCoverage([], [])).toEqual({ total: 0, covered: 0, uncoveredIds: [] });
  });
  it("does not count orphaned rows that the tree cannot show", () => {
    expect(rootCauseCoverage([whyRow(1, null, 0), whyRow(7, 42, 0, { isRootCause: true })], [])).toEqual({ total: 0, covered: 0, uncoveredIds: [] });
  });
  it("counts a root problem statement marked as root cause", () => {
    expect(rootCauseCoverage([whyRow(1, null, 0, { isRootCause: true })], [])).toEqual({ total: 1, covered: 0, uncoveredIds: [1] });
  });
});

describe("asksForAnotherWhy", () => {
  const flagged: string[] = [
    "human error",
    "Human Error.",
    "  HUMAN   ERROR!!! ",
    "Human-error",
    "operator error",
    "User error",
    "engineer error",
    "Mistake",
    "A mistake.",
    "human mistake",
    "careless",
    "Carelessness",
    "The engineer was careless",
    "forgot",
    "Forgot.",
    "forgot to …",
    "Forgot to run the migration",
    "someone forgot",
    "Someone forgot to update the config",
    "the engineer forgot",
    "The engineer forgot to restart the service on the canary hosts",
    "An engineer forgot to page the database team.",
    "The on-call engineer forgot to check the dashboard",
    "We forgot",
    "It was human error",
    "it was a mistake",
    "It's a mistake",
    "Due to human error",
    "due to a human error",
    "Because of operator error",
    "because of the engineer's mistake",
    "Because of the engineer’s mistake",
    "The operator made a mistake",
    "someone made an error",
    "a careless mistake",
    "an oversight",
    "Negligence",
  ];
  it.each(flagged)("flags the blame-only leaf %j", (text) => {
    expect(asksForAnotherWhy({ text }, false)).toBe(true);
  });

  const notFlagged: string[] = [
    "The deploy tool made operator error easy because it had no confirmation step",
    "Human error: the runbook listed two commands with the same name",
    "Operator error was possible because the CLI accepted both flags",
    "Forgot to rotate the certificate because nothing alerted before expiry",
    "The engineer forgot to run the migration since the checklist has no migration step",
    "Someone forgot to renew the domain as there was no owner for it",
    "An engineer forgot to update the config file on one of the eleven hosts in the fleet last week",
    "The alarm threshold was too high to catch a 3% error rate",
    "Mistakes in the config format were not caught by validation",
    "Error",
    "errors",
    "The canary skipped one region",
    "No one was paged for 20 minutes",
    "",
    "   ",
    "…",
    "Human",
    "forgotten tables kept growing until the disk filled",
  ];
  it.each(notFlagged)("does not flag the explanation %j", (text) => {
    expect(asksForAnotherWhy({ text }, false)).toBe(false);
  });

  it.each(["human error", "someone forgot", "mistake"])("never flags %j once it has answers", (text) => {
    expect(asksForAnotherWhy({ text }, true)).toBe(false);
  });
});
