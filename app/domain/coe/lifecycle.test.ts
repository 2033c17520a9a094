import { describe, expect, it } from "vitest";
import type { CoeView } from "~/data/coe-reading.server";
import { COE_STATUSES, type ActionStatus, type CoeStatus, type DocJSON, type TimelineKind } from "../enums";
import { buildWhyTree } from "../whys/tree";
import { whyRow } from "../../../tests/why-rows";
import type { BlamelessNote } from "./blameless-notes";
import {
  availableTransitions,
  closeBlockers,
  decideTransition,
  missingForReview,
  transitionRecord,
  TRANSITIONS,
  type ActionItemProgress,
  type AllowedTransition,
  type LifecycleCoe,
  type OpenNote,
  type Transition,
} from "./lifecycle";
import type { Actor } from "./permissions";

const doc = (text: string): DocJSON => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const entries = (...kinds: TimelineKind[]) => kinds.map((kind) => ({ kind }));
const item = (fields: Partial<ActionItemProgress> = {}): ActionItemProgress => ({
  id: 10,
  title: "Add a canary stage",
  status: "validated",
  promisedDate: "2026-12-01",
  cancelReason: null,
  whyNodeId: null,
  ...fields,
});

// Authors 3 (an author), 5 (a member, listed but not a writer) and 6 (an admin who co-wrote it).
const ownAuthor: Actor = { id: 3, role: "author" };
const otherAuthor: Actor = { id: 9, role: "author" };
const listedMember: Actor = { id: 5, role: "member" };
const listedAdmin: Actor = { id: 6, role: "admin" };
const admin: Actor = { id: 1, role: "admin" };
const reviewer: Actor = { id: 2, role: "reviewer" };
const member: Actor = { id: 4, role: "member" };
const ACTORS = { ownAuthor, otherAuthor, listedMember, listedAdmin, admin, reviewer, member };

/** A COE with nothing missing for review and nothing stopping close: each test takes one thing away. */
const complete: LifecycleCoe = {
  status: "draft",
  authorIds: [3, 5, 6],
  impactSummary: doc("3% of API calls failed for 45 minutes."),
  timeline: entries("impact_start", "detected", "mitigated"),
  whyTree: buildWhyTree([whyRow(1, null, 0, { text: "3% of calls failed" }), whyRow(2, 1, 0, { text: "No canary stage", isRootCause: true })]),
  lessons: [{ whyNodeIds: [2] }],
  actionItems: [item()],
};
const decide = (actor: Actor, status: CoeStatus, transition: Transition, coe: Partial<LifecycleCoe> = {}, openNotes: OpenNote[] = []) =>
  decideTransition({ actor, coe: { ...complete, ...coe, status }, transition, openNotes });

describe("decideTransition: every state × transition × actor", () => {
  // Written out from SPEC §3 and the brief rather than read from TRANSITION_RULES, so a wrong rule fails here.
  const SPEC: Record<Transition, { from: CoeStatus[]; to: CoeStatus; who: Actor[] }> = {
    submit: { from: ["draft", "changes_requested"], to: "in_review", who: [ownAuthor, listedAdmin] },
    withdraw: { from: ["in_review"], to: "draft", who: [ownAuthor, listedAdmin] },
    request_changes: { from: ["in_review"], to: "changes_requested", who: [reviewer, admin, listedAdmin] },
    approve: { from: ["in_review"], to: "approved", who: [reviewer, admin, listedAdmin] },
    close: { from: ["approved"], to: "closed", who: [reviewer, admin, listedAdmin] },
    reopen: { from: ["approved"], to: "in_review", who: [reviewer, admin, listedAdmin] },
  };
  const cases = COE_STATUSES.flatMap((status) =>
    TRANSITIONS.flatMap((transition) => Object.entries(ACTORS).map(([name, actor]) => ({ status, transition, name, actor }))),
  );

  it.each(cases)("$transition from $status by $name", ({ status, transition, actor }) => {
    const spec = SPEC[transition];
    const expected = !spec.who.includes(actor)
      ? { ok: false, reason: "forbidden" }
      : spec.from.includes(status)
        ? { ok: true, from: status, to: spec.to, transition }
        : { ok: false, reason: "wrong_state", allowedFrom: spec.from };
    expect(decide(actor, status, transition)).toMatchObject(expected);
  });

  it("offers exactly the transitions the decision allows", () => {
    for (const status of COE_STATUSES) {
      for (const actor of Object.values(ACTORS)) {
        const allowed = TRANSITIONS.filter((t) => decide(actor, status, t).ok);
        expect(availableTransitions(actor, { status, authorIds: complete.authorIds })).toEqual(allowed);
      }
    }
  });
});

