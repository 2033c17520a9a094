import { and, asc, count, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { coes, comments, meetingAttendees, meetingItems, meetings, users } from "../../db/schema";
import { canReview, type Actor } from "../domain/coe/permissions";
import { MEETING_OUTCOMES } from "../domain/enums";
import { formInteger } from "../domain/form-number";
import { moveTo, notYetPresented, queue, remove, spin, type Agenda } from "../domain/meetings/agenda";
import { TeamReviewFormSchema } from "../domain/meetings/teams";
import { transitionCoe, TransitionRefusedError } from "./coe-lifecycle.server";
import { StaleWriteError } from "./coe-write.server";
import { agendaOf, endMeeting, getMeetingSchedule, queueForReview, storeAgenda } from "./meeting-schedule.server";
import {
  MeetingConflictError,
  MeetingForbiddenError,
  MeetingMissingError,
  onMeeting,
  requireOpen,
  requireRunning,
  wheelRandom,
  type Done,
  type LockedMeeting,
  type MeetingRequest,
} from "./meeting-operation.server";
import { recordTeamReview, spinForTeam } from "./meeting-team-reviews.server";
import { FieldError, writeFailure } from "./write-errors.server";

/*
 * A reviewer running the weekly review meeting (SPEC §3): reorder, remove, move to a later meeting,
 * start, present, spin the wheel (for a COE, or for a team: meeting-team-reviews), record outcomes
 * and team reviews, take attendance, end. Each operation is one transaction that first locks the
 * meeting row (bumping its version), so two reviewers acting at once take turns on one agenda, and
 * each change is an audit event `meeting.<op>` (meeting-operation).
 */

export type MeetingOutcome = (typeof MEETING_OUTCOMES)[number];

export { MeetingConflictError, MeetingForbiddenError, MeetingMissingError, wheelRandom };
type Request = MeetingRequest;
type Locked = LockedMeeting;

const NOT_ON_AGENDA = "That COE is no longer on this agenda (someone moved or removed it). The page now shows the agenda as it is.";
export const OUTCOME_NOTE_MAX = 2000;

async function itemOf(tx: Db, meetingId: number, coeId: number) {
  const [item] = await tx
    .select()
    .from(meetingItems)
    .where(and(eq(meetingItems.meetingId, meetingId), eq(meetingItems.coeId, coeId)));
  if (!item || item.carriedToMeetingId !== null) throw new MeetingConflictError(NOT_ON_AGENDA);
  return item;
}

/** An item that has not been presented (reviewers may still move or remove it). */
async function waitingItemOf(tx: Db, meetingId: number, coeId: number) {
  const item = await itemOf(tx, meetingId, coeId);
  if (item.presentedAt !== null) throw new MeetingConflictError("That COE was already presented here; its outcome stays on the minutes.");
  return item;
}

/** Takes a COE off a meeting's agenda, renumbering the rest, and stops presenting it if it was on screen. */
async function takeOff(tx: Db, meeting: Locked, item: { id: number; coeId: number }) {
  await tx.delete(meetingItems).where(eq(meetingItems.id, item.id));
  await storeAgenda(tx, meeting.id, remove(await agendaOf(tx, meeting.id), item.coeId));
  if (meeting.currentItemId === item.id) await tx.update(meetings).set({ currentItemId: null }).where(eq(meetings.id, meeting.id));
}

/** Reorders: the COE goes to `toIndex` (clamped), as a drop or a Move up/down does. Returns its new index. */
export function moveItem(db: Db, req: Request & { coeId: number; toIndex: number }) {
  return onMeeting(db, req, "move", async (tx, meeting) => {
    requireOpen(meeting);
    const agenda = await agendaOf(tx, meeting.id);
    const from = agenda.findIndex((i) => i.coeId === req.coeId);
    if (from === -1) throw new MeetingConflictError(NOT_ON_AGENDA);
    const after = moveTo(agenda, req.coeId, req.toIndex);
    const to = after.findIndex((i) => i.coeId === req.coeId);
    if (after === agenda) return { value: to };
    await storeAgenda(tx, meeting.id, after);
    return { value: to, detail: { coeId: req.coeId, from, to } };
  });
}

/** A reviewer takes a COE off this agenda (it stays in review; nothing queues it again until it re-enters review). */
export function removeItem(db: Db, req: Request & { coeId: number }) {
  return onMeeting(db, req, "remove", async (tx, meeting) => {
    requireOpen(meeting);
    const item = await waitingItemOf(tx, meeting.id, req.coeId);
    await takeOff(tx, meeting, item);
    return { value: undefined, detail: { coeId: req.coeId } };
  });
}

/** The planned meetings after `meeting` (where an item may be moved to), soonest first. */
export async function laterMeetings(db: Db, after: { startsAt: Date | null }) {
  if (!after.startsAt) return [];
  return db
    .select({ id: meetings.id, date: meetings.scheduledFor, startsAt: meetings.startsAt })
    .from(meetings)
    .where(and(eq(meetings.status, "planned"), gt(meetings.startsAt, after.startsAt)))
    .orderBy(asc(meetings.startsAt));
}

/** Moves a COE to the end of a later planned meeting's agenda. */
export function moveToLaterMeeting(db: Db, req: Request & { coeId: number; toMeetingId: number }) {
  return onMeeting(db, req, "move_to_meeting", async (tx, meeting) => {
    requireOpen(meeting);
    const item = await waitingItemOf(tx, meeting.id, req.coeId);
    const later = await laterMeetings(tx, meeting);
    const target = later.find((m) => m.id === req.toMeetingId);
    if (!target) throw new FieldError("toMeetingId", "Choose one of the later meetings that have not started.");
    // Source first, then the later meeting: every move locks in date order, so two moves never wait on each other.
    await tx
      .update(meetings)
      .set({ version: sql`${meetings.version} + 1` })
      .where(eq(meetings.id, target.id));
    await takeOff(tx, meeting, item);
    await storeAgenda(tx, target.id, queue(await agendaOf(tx, target.id), req.coeId));
    return { value: target.id, detail: { coeId: req.coeId, toMeetingId: target.id, toDate: target.date } };
  });
}

/**
 * Starts the meeting. Only the next meeting can start (the earliest not yet ended), and only while
 * no other one is running, so agendas are held in order. Starting a running meeting changes nothing.
 */
export function startMeeting(db: Db, req: Request) {
  return onMeeting(db, req, "start", async (tx, meeting, now) => {
    requireOpen(meeting);
    if (meeting.status === "in_progress") return { value: false };
    const [running] = await tx
      .select({ date: meetings.scheduledFor })
      .from(meetings)
      .where(and(eq(meetings.status, "in_progress"), ne(meetings.id, meeting.id)))
      .limit(1);
    if (running) throw new MeetingConflictError(`The meeting of ${running.date} is still running: end it before starting this one.`);
    const [first] = await tx
      .select({ id: meetings.id, date: meetings.scheduledFor })
      .from(meetings)
      .where(ne(meetings.status, "done"))
      .orderBy(asc(meetings.startsAt), asc(meetings.id))
      .limit(1);
    if (first && first.id !== meeting.id) throw new MeetingConflictError(`The meeting of ${first.date} comes first: hold (or end) it before this one.`);
    await tx.update(meetings).set({ status: "in_progress", startedAt: now }).where(eq(meetings.id, meeting.id));
    return { value: true, detail: {} };
  });
}

/** Puts an item on screen (the meeting's current item); its timer starts the first time it is presented. */
async function putOnScreen(tx: Db, meeting: Locked, item: { id: number; startedAt: Date | null }, now: Date) {
  if (item.startedAt === null) await tx.update(meetingItems).set({ startedAt: now }).where(eq(meetingItems.id, item.id));
  if (meeting.currentItemId !== item.id) await tx.update(meetings).set({ currentItemId: item.id }).where(eq(meetings.id, meeting.id));
}

/** Presents a COE of the running meeting: everyone's presenting mode shows it. */
export function presentItem(db: Db, req: Request & { coeId: number }) {
  return onMeeting(db, req, "present", async (tx, meeting, now) => {
    requireRunning(meeting);
    const item = await itemOf(tx, meeting.id, req.coeId);
    if (meeting.currentItemId === item.id) return { value: req.coeId };
    await putOnScreen(tx, meeting, item, now);
    return { value: req.coeId, detail: { coeId: req.coeId } };
  });
}

/** The COE on screen, if any. */
async function currentCoeOf(tx: Db, meeting: Locked): Promise<number | undefined> {
  if (meeting.currentItemId === null) return undefined;
  const [row] = await tx.select({ coeId: meetingItems.coeId }).from(meetingItems).where(eq(meetingItems.id, meeting.currentItemId));
  return row?.coeId;
}

/**
 * What "next" may pick: the COEs not yet presented, without the one on screen (the point is to
 * move on) unless it is the only one left.
 */
export function nextCandidates(agenda: Agenda, currentCoeId: number | undefined): number[] {
  const waiting = notYetPresented(agenda);
  const others = waiting.filter((coeId) => coeId !== currentCoeId);
  return others.length ? others : waiting;
}

/** "Next in order": the first COE not yet presented after the one on screen, going round to the top. */
export function nextInOrder(agenda: Agenda, currentCoeId: number | undefined): number | undefined {
  const candidates = new Set(nextCandidates(agenda, currentCoeId));
  const at = agenda.findIndex((i) => i.coeId === currentCoeId);
  const rotated = [...agenda.slice(at + 1), ...agenda.slice(0, at + 1)];
  return rotated.find((i) => candidates.has(i.coeId))?.coeId;
}

/**
 * Moves on to another COE and presents it: picked by the wheel (`how: "spin"`, uniformly among the
 * candidates with `random`) or the next in agenda order. Returns the COE picked, or null when
 * every COE on the agenda has been presented.
 */
export function pickNext(db: Db, req: Request & { how: "spin" | "order"; random?: () => number }) {
  return onMeeting(db, req, req.how === "spin" ? "spin" : "next", async (tx, meeting, now): Promise<Done<number | null>> => {
    requireRunning(meeting);
    const agenda = await agendaOf(tx, meeting.id);
    const current = await currentCoeOf(tx, meeting);
    const candidates = nextCandidates(agenda, current);
    const picked = req.how === "spin" ? spin(candidates, req.random ?? wheelRandom()) : nextInOrder(agenda, current);
    if (picked === undefined) return { value: null };
    await putOnScreen(tx, meeting, await itemOf(tx, meeting.id, picked), now);
    return { value: picked, detail: { coeId: picked, candidates } };
  });
}

export type OutcomeRequest = Request & {
  coeId: number;
  outcome: MeetingOutcome;
  note?: string;
  /** For changes requested: the open comments the authors must address. */
  commentIds?: readonly number[];
  /** The COE's versions the presenting page showed: a decision on a COE changed since is a 409. */
  statusVersion: number;
  coeVersion: number;
  /** Approving while comments are still open needs saying so. */
  confirmOpenComments?: boolean;
};

/**
 * Records a COE's outcome in the meeting, with the lifecycle transition it implies, in one
 * transaction: approved → approve, changes requested → request changes (naming open comments),
 * follow-up → no transition (the note says what to follow up) and the COE, still in review, goes
 * on the next meeting's agenda. The item is marked presented either way.
 */
export function recordOutcome(db: Db, req: OutcomeRequest) {
  return onMeeting(db, req, "outcome", async (tx, meeting, now) => {
    requireRunning(meeting);
    const item = await itemOf(tx, meeting.id, req.coeId);
    if (item.outcome !== null) throw new MeetingConflictError("An outcome was already recorded for this COE in this meeting; the page now shows it.");
    const note = req.note?.trim() || undefined;
    if (note && note.length > OUTCOME_NOTE_MAX) throw new FieldError("note", `At most ${OUTCOME_NOTE_MAX} characters.`);
    const decide = { coeId: req.coeId, actor: req.actor, statusVersion: req.statusVersion, coeVersion: req.coeVersion, note, meetingId: meeting.id, now };
    if (req.outcome === "approved") {
      const open = await openThreadCount(tx, req.coeId);
      if (open > 0 && !req.confirmOpenComments)
        throw new FieldError("confirmApprove", `${open === 1 ? "One comment is" : `${open} comments are`} still open. Tick “Approve with open comments” to approve anyway.`);
      await transitionCoe(tx, { ...decide, transition: "approve" });
    } else if (req.outcome === "changes_requested") {
      await transitionCoe(tx, { ...decide, transition: "request_changes", commentIds: req.commentIds ?? [] });
    } else {
      if (!note) throw new FieldError("note", "Write what should be followed up: it goes on the minutes and to the next meeting.");
      const [coe] = await tx.select({ status: coes.status }).from(coes).where(eq(coes.id, req.coeId));
      if (coe?.status !== "in_review") throw new MeetingConflictError("This COE is no longer in review (its authors withdrew it, or a reviewer decided); reload the page.");
    }
    await tx
      .update(meetingItems)
      .set({ outcome: req.outcome, outcomeNote: note ?? null, presentedAt: now, startedAt: item.startedAt ?? now })
      .where(eq(meetingItems.id, item.id));
    // Marked presented first, so the queue does not find it still waiting here.
    if (req.outcome === "follow_up") await queueForReview(tx, req.coeId, now);
    return { value: req.outcome, detail: { coeId: req.coeId, outcome: req.outcome } };
  });
}

/** Open comment threads on a COE (their first comments, unresolved). */
async function openThreadCount(tx: Db, coeId: number): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(comments)
    .where(and(eq(comments.coeId, coeId), isNull(comments.parentId), isNull(comments.resolvedAt)));
  return Number(row?.n ?? 0);
}

