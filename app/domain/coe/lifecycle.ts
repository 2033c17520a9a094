import type { ActionStatus, CoeStatus, DocJSON, TimelineKind } from "../enums";
import { describeCoverage, followUpsOf } from "../whys/coverage-view";
import type { WhyTreeNode } from "../whys/tree";
import type { BlamelessNote } from "./blameless-notes";
import { STATUS_LABELS } from "./labels";
import type { PageSectionId } from "./page-sections";
import { canCreateCoe, canReview, type Actor } from "./permissions";
import { docHasWords, hasText } from "./plain-text-doc";

// ---------------------------------------------------------------------------------------------
// States and transitions (SPEC §3)
// ---------------------------------------------------------------------------------------------

export const TRANSITIONS = ["submit", "withdraw", "request_changes", "approve", "close", "reopen"] as const;
export type Transition = (typeof TRANSITIONS)[number];

/** What deciding who may move a COE needs: what `getCoeAccess` returns. */
export type CoeAccess = { status: CoeStatus; authorIds: readonly number[] };

type TransitionRule = { from: readonly CoeStatus[]; to: CoeStatus; mayAct: (actor: Actor, coe: CoeAccess) => boolean; actors: string };

/** Listed as an author, and allowed to write COEs at all (a reviewer or member who is listed does not write them). */
function isAuthorOf(actor: Actor, coe: CoeAccess): boolean {
  return coe.authorIds.includes(actor.id) && canCreateCoe(actor);
}

const byAuthors = { mayAct: isAuthorOf, actors: "the COE's authors" };
const byReviewers = { mayAct: canReview, actors: "reviewers" };

/**
 * Every move a COE can make. `reopen` takes an approved COE back to review: without it a
 * mistaken approval in the meeting could never be undone, because approved COEs are frozen.
 * Closed stays final: a recurrence is a new event with its own COE.
 */
export const TRANSITION_RULES: Record<Transition, TransitionRule> = {
  submit: { from: ["draft", "changes_requested"], to: "in_review", ...byAuthors },
  withdraw: { from: ["in_review"], to: "draft", ...byAuthors },
  request_changes: { from: ["in_review"], to: "changes_requested", ...byReviewers },
  approve: { from: ["in_review"], to: "approved", ...byReviewers },
  close: { from: ["approved"], to: "closed", ...byReviewers },
  reopen: { from: ["approved"], to: "in_review", ...byReviewers },
};

const VERBS: Record<Transition, string> = {
  submit: "submit it for review",
  withdraw: "withdraw it from review",
  request_changes: "request changes",
  approve: "approve it",
  close: "close it",
  reopen: "reopen it",
};

type Refused<Reason extends string, Extra = object> = { ok: false; reason: Reason; transition: Transition; from: CoeStatus; message: string } & Extra;
export type AllowedTransition = { ok: true; transition: Transition; from: CoeStatus; to: CoeStatus };
type Forbidden = Refused<"forbidden">;
type WrongState = Refused<"wrong_state", { allowedFrom: readonly CoeStatus[] }>;
export type TransitionDecision =
  | AllowedTransition
  | Forbidden
  | WrongState
  | Refused<"incomplete", { missing: MissingPart[] }>
  | Refused<"unfinished_action_items", { blockers: CloseBlocker[] }>;

const statusWord = (status: CoeStatus) => STATUS_LABELS[status].toLowerCase();
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** Who and which state, nothing about the content: the refusal that applies, if any. */
function gate(actor: Actor, coe: CoeAccess, transition: Transition): Forbidden | WrongState | undefined {
  const rule = TRANSITION_RULES[transition];
  const from = coe.status;
  if (!rule.mayAct(actor, coe)) return { ok: false, reason: "forbidden", transition, from, message: `Only ${rule.actors} can ${VERBS[transition]}.` };
  if (rule.from.includes(from)) return undefined;
  const allowed = rule.from.map(statusWord).join(" or ");
  const message = `You cannot ${VERBS[transition]} while the COE is ${statusWord(from)}, only while it is ${allowed}.`;
  return { ok: false, reason: "wrong_state", transition, from, message, allowedFrom: rule.from };
}

/** The transitions to offer this actor on this COE. Submit and close are offered even when content blocks them, so pressing them says what is left to do. */
export function availableTransitions(actor: Actor, coe: CoeAccess): Transition[] {
  return TRANSITIONS.filter((t) => !gate(actor, coe, t));
}

/** Everything `decideTransition` looks at: who and which state, what submit checks, what close checks. */
export type LifecycleCoe = CoeAccess & CoeForReview;
export type TransitionInput = { actor: Actor; coe: LifecycleCoe; transition: Transition; openNotes: readonly OpenNote[] };

/**
 * Whether `actor` may move the COE by `transition`, checked in the order a person fixes things:
 * who (forbidden), then the state (wrong_state), then the content (submit: what is missing;
 * close: the unfinished action items). A refusal says why in words a page can show.
 */
export function decideTransition({ actor, coe, transition, openNotes }: TransitionInput): TransitionDecision {
  const refused = gate(actor, coe, transition);
  if (refused) return refused;
  const from = coe.status;
  if (transition === "submit") {
    const missing = missingForReview(coe, openNotes);
    if (missing.length)
      return { ok: false, reason: "incomplete", transition, from, missing, message: `${count(missing.length, "thing")} to do before review.` };
  }
  if (transition === "close") {
    const blockers = closeBlockers(coe.actionItems);
    if (blockers.length)
      return { ok: false, reason: "unfinished_action_items", transition, from, blockers, message: `${count(blockers.length, "action item")} not finished.` };
  }
  return { ok: true, transition, from, to: TRANSITION_RULES[transition].to };
}