describe("decideTransition: refusals", () => {
  it("says who may act before what state it needs", () => {
    expect(decide(reviewer, "approved", "submit")).toMatchObject({ reason: "forbidden", message: "Only the COE's authors can submit it for review." });
    expect(decide(ownAuthor, "draft", "approve")).toMatchObject({ reason: "forbidden", message: "Only reviewers can approve it." });
  });
  it("names the states a transition needs", () => {
    expect(decide(ownAuthor, "approved", "submit")).toMatchObject({
      reason: "wrong_state",
      from: "approved",
      message: "You cannot submit it for review while the COE is approved, only while it is draft or changes requested.",
    });
  });
  it("refuses to submit an incomplete COE, from draft and from changes requested, listing what is missing", () => {
    for (const status of ["draft", "changes_requested"] as const) {
      expect(decide(ownAuthor, status, "submit", { impactSummary: null })).toEqual({
        ok: false,
        reason: "incomplete",
        transition: "submit",
        from: status,
        message: "1 thing to do before review.",
        missing: [expect.objectContaining({ kind: "impact_summary" })],
      });
    }
  });
  it("counts open blameless notes as missing for submit", () => {
    const note: OpenNote = { where: "Timeline", section: "timeline", match: "careless", message: "Blaming word" };
    expect(decide(ownAuthor, "draft", "submit", {}, [note])).toMatchObject({ reason: "incomplete", missing: [{ kind: "blameless_note" }] });
  });
  it("checks the state before the content", () => {
    expect(decide(ownAuthor, "in_review", "submit", { impactSummary: null })).toMatchObject({ reason: "wrong_state" });
    expect(decide(reviewer, "in_review", "close", { actionItems: [item({ status: "open" })] })).toMatchObject({ reason: "wrong_state" });
  });
  it("refuses to close while an action item is unfinished, listing it", () => {
    expect(decide(reviewer, "approved", "close", { actionItems: [item(), item({ id: 11, title: "Alarm on p99", status: "implemented" })] })).toEqual({
      ok: false,
      reason: "unfinished_action_items",
      transition: "close",
      from: "approved",
      message: "1 action item not finished.",
      blockers: [{ id: 11, title: "Alarm on p99", why: "implemented but not validated" }],
    });
  });
  it("does not check content for the other transitions", () => {
    const empty = { impactSummary: null, timeline: [], whyTree: undefined, lessons: [], actionItems: [item({ status: "open" })] };
    expect(decide(reviewer, "in_review", "approve", empty)).toMatchObject({ ok: true });
    expect(decide(ownAuthor, "in_review", "withdraw", empty)).toMatchObject({ ok: true });
  });
});

describe("availableTransitions", () => {
  it("offers submit and close even when content would refuse them, so pressing them says why", () => {
    expect(availableTransitions(ownAuthor, { status: "draft", authorIds: [3] })).toEqual(["submit"]);
    expect(availableTransitions(reviewer, { status: "approved", authorIds: [3] })).toEqual(["close", "reopen"]);
    expect(availableTransitions(reviewer, { status: "in_review", authorIds: [3] })).toEqual(["request_changes", "approve"]);
    expect(availableTransitions(member, { status: "in_review", authorIds: [3] })).toEqual([]);
  });
});