/** Marks people present or absent (each an active user). */
export function setAttendance(db: Db, req: Request & { changes: readonly { userId: number; present: boolean }[] }) {
  return onMeeting(db, req, "attendance", async (tx, meeting) => {
    requireOpen(meeting);
    const ids = [...new Set(req.changes.map((c) => c.userId))];
    if (!ids.length) return { value: undefined };
    const active = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, ids), isNull(users.disabledAt)));
    if (active.length !== ids.length) throw new FieldError("attendance", "Someone on the list is no longer an active user; reload the page and try again.");
    const present = req.changes.filter((c) => c.present).map((c) => c.userId);
    const absent = req.changes.filter((c) => !c.present).map((c) => c.userId);
    if (present.length)
      await tx
        .insert(meetingAttendees)
        .values(present.map((userId) => ({ meetingId: meeting.id, userId })))
        .onConflictDoNothing();
    if (absent.length) await tx.delete(meetingAttendees).where(and(eq(meetingAttendees.meetingId, meeting.id), inArray(meetingAttendees.userId, absent)));
    return { value: undefined, detail: { present, absent } };
  });
}

/** Ends the running meeting: what was not presented carries over to the front of the next meeting's agenda. Returns that meeting's id. */
export function endRunningMeeting(db: Db, req: Request) {
  return onMeeting(db, req, "end", async (tx, meeting, now) => {
    requireRunning(meeting);
    const carriedTo = await endMeeting(tx, meeting.id, await getMeetingSchedule(tx), now);
    return { value: carriedTo, detail: { carriedTo: carriedTo ?? null } };
  });
}

