import { and, asc, eq, gt, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { withTransaction, type Db } from "../../db/client";
import { auditEvents, meetingItems, meetings, settings } from "../../db/schema";
import { carryOver, type Agenda, type AgendaItem } from "../domain/meetings/agenda";
import { DEFAULT_SCHEDULE, upcomingMeetings, WEEKDAYS, type MeetingSchedule, type MeetingSlot } from "../domain/meetings/schedule";

const SCHEDULE_KEY = "meeting_schedule";
/** How many weeks ahead meetings exist, so a reviewer can move an item to a later one. */
export const WEEKS_AHEAD = 6;
/** A planned meeting nobody started is over this long after its start: its unpresented items go on to the next one. */
const UNHELD_AFTER_MS = 24 * 3_600_000;

const StoredSchedule = z.object({ weekday: z.enum(WEEKDAYS), time: z.string(), timeZone: z.string() });

/** The organisation's meeting weekday, time and zone (Wednesday 10:00 UTC until an admin sets them). */
export async function getMeetingSchedule(db: Db): Promise<MeetingSchedule> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, SCHEDULE_KEY));
  const parsed = StoredSchedule.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_SCHEDULE;
}

/**
 * Saves a (checked) schedule. Planned meetings still ahead that no longer fall on the schedule are
 * dropped and their agendas moved, in order, to the new meeting that follows them, so changing the
 * weekday loses nothing that was queued.
 */
export async function saveMeetingSchedule(db: Db, input: { schedule: MeetingSchedule; actorId: number; now: Date }) {
  const { schedule, actorId, now } = input;
  await withTransaction(db, async (tx) => {
    await tx
      .insert(settings)
      .values({ key: SCHEDULE_KEY, value: schedule })
      .onConflictDoUpdate({ target: settings.key, set: { value: schedule } });
    const slots = await ensureMeetings(tx, schedule, now);
    const onSchedule = new Set(slots.map((s) => s.date));
    const stray = await tx
      .select({ id: meetings.id, startsAt: meetings.startsAt, scheduledFor: meetings.scheduledFor })
      .from(meetings)
      .where(and(eq(meetings.status, "planned"), gt(meetings.startsAt, now)))
      .orderBy(asc(meetings.startsAt));
    for (const m of stray.filter((m) => !onSchedule.has(m.scheduledFor))) {
      const targetId = await meetingIdOn(tx, slots.find((s) => s.startsAt >= m.startsAt!) ?? slots[slots.length - 1]!);
      await moveAgenda(tx, m.id, targetId);
      await tx.update(meetingItems).set({ carriedToMeetingId: targetId }).where(eq(meetingItems.carriedToMeetingId, m.id));
      await tx.delete(meetings).where(eq(meetings.id, m.id));
    }
    await tx.insert(auditEvents).values({ actorId, action: "meetings.schedule", entityType: "settings", detail: { ...schedule }, createdAt: now });
  });
}

/**
 * Makes the meetings of the coming weeks exist (idempotent, safe to run from two instances: the
 * date is unique) and carries over the agenda of any planned meeting nobody held. Returns the slots.
 */
export async function ensureMeetings(db: Db, schedule: MeetingSchedule, now: Date): Promise<MeetingSlot[]> {
  const slots = upcomingMeetings(schedule, now, WEEKS_AHEAD);
  await db
    .insert(meetings)
    .values(slots.map((s) => ({ scheduledFor: s.date, startsAt: s.startsAt, createdAt: now })))
    .onConflictDoNothing({ target: meetings.scheduledFor });
  const unheld = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.status, "planned"), lt(meetings.startsAt, new Date(now.getTime() - UNHELD_AFTER_MS))));
  for (const m of unheld) await withTransaction(db, (tx) => endMeeting(tx, m.id, schedule, now));
  return slots;
}

/** The meeting row of a slot (creating it if needed). */
async function meetingIdOn(tx: Db, slot: MeetingSlot): Promise<number> {
  await tx.insert(meetings).values({ scheduledFor: slot.date, startsAt: slot.startsAt }).onConflictDoNothing({ target: meetings.scheduledFor });
  const [row] = await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.scheduledFor, slot.date));
  return row!.id;
}

/** The first meeting not yet started that starts strictly after `from` (the schedule's, created if needed). */
async function plannedMeetingAfter(tx: Db, schedule: MeetingSchedule, from: Date): Promise<number> {
  const [planned] = await tx
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.status, "planned"), gt(meetings.startsAt, from)))
    .orderBy(asc(meetings.startsAt))
    .limit(1);
  return planned?.id ?? meetingIdOn(tx, upcomingMeetings(schedule, from, 1)[0]!);
}