describe("missingForReview", () => {
  it("finds nothing missing in a complete COE", () => {
    expect(missingForReview(complete, [])).toEqual([]);
  });

  const withRootCauses = (...rows: Parameters<typeof whyRow>[]) => buildWhyTree([whyRow(1, null, 0), ...rows.map((r) => whyRow(...r))]);
  const removals: [string, Partial<LifecycleCoe>, { kind: string; anchor: string; message: string }][] = [
    [
      "no impact summary",
      { impactSummary: null },
      { kind: "impact_summary", anchor: "impact-summary", message: "Write the impact summary: what customers experienced, for how long, and how many." },
    ],
    [
      "an impact summary of empty paragraphs",
      { impactSummary: { type: "doc", content: [{ type: "paragraph" }, { type: "paragraph", content: [{ type: "text", text: "  " }] }] } },
      { kind: "impact_summary", anchor: "impact-summary", message: "Write the impact summary: what customers experienced, for how long, and how many." },
    ],
    [
      "no impact start",
      { timeline: entries("detected", "mitigated") },
      { kind: "impact_start", anchor: "timeline", message: "Add an “Impact started” entry to the timeline." },
    ],
    [
      "mitigation started but not mitigated",
      { timeline: entries("impact_start", "mitigation_started", "resolved") },
      { kind: "mitigated", anchor: "timeline", message: "Add a “Mitigated” entry to the timeline." },
    ],
    [
      "no whys at all",
      { whyTree: undefined },
      { kind: "root_cause", anchor: "five-whys", message: "Mark at least one answer in the five whys as a root cause." },
    ],
    [
      "whys without a root cause",
      { whyTree: withRootCauses([2, 1, 0]) },
      { kind: "root_cause", anchor: "five-whys", message: "Mark at least one answer in the five whys as a root cause." },
    ],
    [
      "a root cause nothing follows",
      { lessons: [] },
      { kind: "uncovered_root_cause", anchor: "why-2", message: "Root cause “No canary stage” needs a lesson or an action item." },
    ],
    [
      "a second root cause nothing follows",
      { whyTree: withRootCauses([2, 1, 0, { isRootCause: true }], [7, 2, 0, { text: "Alarm on averages", isRootCause: true }]) },
      { kind: "uncovered_root_cause", anchor: "why-7", message: "Root cause “Alarm on averages” needs a lesson or an action item." },
    ],
    ["no action item", { actionItems: [] }, { kind: "dated_action_item", anchor: "action-items", message: "Add an action item with a promised date." }],
    [
      "an action item without a date",
      { actionItems: [item({ promisedDate: null })] },
      { kind: "dated_action_item", anchor: "action-items", message: "Add an action item with a promised date." },
    ],
    [
      "an action item with a blank date",
      { actionItems: [item({ promisedDate: " " })] },
      { kind: "dated_action_item", anchor: "action-items", message: "Add an action item with a promised date." },
    ],
    [
      "only a cancelled action item carries a date",
      { actionItems: [item({ status: "cancelled", cancelReason: "Superseded" }), item({ id: 11, promisedDate: null })] },
      { kind: "dated_action_item", anchor: "action-items", message: "Add an action item with a promised date." },
    ],
  ];
  it.each(removals)("%s: exactly that is missing", (_name, change, expected) => {
    expect(missingForReview({ ...complete, ...change }, [])).toEqual([expected]);
  });

  it("counts a root cause as followed by an action item that names it", () => {
    expect(missingForReview({ ...complete, lessons: [], actionItems: [item({ whyNodeId: 2 })] }, [])).toEqual([]);
  });

  it("lists each open blameless note at its section", () => {
    const notes: BlamelessNote[] = [
      {
        where: "Five whys",
        section: "five-whys",
        kind: "blame",
        match: "human error",
        message: "Names a person's slip",
        suggestion: "What let the error through?",
      },
      { where: "Impact summary", section: "impact-summary", kind: "mention", match: "@dana", message: "Names a person", suggestion: "an engineer" },
    ];
    expect(missingForReview(complete, notes)).toEqual([
      { kind: "blameless_note", anchor: "five-whys", message: "Five whys: “human error” — Names a person's slip" },
      { kind: "blameless_note", anchor: "impact-summary", message: "Impact summary: “@dana” — Names a person" },
    ]);
  });

  it("lists everything in page order when nothing is written", () => {
    const bare = { ...complete, impactSummary: null, timeline: [], whyTree: withRootCauses([2, 1, 0, { isRootCause: true }]), lessons: [], actionItems: [] };
    const note: OpenNote = { where: "Timeline", section: "timeline", match: "forgot", message: "Blaming word" };
    expect(missingForReview(bare, [note]).map((m) => m.kind)).toEqual([
      "impact_summary",
      "impact_start",
      "mitigated",
      "uncovered_root_cause",
      "dated_action_item",
      "blameless_note",
    ]);
  });

  it("takes what getCoe returns and the blameless notes as they are", () => {
    // A type check: tsc fails here if the input drifts from the loader's data.
    const fromLoader = (coe: CoeView, notes: BlamelessNote[]) => missingForReview(coe, notes);
    expect(fromLoader).toBeTypeOf("function");
  });
});

describe("closeBlockers", () => {
  const unfinished: [ActionStatus, string | null, string][] = [
    ["open", null, "not started"],
    ["in_progress", null, "still in progress"],
    ["implemented", null, "implemented but not validated"],
    ["cancelled", null, "cancelled without a reason"],
    ["cancelled", "  ", "cancelled without a reason"],
  ];
  it.each(unfinished)("an item %s (reason %j) blocks close", (status, cancelReason, why) => {
    expect(closeBlockers([item(), item({ id: 12, title: "Page on p99", status, cancelReason })])).toEqual([{ id: 12, title: "Page on p99", why }]);
  });
  it("lets close through when every item is validated or cancelled with a reason", () => {
    expect(closeBlockers([item(), item({ id: 12, status: "cancelled", cancelReason: "Superseded by the canary item" })])).toEqual([]);
    expect(decide(admin, "approved", "close", { actionItems: [item(), item({ id: 12, status: "cancelled", cancelReason: "Superseded" })] })).toMatchObject({
      ok: true,
      to: "closed",
    });
  });
});

describe("transitionRecord", () => {
  const approved: AllowedTransition = { ok: true, transition: "approve", from: "in_review", to: "approved" };
  const now = new Date("2026-11-25T14:30:00Z");
  it("records who, when, from, to, which transition and the note", () => {
    expect(transitionRecord({ coeId: 42, actor: reviewer, decision: approved, now, note: "  Good analysis.  " })).toEqual({
      coeId: 42,
      actorId: 2,
      at: now,
      transition: "approve",
      from: "in_review",
      to: "approved",
      note: "Good analysis.",
    });
  });
  it("stores no note when none or a blank one is given", () => {
    expect(transitionRecord({ coeId: 42, actor: reviewer, decision: approved, now }).note).toBeNull();
    expect(transitionRecord({ coeId: 42, actor: reviewer, decision: approved, now, note: " \n " }).note).toBeNull();
  });
});