// ─── The meeting forms (the agenda page and presenting mode post the same intents) ────────────

const Id = formInteger("This form is out of date; reload the page.", { min: 1 });
const Version = formInteger("This form is out of date; reload the page.");

export const MeetingIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("move"), coeId: Id, toIndex: formInteger("Choose a place on the agenda.") }),
  z.object({ intent: z.literal("remove"), coeId: Id }),
  z.object({ intent: z.literal("move-to-meeting"), coeId: Id, toMeetingId: formInteger("Choose a later meeting.", { min: 1 }) }),
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("present"), coeId: Id }),
  z.object({ intent: z.literal("spin") }),
  z.object({ intent: z.literal("next") }),
  z.object({
    intent: z.literal("outcome"),
    coeId: Id,
    outcome: z.enum(MEETING_OUTCOMES, { error: "Choose an outcome." }),
    note: z.string().max(OUTCOME_NOTE_MAX, `At most ${OUTCOME_NOTE_MAX} characters.`).default(""),
    statusVersion: Version,
    coeVersion: Version,
    confirmApprove: z.literal("on").optional(),
    commentIds: z.array(z.number().int().positive()).default([]),
  }),
  z.object({ intent: z.literal("attendance"), shown: z.array(z.number().int().positive()).default([]), present: z.array(z.number().int().positive()).default([]) }),
  z.object({ intent: z.literal("attend-self"), present: z.enum(["yes", "no"]) }),
  z.object({ intent: z.literal("end") }),
  z.object({ intent: z.literal("spin-team") }),
  TeamReviewFormSchema.extend({ intent: z.literal("team-review") }),
]);
export type MeetingIntent = z.infer<typeof MeetingIntentSchema>;
export const MEETING_INTENTS = MeetingIntentSchema.options.map((o) => o.shape.intent.value);