/** A meeting's agenda in order (what the domain's agenda operations work on), with each item's row id. */
export async function agendaOf(tx: Db, meetingId: number): Promise<(AgendaItem & { id: number })[]> {
  const rows = await tx
    .select({ id: meetingItems.id, coeId: meetingItems.coeId, presentedAt: meetingItems.presentedAt, carriedTo: meetingItems.carriedToMeetingId })
    .from(meetingItems)
    .where(eq(meetingItems.meetingId, meetingId))
    .orderBy(asc(meetingItems.position), asc(meetingItems.id));
  // An item carried over counts as dealt with here: it waits on the next meeting's agenda.
  return rows.map((r) => ({ id: r.id, coeId: r.coeId, presented: r.presentedAt !== null || r.carriedTo !== null }));
}

/** Stores an agenda: inserts the COEs not yet on it and numbers every item in the given order. */
export async function storeAgenda(tx: Db, meetingId: number, agenda: Agenda) {
  for (const [position, item] of agenda.entries()) {
    await tx
      .insert(meetingItems)
      .values({ meetingId, coeId: item.coeId, position })
      .onConflictDoUpdate({ target: [meetingItems.meetingId, meetingItems.coeId], set: { position } });
  }
}

/**
 * A COE entered review (submitted, reopened, imported in review, …): it goes on the agenda of the
 * next meeting, unless a meeting that has not ended already has it waiting to be presented.
 */
export async function queueForReview(tx: Db, coeId: number, now: Date) {
  const waiting = await tx
    .select({ id: meetingItems.id })
    .from(meetingItems)
    .innerJoin(meetings, eq(meetings.id, meetingItems.meetingId))
    .where(and(eq(meetingItems.coeId, coeId), isNull(meetingItems.presentedAt), ne(meetings.status, "done")))
    .limit(1);
  if (waiting.length) return;
  // Only the next meeting is needed here (bulk imports queue thousands); the weeks ahead and any
  // carry-over are made by the meeting pages (ensureMeetings) when someone looks.
  await appendToAgenda(tx, await plannedMeetingAfter(tx, await getMeetingSchedule(tx), now), coeId);
}

/** Puts a COE at the end of a meeting's agenda (one statement, however long the agenda), unless it is on it already. */
async function appendToAgenda(tx: Db, meetingId: number, coeId: number) {
  const next = sql<number>`(select coalesce(max(${meetingItems.position}), -1) + 1 from ${meetingItems} where ${meetingItems.meetingId} = ${meetingId})`;
  await tx
    .insert(meetingItems)
    .values({ meetingId, coeId, position: next })
    .onConflictDoNothing({ target: [meetingItems.meetingId, meetingItems.coeId] });
}

/** A COE left review outside a meeting (withdrawn, decided): it comes off the agendas of meetings not yet started. */
export async function unqueueFromReview(tx: Db, coeId: number) {
  const planned = tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.status, "planned"));
  await tx.delete(meetingItems).where(and(eq(meetingItems.coeId, coeId), isNull(meetingItems.presentedAt), inArray(meetingItems.meetingId, planned)));
}

/** Moves a meeting's unpresented items into another meeting's agenda, first and in their order (carry-over), and deletes them here. */
async function moveAgenda(tx: Db, fromMeetingId: number, toMeetingId: number) {
  const from = await agendaOf(tx, fromMeetingId);
  await storeAgenda(tx, toMeetingId, carryOver(from, await agendaOf(tx, toMeetingId)));
  const moved = from.filter((i) => !i.presented).map((i) => i.id);
  if (moved.length) await tx.delete(meetingItems).where(inArray(meetingItems.id, moved));
}

/**
 * Ends a meeting: what was not presented carries over to the front of the next meeting's agenda
 * (and stays listed on this one's minutes as carried over); the meeting is marked done. Returns
 * the meeting the items went to, if any.
 */
export async function endMeeting(tx: Db, meetingId: number, schedule: MeetingSchedule, now: Date): Promise<number | undefined> {
  const [meeting] = await tx
    .update(meetings)
    .set({ status: "done", endedAt: now, currentItemId: null, version: sql`${meetings.version} + 1` })
    .where(and(eq(meetings.id, meetingId), ne(meetings.status, "done")))
    .returning({ startsAt: meetings.startsAt });
  if (!meeting) return undefined;
  const ended = await agendaOf(tx, meetingId);
  const carried = ended.filter((i) => !i.presented);
  if (!carried.length) return undefined;
  const after = meeting.startsAt && meeting.startsAt > now ? meeting.startsAt : now;
  const nextId = await plannedMeetingAfter(tx, schedule, after);
  await storeAgenda(tx, nextId, carryOver(ended, await agendaOf(tx, nextId)));
  await tx.update(meetingItems).set({ carriedToMeetingId: nextId }).where(inArray(meetingItems.id, carried.map((i) => i.id)));
  return nextId;
}
