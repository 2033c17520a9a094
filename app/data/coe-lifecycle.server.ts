import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coeTransitions, coes, comments, meetingItems, meetings, notifications, reviewDecisions, users } from "../../db/schema";
import { decideTransition, transitionRecord, type Transition, type TransitionDecision } from "../domain/coe/lifecycle";
import type { Actor } from "../domain/coe/permissions";
import type { CoeStatus } from "../domain/enums";
import { writeCoe } from "./coe-write.server";
import { coeInsights, lintOptionsFor } from "./coe-insights.server";
import { getCoe } from "./coe-reading.server";
import { listActiveUsers } from "./users.server";
import { queueForReview, unqueueFromReview } from "./meeting-schedule.server";
import { FieldError, MissingPartError } from "./write-errors.server";
import { perConnection } from "./per-connection.server";

/** A transition the lifecycle refused (who, state, or what is missing); nothing was written. */
export class TransitionRefusedError extends Error {
  constructor(readonly decision: Exclude<TransitionDecision, { ok: true }>) {
    super(decision.message);
  }
}

export type TransitionRequest = {
  coeId: number;
  actor: Actor;
  transition: Transition;
  /** The version of the COE's status the page showed. */
  statusVersion: number;
  /** The COE's version the page showed: a decision is about what the person saw, so any change since refuses it (409). */
  coeVersion: number;
  note?: string;
  /** For request_changes: the open comments the authors must address (at least one). */
  commentIds?: readonly number[];
  /** Decided in this meeting (its outcome), if any. */
  meetingId?: number;
  now?: Date;
};

const SUMMARIES: Record<Transition, string> = {
  submit: "Submitted for review",
  withdraw: "Withdrawn from review",
  request_changes: "Changes requested",
  approve: "Approved",
  close: "Closed",
  reopen: "Reopened for review",
};

/**
 * Moves a COE through the review lifecycle in one transaction: the status is claimed like a
 * section (a second transition, or any edit since the page was read, makes this one a 409), the
 * decision is taken on the COE as it is inside the transaction, and the status, its time stamp,
 * the transition record, a reviewer's decision, the audit event, the revision, the meeting queue
 * and the authors' notifications are written together or not at all.
 */
export async function transitionCoe(db: Db, req: TransitionRequest) {
  const now = req.now ?? new Date();
  const write = {
    coeId: req.coeId,
    baseVersion: req.statusVersion,
    actorId: req.actor.id,
    section: "status" as const,
    summary: SUMMARIES[req.transition],
    guard: { kind: "transition" as const, coeVersion: req.coeVersion },
    detail: { transition: req.transition },
    now,
  };
  return writeCoe(db, write, async (tx) => {
    const coe = (await getCoe(tx, req.coeId)) ?? missing();
    const openNotes = coeInsights(coe, lintOptionsFor(coe, await listActiveUsers(tx))).blameless;
    const decision = decideTransition({ actor: req.actor, coe: { ...coe, authorIds: coe.authors.map((a) => a.id) }, transition: req.transition, openNotes });
    if (!decision.ok) throw new TransitionRefusedError(decision);
    const record = transitionRecord({ coeId: req.coeId, actor: req.actor, decision, now, note: req.note });
    const commentIds = req.transition === "request_changes" ? await openCommentsNamed(tx, req.coeId, req.commentIds ?? []) : [];
    await tx
      .update(coes)
      .set({ status: record.to, ...stampsFor(record.to, now) })
      .where(eq(coes.id, req.coeId));
    await tx.insert(coeTransitions).values({
      coeId: req.coeId,
      actorId: req.actor.id,
      transition: record.transition,
      fromStatus: record.from,
      toStatus: record.to,
      note: record.note,
      meetingId: req.meetingId ?? null,
      createdAt: now,
    });
    if (req.transition === "approve" || req.transition === "request_changes") {
      const decisionName = req.transition === "approve" ? "approved" : "changes_requested";
      await tx.insert(reviewDecisions).values({ coeId: req.coeId, reviewerId: req.actor.id, decision: decisionName, note: record.note, commentIds, meetingId: req.meetingId ?? null, createdAt: now });
    }
    if (record.to === "in_review") await queueForReview(tx, req.coeId, now);
    else if (record.from === "in_review") await unqueueFromReview(tx, req.coeId);
    await notifyAuthors(tx, { coeId: req.coeId, title: coe.title, authorIds: coe.authors.map((a) => a.id), actor: req.actor, transition: req.transition, now });
    return record;
  });
}