/** Ids named by checkboxes `<prefix><id>` (a form can repeat no name here: the body reader keeps one value per name). */
const checkedIds = (values: Record<string, string>, prefix: string) =>
  Object.keys(values)
    .filter((k) => k.startsWith(prefix) && /^\d{1,15}$/.test(k.slice(prefix.length)))
    .map((k) => Number(k.slice(prefix.length)));

/** The form's fields as the schema reads them: checkboxes (`comment-12`, `attendee-3`) and the list of people shown become id lists. */
function formShape(values: Record<string, string>) {
  const shown = (values.shown ?? "")
    .split(",")
    .filter((s) => /^\d{1,15}$/.test(s))
    .map(Number);
  return { ...values, commentIds: checkedIds(values, "comment-"), present: values.intent === "attendance" ? checkedIds(values, "attendee-") : values.present, shown };
}

export type MeetingAnswer =
  | {
      ok: true;
      intent: MeetingIntent["intent"];
      pickedCoeId?: number | null;
      pickedTeamId?: number | null;
      carriedTo?: number;
      movedTo?: number;
      /** A team review recorded again (its follow-up updated). */
      isUpdate?: boolean;
    }
  | { ok: false; status: 400 | 403 | 404 | 409; message: string; errors: Record<string, string> };

/**
 * Parses one meeting form and runs it as `actor`. Refusals come back as answers (400 with errors by
 * field, 403, 404, 409 with a message); anything unexpected is thrown.
 */