// ---------------------------------------------------------------------------------------------
// What submit needs
// ---------------------------------------------------------------------------------------------

/** The smallest part of `getCoe`'s result the review checks read; the reading and edit loaders can pass that result as it is. */
export type CoeForReview = {
  impactSummary: DocJSON | null;
  timeline: readonly { kind: TimelineKind }[];
  whyTree: WhyTreeNode | undefined;
  lessons: readonly { whyNodeIds: readonly number[] }[];
  actionItems: readonly ActionItemProgress[];
};
export type ActionItemProgress = {
  id: number;
  title: string;
  status: ActionStatus;
  promisedDate: string | null;
  cancelReason: string | null;
  whyNodeId: number | null;
};
/** A blameless-language note not yet dealt with (what `blamelessNotes` returns). */
export type OpenNote = Pick<BlamelessNote, "where" | "section" | "match" | "message">;

/** An element id on the reading and edit pages: a section, or one why node (`why-<id>`). */
export type ReviewAnchor = PageSectionId | `why-${number}`;
export type MissingKind = "impact_summary" | "impact_start" | "mitigated" | "root_cause" | "uncovered_root_cause" | "dated_action_item" | "blameless_note";
export type MissingPart = { kind: MissingKind; message: string; anchor: ReviewAnchor };

const hasEntry = (coe: CoeForReview, kind: TimelineKind) => coe.timeline.some((e) => e.kind === kind);
/** A cancelled item promises nothing, whatever date it still carries. */
const isDatedPromise = (item: ActionItemProgress) => item.status !== "cancelled" && hasText(item.promisedDate);
const unless = (isMet: boolean, part: MissingPart): MissingPart[] => (isMet ? [] : [part]);

/**
 * What a COE still needs before review (SPEC §3), in page order, each with where to fix it.
 * Beyond the SPEC's list: every root cause must lead somewhere (an analysis that stops at a
 * cause nobody acts on teaches nothing), and open blameless-language notes must be dealt with
 * before the whole organisation reads the COE.
 */
export function missingForReview(coe: CoeForReview, openNotes: readonly OpenNote[]): MissingPart[] {
  const coverage = describeCoverage(coe.whyTree, followUpsOf(coe));
  return [
    ...unless(docHasWords(coe.impactSummary), {
      kind: "impact_summary",
      anchor: "impact-summary",
      message: "Write the impact summary: what customers experienced, for how long, and how many.",
    }),
    ...unless(hasEntry(coe, "impact_start"), { kind: "impact_start", anchor: "timeline", message: "Add an “Impact started” entry to the timeline." }),
    ...unless(hasEntry(coe, "mitigated"), { kind: "mitigated", anchor: "timeline", message: "Add a “Mitigated” entry to the timeline." }),
    ...unless(coverage.total > 0, { kind: "root_cause", anchor: "five-whys", message: "Mark at least one answer in the five whys as a root cause." }),
    ...coverage.uncovered.map((n): MissingPart => ({
      kind: "uncovered_root_cause",
      anchor: `why-${n.id}`,
      message: `Root cause “${n.text}” needs a lesson or an action item.`,
    })),
    ...unless(coe.actionItems.some(isDatedPromise), { kind: "dated_action_item", anchor: "action-items", message: "Add an action item with a promised date." }),
    ...openNotes.map((n): MissingPart => ({ kind: "blameless_note", anchor: n.section, message: `${n.where}: “${n.match}” — ${n.message}` })),
  ];
}

// ---------------------------------------------------------------------------------------------
// What close needs
// ---------------------------------------------------------------------------------------------

export type CloseBlocker = { id: number; title: string; why: string };

const UNFINISHED: Record<Exclude<ActionStatus, "validated">, string> = {
  open: "not started",
  in_progress: "still in progress",
  implemented: "implemented but not validated",
  cancelled: "cancelled without a reason",
};

function unfinishedBecause(item: ActionItemProgress): string | undefined {
  if (item.status === "validated") return undefined;
  if (item.status === "cancelled" && hasText(item.cancelReason)) return undefined;
  return UNFINISHED[item.status];
}

/** SPEC §3: a COE closes when every action item is validated, or cancelled with a reason. These are the items that stop it. */
export function closeBlockers(actionItems: readonly ActionItemProgress[]): CloseBlocker[] {
  return actionItems.flatMap((item) => {
    const why = unfinishedBecause(item);
    return why ? [{ id: item.id, title: item.title, why }] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// What is stored
// ---------------------------------------------------------------------------------------------

export type TransitionRecord = { coeId: number; actorId: number; at: Date; transition: Transition; from: CoeStatus; to: CoeStatus; note: string | null };

/** The row the data layer stores (and audits) for an allowed transition. Only an allowed decision can be recorded; a blank note is none. */
export function transitionRecord({
  coeId,
  actor,
  decision,
  now,
  note,
}: {
  coeId: number;
  actor: Actor;
  decision: AllowedTransition;
  now: Date;
  note?: string;
}): TransitionRecord {
  const { transition, from, to } = decision;
  return { coeId, actorId: actor.id, at: now, transition, from, to, note: note?.trim() || null };
}