function missing(): never {
  throw new MissingPartError("That COE does not exist.");
}

/** The time stamps a status sets: submitted when it enters review, approved and closed when it reaches them. */
function stampsFor(to: CoeStatus, now: Date): Partial<typeof coes.$inferInsert> {
  if (to === "in_review") return { submittedAt: now, approvedAt: null, closedAt: null };
  if (to === "approved") return { approvedAt: now };
  if (to === "closed") return { closedAt: now };
  return {};
}

/** A request for changes names open comments of this COE (thread starts, unresolved); anything else is a field error. */
async function openCommentsNamed(tx: Db, coeId: number, ids: readonly number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) throw new FieldError("commentIds", "Name at least one open comment the authors must address (write one first if there is none).");
  const open = await tx
    .select({ id: comments.id })
    .from(comments)
    .where(and(eq(comments.coeId, coeId), inArray(comments.id, unique), isNull(comments.parentId), isNull(comments.resolvedAt)));
  if (open.length !== unique.length) throw new FieldError("commentIds", "Some of the named comments are resolved or are not on this COE; reload and choose again.");
  return unique.sort((a, b) => a - b);
}

const NOTICE: Partial<Record<Transition, string>> = {
  approve: "approved",
  request_changes: "requested changes on",
  reopen: "reopened for review",
  close: "closed",
};

/** Tells a COE's authors (not the one who acted) that a reviewer decided on it. */
async function notifyAuthors(tx: Db, n: { coeId: number; title: string; authorIds: number[]; actor: Actor; transition: Transition; now: Date }) {
  const verb = NOTICE[n.transition];
  const to = n.authorIds.filter((id) => id !== n.actor.id);
  if (!verb || !to.length) return;
  const [actor] = await tx.select({ name: users.name }).from(users).where(eq(users.id, n.actor.id));
  const text = `${actor?.name ?? "A reviewer"} ${verb} “${n.title}”`;
  await tx.insert(notifications).values(to.map((userId) => ({ userId, kind: `coe.${n.transition}`, text, href: `/coes/${n.coeId}#review`, actorId: n.actor.id, coeId: n.coeId, createdAt: n.now })));
}

// The COE page reads these on every view: prepared once per connection.
const reads = perConnection((db) => {
  const coeId = sql.placeholder("coeId");
  // Correlated counts over the same table under another name: the items ahead of this one, and all of them.
  const ahead = sql<number>`(select count(*) from meeting_items x where x.meeting_id = ${meetings.id} and x.position < ${meetingItems.position})`;
  const all = sql<number>`(select count(*) from meeting_items x where x.meeting_id = ${meetings.id})`;
  return {
    transitions: db
      .select({
        id: coeTransitions.id,
        transition: coeTransitions.transition,
        from: coeTransitions.fromStatus,
        to: coeTransitions.toStatus,
        note: coeTransitions.note,
        meetingId: coeTransitions.meetingId,
        createdAt: coeTransitions.createdAt,
        actorName: users.name,
      })
      .from(coeTransitions)
      .leftJoin(users, eq(users.id, coeTransitions.actorId))
      .where(eq(coeTransitions.coeId, coeId))
      .orderBy(desc(coeTransitions.id))
      .prepare("coe_transitions_of"),
    place: db
      .select({
        meetingId: meetings.id,
        date: meetings.scheduledFor,
        startsAt: meetings.startsAt,
        ahead,
        of: all,
      })
      .from(meetingItems)
      .innerJoin(meetings, eq(meetings.id, meetingItems.meetingId))
      .where(and(eq(meetingItems.coeId, coeId), isNull(meetingItems.presentedAt), ne(meetings.status, "done")))
      .orderBy(asc(meetings.startsAt))
      .limit(1)
      .prepare("coe_agenda_place"),
  };
});

/** A COE's lifecycle so far, newest first, with who moved it. */
export function transitionsOf(db: Db, coeId: number) {
  return reads(db).transitions.execute({ coeId });
}

/** Where a COE waits on the agenda: the meeting not yet ended that has it unpresented, its place and the agenda's length. */
export async function agendaPlaceOf(db: Db, coeId: number) {
  const [row] = await reads(db).place.execute({ coeId });
  if (!row) return null;
  return { meetingId: row.meetingId, date: row.date, startsAt: row.startsAt, place: Number(row.ahead) + 1, of: Number(row.of) };
}