export async function runMeetingIntent(
  db: Db,
  input: { meetingId: number; actor: Actor; values: Record<string, string>; now?: Date; random?: () => number },
): Promise<MeetingAnswer> {
  const { meetingId, actor, values, now } = input;
  if (!canReview(actor)) return refused(new MeetingForbiddenError("Only reviewers and admins run review meetings."));
  const parsed = MeetingIntentSchema.safeParse(formShape(values));
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false, status: 400, message: Object.values(errors)[0] ?? "This form is out of date; reload the page.", errors };
  }
  const form = parsed.data;
  const req = { meetingId, actor, now };
  try {
    switch (form.intent) {
      case "move":
        await moveItem(db, { ...req, coeId: form.coeId, toIndex: form.toIndex });
        break;
      case "remove":
        await removeItem(db, { ...req, coeId: form.coeId });
        break;
      case "move-to-meeting":
        return { ok: true, intent: form.intent, movedTo: await moveToLaterMeeting(db, { ...req, coeId: form.coeId, toMeetingId: form.toMeetingId }) };
      case "start":
        await startMeeting(db, req);
        break;
      case "present":
        await presentItem(db, { ...req, coeId: form.coeId });
        return { ok: true, intent: form.intent, pickedCoeId: form.coeId };
      case "spin":
      case "next":
        return { ok: true, intent: form.intent, pickedCoeId: await pickNext(db, { ...req, how: form.intent === "spin" ? "spin" : "order", random: input.random }) };
      case "outcome":
        await recordOutcome(db, {
          ...req,
          coeId: form.coeId,
          outcome: form.outcome,
          note: form.note,
          commentIds: form.commentIds,
          statusVersion: form.statusVersion,
          coeVersion: form.coeVersion,
          confirmOpenComments: form.confirmApprove === "on",
        });
        break;
      case "attendance": {
        const present = new Set(form.present);
        const shown = new Set([...form.shown, ...form.present]);
        await setAttendance(db, { ...req, changes: [...shown].map((userId) => ({ userId, present: present.has(userId) })) });
        break;
      }
      case "attend-self":
        await setAttendance(db, { ...req, changes: [{ userId: actor.id, present: form.present === "yes" }] });
        break;
      case "end":
        return { ok: true, intent: form.intent, carriedTo: await endRunningMeeting(db, req) };
      case "spin-team":
        return { ok: true, intent: form.intent, pickedTeamId: await spinForTeam(db, { ...req, random: input.random }) };
      case "team-review": {
        const { isUpdate } = await recordTeamReview(db, { ...req, teamId: form.teamId, followUp: form.followUp });
        return { ok: true, intent: form.intent, isUpdate };
      }
    }
    return { ok: true, intent: form.intent };
  } catch (e) {
    return refused(e);
  }
}

/** A refusal as an answer; what is not a known refusal is rethrown. */
function refused(e: unknown): Extract<MeetingAnswer, { ok: false }> {
  const fail = (status: 400 | 403 | 404 | 409, message: string, errors: Record<string, string> = {}) => ({ ok: false as const, status, message, errors });
  if (e instanceof MeetingForbiddenError) return fail(403, e.message);
  if (e instanceof MeetingMissingError) return fail(404, e.message);
  if (e instanceof MeetingConflictError) return fail(409, e.message);
  if (e instanceof TransitionRefusedError) return fail(e.decision.reason === "forbidden" ? 403 : 409, e.decision.message);
  if (e instanceof StaleWriteError)
    return fail(
      409,
      "This COE changed after your page was loaded (an edit, or another reviewer's decision), so nothing was recorded. The page now shows it as it is: check it, then record the outcome again.",
    );
  const failure = writeFailure(e);
  if (!failure) throw e;
  if (failure.status === 400) return fail(400, Object.values(failure.errors)[0] ?? "Nothing was saved.", failure.errors);
  if (failure.status === 404) return fail(404, failure.message);
  return fail(409, "Something changed meanwhile; reload the page.");
}
