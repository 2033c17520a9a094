import { eq, sql } from "drizzle-orm";
import { withTransaction, type Db } from "../../db/client";
import { auditEvents, meetings } from "../../db/schema";
import { canReview, type Actor } from "../domain/coe/permissions";
import { mulberry32 } from "../domain/random";

/*
 * What every operation on a meeting shares (SPEC §3): who may run it, the lock on the meeting row,
 * the audit event, and the refusals the routes turn into 403, 404 and 409.
 */

/** Someone who is neither reviewer nor admin tried to run a meeting: 403, and nothing was written. */
export class MeetingForbiddenError extends Error {}
/** The meeting or its agenda is not in a state for this (ended, not started, the COE moved off it, already decided): 409, nothing written. */
export class MeetingConflictError extends Error {}
/** The meeting (or what the operation names in it) does not exist: 404. */
export class MeetingMissingError extends Error {}

const ENDED = "This meeting has ended: its agenda, attendees and outcomes are kept as they were.";

export type MeetingRequest = { meetingId: number; actor: Actor; now?: Date };
export type LockedMeeting = { id: number; status: "planned" | "in_progress" | "done"; startsAt: Date | null; currentItemId: number | null };
/** What an operation did: its answer, and the audit detail (none when nothing changed, so nothing is audited). */
export type Done<T> = { value: T; detail?: Record<string, unknown> };

/**
 * Runs `work` on a meeting: refuses anyone who may not run meetings before anything is read, then
 * in one transaction locks the meeting row (`version = version + 1`), does the work and audits it
 * as `meeting.<op>`.
 */
export async function onMeeting<T>(
  db: Db,
  req: MeetingRequest,
  op: string,
  work: (tx: Db, meeting: LockedMeeting, now: Date) => Promise<Done<T>>,
): Promise<T> {
  if (!canReview(req.actor)) throw new MeetingForbiddenError("Only reviewers and admins run review meetings.");
  const now = req.now ?? new Date();
  return withTransaction(db, async (tx) => {
    const [meeting] = await tx
      .update(meetings)
      .set({ version: sql`${meetings.version} + 1` })
      .where(eq(meetings.id, req.meetingId))
      .returning({ id: meetings.id, status: meetings.status, startsAt: meetings.startsAt, currentItemId: meetings.currentItemId });
    if (!meeting) throw new MeetingMissingError("That meeting does not exist.");
    const { value, detail } = await work(tx, meeting, now);
    if (detail) await tx.insert(auditEvents).values({ actorId: req.actor.id, action: `meeting.${op}`, entityType: "meeting", entityId: meeting.id, detail, createdAt: now });
    return value;
  });
}

export function requireOpen(meeting: LockedMeeting) {
  if (meeting.status === "done") throw new MeetingConflictError(ENDED);
}

export function requireRunning(meeting: LockedMeeting) {
  requireOpen(meeting);
  if (meeting.status === "planned") throw new MeetingConflictError("Start the meeting first.");
}

let seededWheel: (() => number) | undefined;

/** The wheel's source of chance: Math.random, or a seeded one when WHEEL_SEED is set (browser tests replay their spins). */
export function wheelRandom(): () => number {
  const seed = process.env.WHEEL_SEED;
  if (seed === undefined || seed === "") return Math.random;
  if (!/^\d{1,10}$/.test(seed)) throw new Error(`WHEEL_SEED=${JSON.stringify(seed)} is not a whole number`);
  seededWheel ??= mulberry32(Number(seed));
  return seededWheel;
}
