import { and, asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { sectionVersionOf } from "~/data/section-versions.server";
import {
  endRunningMeeting,
  MeetingConflictError,
  MeetingForbiddenError,
  moveItem,
  moveToLaterMeeting,
  nextCandidates,
  nextInOrder,
  pickNext,
  presentItem,
  recordOutcome,
  removeItem,
  runMeetingIntent,
  setAttendance,
  startMeeting,
  type OutcomeRequest,
} from "~/data/meeting-agenda.server";
import { ensureMeetings } from "~/data/meeting-schedule.server";
import { alsoOnTheMeeting, meetingDateLabel, meetingPage, meetingsOverview, presentingState } from "~/data/meeting-pages.server";
import { FieldError } from "~/data/write-errors.server";
import type { Actor } from "~/domain/coe/permissions";
import { notYetPresented, spin } from "~/domain/meetings/agenda";
import { DEFAULT_SCHEDULE, upcomingMeetings, type MeetingSlot } from "~/domain/meetings/schedule";
import { mulberry32 } from "~/domain/random";
import { action as agendaAction, loader as agendaLoader } from "~/routes/meetings.$meetingId._index";
import { action as presentAction, loader as presentLoader } from "~/routes/meetings.$meetingId.present";
import { action as settingsAction, loader as settingsLoader } from "~/routes/admin.meetings";
import { loader as listLoader } from "~/routes/meetings._index";
import { withTransaction, type Db } from "../../db/client";
import {
  actionItemDateChanges,
  actionItems,
  auditEvents,
  coes,
  coeTransitions,
  comments,
  meetingAttendees,
  meetingItems,
  meetings,
  reviewDecisions,
  settings,
} from "../../db/schema";
import { insertCoe } from "../factories";
import { snapshotTables } from "../setup/db-snapshot";
import { answerStatus, postForm, returnedData, returnedStatus, routeArgs, thrownStatus } from "../setup/route-args";
import { freshDb } from "../setup/test-db";
import { insertUser, sessionCookieFor } from "../setup/users";

/* Issue 11: running the weekly review meeting, through the data layer and the routes, on whichever engine the run uses. */

// The meetings here are the next ones from now (default schedule: Wednesdays 10:00 UTC), so the
// pages, which plan from the real clock, see them as coming; the data layer is given its instants.
const NOW = new Date();
const [SLOT1, SLOT2, SLOT3] = upcomingMeetings(DEFAULT_SCHEDULE, NOW, 3) as [MeetingSlot, MeetingSlot, MeetingSlot];
const FIRST = SLOT1.date;
const SECOND = SLOT2.date;
/** Five minutes into the first meeting. */
const DURING = new Date(SLOT1.startsAt.getTime() + 5 * 60_000);
/** An hour after the first meeting began: what enters review now goes to the second. */
const AFTER_FIRST_STARTED = new Date(SLOT1.startsAt.getTime() + 3_600_000);

async function world(db: Db) {
  const author = await insertUser(db, "author");
  const member = await insertUser(db, "member");
  const reviewer = await insertUser(db, "reviewer");
  const admin = await insertUser(db, "admin");
  const queued = async (title: string) => insertCoe(db, { status: "in_review", title }, { actorId: author.id, now: NOW });
  const a = await queued("Disk full on storage nodes");
  const b = await queued("Card payments timed out");
  const c = await queued("Search index went stale");
  // The coming weeks' meetings, as the meetings pages make them when someone looks.
  await withTransaction(db, (tx) => ensureMeetings(tx, DEFAULT_SCHEDULE, NOW));
  return { author, member, reviewer, admin, a, b, c, first: await meetingOn(db, FIRST), second: await meetingOn(db, SECOND) };
}
type World = Awaited<ReturnType<typeof world>>;

async function meetingOn(db: Db, date: string): Promise<number> {
  const [m] = await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.scheduledFor, date));
  if (!m) throw new Error(`no meeting on ${date}`);
  return m.id;
}

async function agendaCoes(db: Db, meetingId: number) {
  const rows = await db
    .select({ coeId: meetingItems.coeId })
    .from(meetingItems)
    .where(eq(meetingItems.meetingId, meetingId))
    .orderBy(asc(meetingItems.position), asc(meetingItems.id));
  return rows.map((r) => r.coeId);
}

async function itemRow(db: Db, meetingId: number, coeId: number) {
  const [row] = await db
    .select()
    .from(meetingItems)
    .where(and(eq(meetingItems.meetingId, meetingId), eq(meetingItems.coeId, coeId)));
  return row;
}

async function meetingRow(db: Db, meetingId: number) {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  return row!;
}

async function coeStatus(db: Db, coeId: number) {
  const [row] = await db.select({ status: coes.status }).from(coes).where(eq(coes.id, coeId));
  return row!.status;
}

async function versions(db: Db, coeId: number) {
  const [row] = await db.select({ version: coes.version }).from(coes).where(eq(coes.id, coeId));
  return { coeVersion: row!.version, statusVersion: await sectionVersionOf(db, coeId, "status") };
}

async function openComment(db: Db, coeId: number, authorId: number, body = "Why was the canary skipped?") {
  const [row] = await withTransaction(db, (tx) => tx.insert(comments).values({ coeId, authorId, body }).returning({ id: comments.id }));
  return row!.id;
}

/** Starts the first meeting and presents `coeId` (as the reviewer, during the meeting). */
async function running(db: Db, w: World, coeId?: number) {
  await startMeeting(db, { meetingId: w.first, actor: w.reviewer, now: DURING });
  if (coeId !== undefined) await presentItem(db, { meetingId: w.first, actor: w.reviewer, coeId, now: DURING });
}

async function outcome(db: Db, w: World, coeId: number, extra: Partial<OutcomeRequest> & Pick<OutcomeRequest, "outcome">) {
  return recordOutcome(db, { meetingId: w.first, actor: w.reviewer, coeId, now: DURING, ...(await versions(db, coeId)), ...extra });
}

const agendaUrl = (meetingId: number) => `http://t/meetings/${meetingId}`;
const presentUrl = (meetingId: number, coeId?: number) => `http://t/meetings/${meetingId}/present${coeId ? `?coe=${coeId}` : ""}`;
const postAgenda = (meetingId: number, fields: Record<string, string | number>, cookie: string) =>
  agendaAction(routeArgs(agendaUrl(meetingId), { meetingId: String(meetingId) }, postForm(agendaUrl(meetingId), fields, cookie)));
const postPresent = (meetingId: number, fields: Record<string, string | number>, cookie: string, coeId?: number) =>
  presentAction(routeArgs(presentUrl(meetingId, coeId), { meetingId: String(meetingId) }, postForm(presentUrl(meetingId, coeId), fields, cookie)));

describe("running a review meeting", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("only reviewers and admins run meetings: every operation by an author or a member is refused (403) and nothing changes", async () => {
    const w = await world(db);
    await openComment(db, w.a, w.author.id);
    const forms: Record<string, string | number>[] = [
      { intent: "move", coeId: w.c, toIndex: 0 },
      { intent: "remove", coeId: w.b },
      { intent: "move-to-meeting", coeId: w.b, toMeetingId: w.second },
      { intent: "start" },
      { intent: "present", coeId: w.a },
      { intent: "spin" },
      { intent: "next" },
      { intent: "outcome", coeId: w.a, outcome: "approved", note: "", statusVersion: 1, coeVersion: 1, confirmApprove: "on" },
      { intent: "outcome", coeId: w.a, outcome: "follow_up", note: "Look again", statusVersion: 1, coeVersion: 1 },
      { intent: "attendance", shown: `${w.author.id},${w.member.id}`, [`attendee-${w.author.id}`]: "on" },
      { intent: "attend-self", present: "yes" },
      { intent: "end" },
    ];
    const before = await snapshotTables(db);
    for (const who of [w.author, w.member]) {
      const cookie = await sessionCookieFor(who.id);
      // Sessions are the one thing signing in writes: compare everything else.
      const baseline = await snapshotTables(db, { except: ["sessions"] });
      for (const fields of forms) {
        expect(await answerStatus(postAgenda(w.first, fields, cookie)), `${who.role} ${fields.intent} on the agenda page`).toBe(403);
        expect(await answerStatus(postPresent(w.first, fields, cookie, w.a)), `${who.role} ${fields.intent} in presenting mode`).toBe(403);
        const answer = await runMeetingIntent(db, {
          meetingId: w.first,
          actor: who,
          values: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])),
        });
        expect(answer, `${who.role} ${fields.intent} through the data layer`).toMatchObject({ ok: false, status: 403 });
      }
      const actor: Actor = who;
      for (const op of [
        () => moveItem(db, { meetingId: w.first, actor, coeId: w.c, toIndex: 0 }),
        () => removeItem(db, { meetingId: w.first, actor, coeId: w.b }),
        () => moveToLaterMeeting(db, { meetingId: w.first, actor, coeId: w.b, toMeetingId: w.second }),
        () => startMeeting(db, { meetingId: w.first, actor }),
        () => presentItem(db, { meetingId: w.first, actor, coeId: w.a }),
        () => pickNext(db, { meetingId: w.first, actor, how: "spin", random: () => 0 }),
        () => recordOutcome(db, { meetingId: w.first, actor, coeId: w.a, outcome: "follow_up", note: "x", statusVersion: 1, coeVersion: 1 }),
        () => setAttendance(db, { meetingId: w.first, actor, changes: [{ userId: actor.id, present: true }] }),
        () => endRunningMeeting(db, { meetingId: w.first, actor }),
      ])
        await expect(op()).rejects.toBeInstanceOf(MeetingForbiddenError);
      expect(await snapshotTables(db, { except: ["sessions"] })).toEqual(baseline);
    }
    const { sessions: _before, ...restBefore } = before;
    const { sessions: _after, ...restAfter } = await snapshotTables(db);
    expect(restAfter).toEqual(restBefore);
    // The same request from a reviewer goes through, so the refusals above are about who asked.
    expect(await answerStatus(postAgenda(w.first, forms[0]!, await sessionCookieFor(w.reviewer.id)))).toBe(200);
    expect(await agendaCoes(db, w.first)).toEqual([w.c, w.a, w.b]);
  });

  it("anyone signed in reads the meeting pages; only reviewers see the controls", async () => {
    const w = await world(db);
    const get = (cookie: string) => ({ headers: { Cookie: cookie } });
    const member = await sessionCookieFor(w.member.id);
    const page = await agendaLoader(routeArgs(agendaUrl(w.first), { meetingId: String(w.first) }, get(member)));
    expect(page.canRun).toBe(false);
    expect(page.items.map((i) => i.coeId)).toEqual([w.a, w.b, w.c]);
    const reviewerPage = await agendaLoader(routeArgs(agendaUrl(w.first), { meetingId: String(w.first) }, get(await sessionCookieFor(w.reviewer.id))));
    expect(reviewerPage.canRun).toBe(true);
    const list = await listLoader(routeArgs("http://t/meetings", {}, get(member)));
    expect(list.coming.map((m) => m.date).slice(0, 2)).toEqual([FIRST, SECOND]);
    expect(list.coming[0]).toMatchObject({ items: 3, label: meetingDateLabel(FIRST) });
    // Presenting mode names the COE on screen in its address (the first on the agenda until one is presented).
    const redirected = await thrownStatus(presentLoader(routeArgs(presentUrl(w.first), { meetingId: String(w.first) }, get(member))));
    expect(redirected).toMatchObject({ status: 302, location: `/meetings/${w.first}/present?coe=${w.a}` });
    const present = await presentLoader(routeArgs(presentUrl(w.first, w.b), { meetingId: String(w.first) }, get(member)));
    expect(present.coe?.id).toBe(w.b);
    expect(present.canRun).toBe(false);
    // A COE that is not on this agenda is not shown here.
    const other = await insertCoe(db, { status: "draft" }, { actorId: w.author.id });
    const away = await thrownStatus(presentLoader(routeArgs(presentUrl(w.first, other), { meetingId: String(w.first) }, get(member))));
    expect(away).toMatchObject({ status: 302, location: `/meetings/${w.first}/present` });
    expect((await thrownStatus(agendaLoader(routeArgs("http://t/meetings/999999", { meetingId: "999999" }, get(member))))).status).toBe(404);
    expect((await thrownStatus(agendaLoader(routeArgs("http://t/meetings/abc", { meetingId: "abc" }, get(member))))).status).toBe(404);
  });

  it("reorders the agenda (clamped to it), audits the move, and refuses a COE that is not on it", async () => {
    const w = await world(db);
    expect(await moveItem(db, { meetingId: w.first, actor: w.reviewer, coeId: w.c, toIndex: 0 })).toBe(0);
    expect(await agendaCoes(db, w.first)).toEqual([w.c, w.a, w.b]);
    expect(await moveItem(db, { meetingId: w.first, actor: w.admin, coeId: w.c, toIndex: 99 })).toBe(2);
    expect(await agendaCoes(db, w.first)).toEqual([w.a, w.b, w.c]);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "meeting.move")).orderBy(asc(auditEvents.id));
    expect(audit.map((e) => [e.entityType, e.entityId, e.detail])).toEqual([
      ["meeting", w.first, { coeId: w.c, from: 2, to: 0 }],
      ["meeting", w.first, { coeId: w.c, from: 0, to: 2 }],
    ]);
    const other = await insertCoe(db, { status: "draft" }, { actorId: w.author.id });
    await expect(moveItem(db, { meetingId: w.first, actor: w.reviewer, coeId: other, toIndex: 0 })).rejects.toBeInstanceOf(MeetingConflictError);
    // Through the page (a Move up button without JavaScript): 200, and the new order.
    const cookie = await sessionCookieFor(w.reviewer.id);
    expect(returnedStatus(await postAgenda(w.first, { intent: "move", coeId: w.b, toIndex: 0 }, cookie))).toBe(200);
    expect(await agendaCoes(db, w.first)).toEqual([w.b, w.a, w.c]);
    const refused = await postAgenda(w.first, { intent: "move", coeId: other, toIndex: 0 }, cookie);
    expect(returnedStatus(refused)).toBe(409);
    expect(returnedData<{ message: string }>(refused).message).toMatch(/no longer on this agenda/);
    const malformed = await postAgenda(w.first, { intent: "move", coeId: w.b, toIndex: "first" }, cookie);
    expect(returnedStatus(malformed)).toBe(400);
    expect(returnedData<{ errors: Record<string, string> }>(malformed).errors).toHaveProperty("toIndex");
    expect(await agendaCoes(db, w.first)).toEqual([w.b, w.a, w.c]);
  });

  it("moves a COE to the end of a later meeting's agenda, and only to a later meeting not yet started", async () => {
    const w = await world(db);
    // Something already waits for the second meeting.
    const d = await insertCoe(db, { status: "in_review", title: "Queued after the first meeting" }, { actorId: w.author.id, now: AFTER_FIRST_STARTED });
    expect(await agendaCoes(db, w.second)).toEqual([d]);
    expect(await moveToLaterMeeting(db, { meetingId: w.first, actor: w.reviewer, coeId: w.a, toMeetingId: w.second })).toBe(w.second);
    expect(await agendaCoes(db, w.first)).toEqual([w.b, w.c]);
    expect(await agendaCoes(db, w.second)).toEqual([d, w.a]);
    // Not backwards, not to itself.
    const back = await moveToLaterMeeting(db, { meetingId: w.second, actor: w.reviewer, coeId: d, toMeetingId: w.first }).catch((e: unknown) => e);
    expect(back).toBeInstanceOf(FieldError);
    expect((back as FieldError).field).toBe("toMeetingId");
    await expect(moveToLaterMeeting(db, { meetingId: w.first, actor: w.reviewer, coeId: w.b, toMeetingId: w.first })).rejects.toBeInstanceOf(FieldError);
    // Not a COE already presented.
    await running(db, w, w.b);
    await outcome(db, w, w.b, { outcome: "follow_up", note: "Bring the load test" });
    await expect(moveToLaterMeeting(db, { meetingId: w.first, actor: w.reviewer, coeId: w.b, toMeetingId: w.second })).rejects.toBeInstanceOf(
      MeetingConflictError,
    );
    // Through the page: a field error on the select.
    const third = await meetingOn(db, SLOT3.date);
    const cookie = await sessionCookieFor(w.reviewer.id);
    const wrong = await postAgenda(w.second, { intent: "move-to-meeting", formId: `item-${d}`, coeId: d, toMeetingId: w.first }, cookie);
    expect(returnedStatus(wrong)).toBe(400);
    expect(returnedData<{ formId: string; errors: Record<string, string> }>(wrong)).toMatchObject({
      formId: `item-${d}`,
      errors: { toMeetingId: expect.any(String) },
    });
    expect(returnedStatus(await postAgenda(w.second, { intent: "move-to-meeting", coeId: d, toMeetingId: third }, cookie))).toBe(200);
    expect(await agendaCoes(db, third)).toEqual([d]);
  });

  it("removes a COE not yet presented (it stays in review), and stops presenting it", async () => {
    const w = await world(db);
    await running(db, w, w.b);
    await removeItem(db, { meetingId: w.first, actor: w.reviewer, coeId: w.b, now: DURING });
    expect(await agendaCoes(db, w.first)).toEqual([w.a, w.c]);
    expect((await meetingRow(db, w.first)).currentItemId).toBeNull();
    expect(await coeStatus(db, w.b)).toBe("in_review");
    await expect(removeItem(db, { meetingId: w.first, actor: w.reviewer, coeId: w.b })).rejects.toBeInstanceOf(MeetingConflictError);
  });

  it("starts only the next meeting, one at a time; presenting, spinning and outcomes wait for the start", async () => {
    const w = await world(db);
    await expect(presentItem(db, { meetingId: w.first, actor: w.reviewer, coeId: w.a })).rejects.toThrow(/Start the meeting first/);
    await expect(pickNext(db, { meetingId: w.first, actor: w.reviewer, how: "spin" })).rejects.toBeInstanceOf(MeetingConflictError);
    await expect(startMeeting(db, { meetingId: w.second, actor: w.reviewer, now: DURING })).rejects.toThrow(/comes first/);
    expect(await startMeeting(db, { meetingId: w.first, actor: w.reviewer, now: DURING })).toBe(true);
    expect(await startMeeting(db, { meetingId: w.first, actor: w.admin, now: DURING })).toBe(false);
    const m = await meetingRow(db, w.first);
    expect(m.status).toBe("in_progress");
    expect(m.startedAt?.getTime()).toBe(DURING.getTime());
    await expect(startMeeting(db, { meetingId: w.second, actor: w.reviewer, now: DURING })).rejects.toThrow(/still running/);
    // Presenting sets the meeting's current item and starts the item's timer once.
    await presentItem(db, { meetingId: w.first, actor: w.reviewer, coeId: w.b, now: DURING });
    const later = new Date(DURING.getTime() + 60_000);
    await presentItem(db, { meetingId: w.first, actor: w.reviewer, coeId: w.a, now: later });
    await presentItem(db, { meetingId: w.first, actor: w.reviewer, coeId: w.b, now: new Date(later.getTime() + 60_000) });
    const b = await itemRow(db, w.first, w.b);
    expect((await meetingRow(db, w.first)).currentItemId).toBe(b!.id);
    expect(b!.startedAt?.getTime()).toBe(DURING.getTime());
    expect((await itemRow(db, w.first, w.a))!.startedAt?.getTime()).toBe(later.getTime());
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "meeting.present"))).toHaveLength(3);
  });

  it("the wheel picks with a seeded source deterministically, only among COEs not yet presented, and presents the pick", async () => {
    const w = await world(db);
    for (const title of ["Queue backed up", "CDN purge failed", "Sign-in loop"])
      await insertCoe(db, { status: "in_review", title }, { actorId: w.author.id, now: NOW });
    await running(db, w, w.a);
    await outcome(db, w, w.a, { outcome: "follow_up", note: "Needs the load test" });
    const agendaBefore = await agendaCoes(db, w.first);
    const expected = spin(
      agendaBefore.filter((id) => id !== w.a),
      mulberry32(2026),
    );
    const picked = await pickNext(db, { meetingId: w.first, actor: w.reviewer, how: "spin", random: mulberry32(2026), now: DURING });
    expect(picked).toBe(expected);
    const item = await itemRow(db, w.first, picked!);
    expect((await meetingRow(db, w.first)).currentItemId).toBe(item!.id);
    expect(item!.startedAt?.getTime()).toBe(DURING.getTime());
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "meeting.spin"));
    expect(audit!.detail).toEqual({ coeId: picked, candidates: agendaBefore.filter((id) => id !== w.a) });
    // Whatever the source says, the presented COE (a) and the one on screen are never picked again while others wait.
    for (let seed = 1; seed <= 25; seed++) {
      const onScreen = (
        await db
          .select({ coeId: meetingItems.coeId })
          .from(meetingItems)
          .where(eq(meetingItems.id, (await meetingRow(db, w.first)).currentItemId!))
      )[0]!.coeId;
      const next = await pickNext(db, { meetingId: w.first, actor: w.reviewer, how: "spin", random: mulberry32(seed), now: DURING });
      expect(next).not.toBe(w.a);
      expect(next).not.toBe(onScreen);
    }
    // Every source gives the same answer for the same seed: a second run from the same state picks the same COE.
    const rnd = mulberry32(99);
    const state = (await presentingState(db, w.first, DURING))!;
    const agenda = state.items.map((i) => ({ coeId: i.coeId, presented: i.presentedAtMs !== null }));
    const again = spin(nextCandidates(agenda, state.currentCoeId ?? undefined), mulberry32(99));
    expect(await pickNext(db, { meetingId: w.first, actor: w.reviewer, how: "spin", random: rnd, now: DURING })).toBe(again);
    // Nothing left: null, and nothing changes.
    for (const coeId of agendaBefore.filter((id) => id !== w.a)) {
      await presentItem(db, { meetingId: w.first, actor: w.reviewer, coeId, now: DURING });
      await outcome(db, w, coeId, { outcome: "follow_up", note: "Later" });
    }
    expect(await pickNext(db, { meetingId: w.first, actor: w.reviewer, how: "spin", random: mulberry32(1) })).toBeNull();
    expect(await pickNext(db, { meetingId: w.first, actor: w.reviewer, how: "order" })).toBeNull();
  });

  it("next in order goes round the agenda from the COE on screen, skipping those presented", () => {
    const agenda = [1, 2, 3, 4].map((coeId) => ({ coeId, presented: coeId === 3 }));
    expect(nextInOrder(agenda, undefined)).toBe(1);
    expect(nextInOrder(agenda, 2)).toBe(4);
    expect(nextInOrder(agenda, 4)).toBe(1);
    expect(nextCandidates(agenda, 2)).toEqual([1, 4]);
    // The one on screen is picked only when it is the last one waiting.
    expect(nextCandidates([{ coeId: 7, presented: false }], 7)).toEqual([7]);
    expect(notYetPresented(agenda)).toEqual([1, 2, 4]);
  });

  it("approving in the meeting transitions the COE and records the decision with the meeting", async () => {
    const w = await world(db);
    await running(db, w, w.a);
    const comment = await openComment(db, w.a, w.reviewer.id);
    // Open comments: approving asks for confirmation first.
    const unconfirmed = await outcome(db, w, w.a, { outcome: "approved" }).catch((e: unknown) => e);
    expect(unconfirmed).toBeInstanceOf(FieldError);
    expect((unconfirmed as FieldError).field).toBe("confirmApprove");
    expect(await coeStatus(db, w.a)).toBe("in_review");
    await outcome(db, w, w.a, { outcome: "approved", note: "Well argued", confirmOpenComments: true });
    expect(await coeStatus(db, w.a)).toBe("approved");
    const [decision] = await db.select().from(reviewDecisions).where(eq(reviewDecisions.coeId, w.a));
    expect(decision).toMatchObject({ reviewerId: w.reviewer.id, decision: "approved", meetingId: w.first, note: "Well argued" });
    const [transition] = await db.select().from(coeTransitions).where(eq(coeTransitions.coeId, w.a));
    expect(transition).toMatchObject({ transition: "approve", fromStatus: "in_review", toStatus: "approved", meetingId: w.first });
    const item = await itemRow(db, w.first, w.a);
    expect(item).toMatchObject({ outcome: "approved", outcomeNote: "Well argued" });
    expect(item!.presentedAt?.getTime()).toBe(DURING.getTime());
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "meeting.outcome"))).toHaveLength(1);
    // Once decided, not again.
    await expect(outcome(db, w, w.a, { outcome: "follow_up", note: "again" })).rejects.toBeInstanceOf(MeetingConflictError);
    expect(comment).toBeGreaterThan(0);
  });

  it("a decision on a COE changed since the page was read is a 409, and nothing is recorded", async () => {
    const w = await world(db);
    await running(db, w, w.a);
    const seen = await versions(db, w.a);
    await withTransaction(db, (tx) =>
      tx
        .update(coes)
        .set({ version: seen.coeVersion + 1 })
        .where(eq(coes.id, w.a)),
    );
    const cookie = await sessionCookieFor(w.reviewer.id);
    const before = await snapshotTables(db, { except: ["sessions"] });
    const stale = await postPresent(w.first, { intent: "outcome", formId: "outcome", coeId: w.a, outcome: "approved", note: "", ...seen }, cookie, w.a);
    expect(returnedStatus(stale)).toBe(409);
    expect(returnedData<{ message: string }>(stale).message).toMatch(/changed after your page was loaded/);
    expect(await snapshotTables(db, { except: ["sessions"] })).toEqual(before);
  });

  it("requesting changes names open comments (400 by field otherwise); through presenting mode it redirects back to the COE", async () => {
    const w = await world(db);
    await running(db, w, w.a);
    const cookie = await sessionCookieFor(w.reviewer.id);
    const base = { intent: "outcome", formId: "outcome", coeId: w.a, outcome: "changes_requested", note: "See the comments" };
    const none = await postPresent(w.first, { ...base, ...(await versions(db, w.a)) }, cookie, w.a);
    expect(returnedStatus(none)).toBe(400);
    expect(returnedData<{ errors: Record<string, string> }>(none).errors).toHaveProperty("commentIds");
    const open = await openComment(db, w.a, w.reviewer.id);
    const done = await thrownStatus(postPresent(w.first, { ...base, ...(await versions(db, w.a)), [`comment-${open}`]: "on" }, cookie, w.a));
    expect(done).toMatchObject({ status: 302, location: `/meetings/${w.first}/present?coe=${w.a}` });
    expect(await coeStatus(db, w.a)).toBe("changes_requested");
    const [decision] = await db.select().from(reviewDecisions).where(eq(reviewDecisions.coeId, w.a));
    expect(decision).toMatchObject({ decision: "changes_requested", commentIds: [open], meetingId: w.first });
    expect(await itemRow(db, w.first, w.a)).toMatchObject({ outcome: "changes_requested", outcomeNote: "See the comments" });
  });

  it("a follow-up needs a note, keeps the COE in review and queues it for the next meeting", async () => {
    const w = await world(db);
    await running(db, w, w.b);
    const noNote = await outcome(db, w, w.b, { outcome: "follow_up", note: "  " }).catch((e: unknown) => e);
    expect((noNote as FieldError).field).toBe("note");
    expect(await itemRow(db, w.first, w.b)).toMatchObject({ outcome: null, presentedAt: null });
    await outcome(db, w, w.b, { outcome: "follow_up", note: "Come back with the capacity plan" });
    expect(await coeStatus(db, w.b)).toBe("in_review");
    expect(await itemRow(db, w.first, w.b)).toMatchObject({ outcome: "follow_up", outcomeNote: "Come back with the capacity plan" });
    expect(await agendaCoes(db, w.second)).toEqual([w.b]);
    expect(await db.select().from(coeTransitions).where(eq(coeTransitions.coeId, w.b))).toEqual([]);
  });

  it("ending the meeting carries what was not presented to the front of the next agenda; the minutes keep everything", async () => {
    const w = await world(db);
    const d = await insertCoe(db, { status: "in_review", title: "Queued for the second meeting" }, { actorId: w.author.id, now: AFTER_FIRST_STARTED });
    await running(db, w, w.b);
    await outcome(db, w, w.b, { outcome: "approved", note: "Good" });
    await setAttendance(db, { meetingId: w.first, actor: w.reviewer, changes: [{ userId: w.reviewer.id, present: true }], now: DURING });
    const ended = new Date(SLOT1.startsAt.getTime() + 90 * 60_000);
    expect(await endRunningMeeting(db, { meetingId: w.first, actor: w.reviewer, now: ended })).toBe(w.second);
    expect(await agendaCoes(db, w.second)).toEqual([w.a, w.c, d]);
    const m = await meetingRow(db, w.first);
    expect(m).toMatchObject({ status: "done", currentItemId: null });
    expect(m.endedAt?.getTime()).toBe(ended.getTime());
    const minutes = (await meetingPage(db, w.first, ended))!;
    expect(minutes.items.map((i) => [i.coeId, i.outcome, i.carriedTo?.id ?? null])).toEqual([
      [w.a, null, w.second],
      [w.b, "approved", null],
      [w.c, null, w.second],
    ]);
    expect(minutes.items[0]!.carriedTo!.label).toBe(meetingDateLabel(SECOND));
    expect(minutes.attendees.map((a) => a.id)).toEqual([w.reviewer.id]);
    expect(minutes.also).toBeNull();
    // A held meeting is kept as it was.
    await expect(moveItem(db, { meetingId: w.first, actor: w.reviewer, coeId: w.b, toIndex: 0 })).rejects.toBeInstanceOf(MeetingConflictError);
    await expect(setAttendance(db, { meetingId: w.first, actor: w.reviewer, changes: [{ userId: w.admin.id, present: true }] })).rejects.toBeInstanceOf(
      MeetingConflictError,
    );
    await expect(endRunningMeeting(db, { meetingId: w.first, actor: w.reviewer })).rejects.toBeInstanceOf(MeetingConflictError);
    const overview = await meetingsOverview(db, ended);
    expect(overview.past.map((p) => [p.id, p.presented, p.carried])).toEqual([[w.first, 1, 2]]);
    expect(overview.highlightedId).toBe(w.second);
    // Through the page, ending redirects to the minutes.
    await startMeeting(db, { meetingId: w.second, actor: w.reviewer, now: SLOT2.startsAt });
    const end = await thrownStatus(postAgenda(w.second, { intent: "end" }, await sessionCookieFor(w.admin.id)));
    expect(end).toMatchObject({ status: 302, location: `/meetings/${w.second}` });
  });

  it("takes attendance: people marked present and absent, oneself included; unknown people are a field error", async () => {
    const w = await world(db);
    const cookie = await sessionCookieFor(w.reviewer.id);
    const shown = [w.author.id, w.member.id, w.reviewer.id].join(",");
    const attendees = async () =>
      (await db.select({ userId: meetingAttendees.userId }).from(meetingAttendees).where(eq(meetingAttendees.meetingId, w.first)))
        .map((r) => r.userId)
        .sort((x, y) => x - y);
    expect(
      returnedStatus(await postAgenda(w.first, { intent: "attendance", shown, [`attendee-${w.author.id}`]: "on", [`attendee-${w.member.id}`]: "on" }, cookie)),
    ).toBe(200);
    expect(await attendees()).toEqual([w.author.id, w.member.id].sort((x, y) => x - y));
    expect(returnedStatus(await postAgenda(w.first, { intent: "attendance", shown, [`attendee-${w.member.id}`]: "on" }, cookie))).toBe(200);
    expect(await attendees()).toEqual([w.member.id]);
    expect(returnedStatus(await postPresent(w.first, { intent: "attend-self", present: "yes" }, cookie, w.a))).toBe(200);
    expect(await attendees()).toEqual([w.member.id, w.reviewer.id].sort((x, y) => x - y));
    const unknown = await postAgenda(w.first, { intent: "attendance", shown: "999999", "attendee-999999": "on" }, cookie);
    expect(returnedStatus(unknown)).toBe(400);
    expect(returnedData<{ errors: Record<string, string> }>(unknown).errors).toHaveProperty("attendance");
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "meeting.attendance"))).toHaveLength(3);
  });

  it("a comment posted in presenting mode lands on the COE the page showed, whatever is on screen meanwhile", async () => {
    const w = await world(db);
    await running(db, w, w.a);
    const cookie = await sessionCookieFor(w.member.id);
    const posted = await postPresent(w.first, { intent: "add-comment", formId: "new-comment", anchor: "coe", body: "What did the canary show?" }, cookie, w.b);
    expect(returnedStatus(posted)).toBe(200);
    const rows = await db.select({ coeId: comments.coeId, body: comments.body }).from(comments);
    expect(rows).toEqual([{ coeId: w.b, body: "What did the canary show?" }]);
    const other = await insertCoe(db, { status: "draft" }, { actorId: w.author.id });
    const away = await postPresent(w.first, { intent: "add-comment", formId: "new-comment", anchor: "coe", body: "Lost?" }, cookie, other);
    expect(returnedStatus(away)).toBe(409);
    expect(await db.select().from(comments)).toHaveLength(1);
  });

  it("lists action items past their promised date, dates changed since the previous meeting, and late customer RCAs", async () => {
    // Fixed dates here: a Monday, two days before the meeting looked at (25 November), a week after the previous one.
    const MONDAY = new Date("2026-11-23T12:00:00Z");
    const author = await insertUser(db, "author");
    const owner = await insertUser(db, "member");
    // The previous meeting, a week before the one looked at.
    await withTransaction(db, (tx) =>
      tx
        .insert(meetings)
        .values({ scheduledFor: "2026-11-18", startsAt: new Date("2026-11-18T10:00:00Z"), status: "done", endedAt: new Date("2026-11-18T11:00:00Z") }),
    );
    const item = (title: string, promisedDate: string, status: "open" | "in_progress" | "implemented" | "validated" = "open") => ({
      title,
      horizon: "short" as const,
      owner: null,
      promisedDate,
      status,
      customerFacing: false,
      scaling: null,
      ...(status === "validated" ? { validationNote: "Checked" } : {}),
    });
    const tracked = await insertCoe(
      db,
      {
        status: "in_review",
        title: "Items to look at",
        customerImpact: { startedAt: "2026-11-20T08:00:00Z", regions: [] },
        actionItems: [
          item("Went past since last week", "2026-11-20"),
          item("Long overdue", "2026-10-01", "in_progress"),
          item("Done on time", "2026-11-01", "validated"),
          item("Due later", "2026-12-31"),
          item("Due today", "2026-11-23"),
        ],
      },
      { actorId: author.id, now: MONDAY },
    );
    const ids = new Map(
      (await db.select({ id: actionItems.id, title: actionItems.title }).from(actionItems).where(eq(actionItems.coeId, tracked))).map((r) => [r.title, r.id]),
    );
    await withTransaction(db, (tx) =>
      tx.insert(actionItemDateChanges).values([
        {
          actionItemId: ids.get("Due later")!,
          changedById: owner.id,
          fromDate: "2026-11-30",
          toDate: "2026-12-31",
          reason: "Waiting on a vendor",
          createdAt: new Date("2026-11-20T09:00:00Z"),
        },
        {
          actionItemId: ids.get("Long overdue")!,
          changedById: owner.id,
          fromDate: "2026-09-01",
          toDate: "2026-10-01",
          reason: "Before the last meeting",
          createdAt: new Date("2026-11-17T09:00:00Z"),
        },
      ]),
    );
    // Customer RCAs: late by the Customer impact time, late by the timeline alone, written, not yet due, closed.
    const rca = (title: string, startedAt: string | undefined, extra: Record<string, unknown> = {}) =>
      insertCoe(db, { status: "in_review", title, customerImpact: { startedAt, regions: [] }, actionItems: [], ...extra }, { actorId: author.id, now: MONDAY });
    const late = await rca("Late by impact start", "2026-11-01T00:00:00Z");
    const byTimeline = await rca("Late by the timeline", undefined, {
      timeline: [
        { at: "2026-10-20T00:00:00Z", kind: "impact_start", text: "Errors began" },
        { at: "2026-10-20T01:00:00Z", kind: "mitigated", text: "Fixed" },
      ],
    });
    await rca("Written", "2026-11-01T00:00:00Z", { customerRca: "We are sorry: here is what happened." });
    await rca("Written as an empty document", "2026-11-02T00:00:00Z", { customerRca: { type: "doc", content: [{ type: "paragraph" }] } });
    await rca("Not yet due", "2026-11-20T00:00:00Z");
    await rca("Closed long ago", "2026-01-01T00:00:00Z", { status: "closed" });
    const emptyDoc = (await db.select({ id: coes.id }).from(coes).where(eq(coes.title, "Written as an empty document")))[0]!.id;

    const m = await meetingOn(db, "2026-11-25");
    const page = (await meetingPage(db, m, MONDAY))!;
    expect(page.previous?.label).toBe("Wednesday 18 November 2026");
    const also = page.also!;
    expect(also.overdue.rows.map((r) => [r.title, r.isNew])).toEqual([
      ["Went past since last week", true],
      ["Long overdue", false],
    ]);
    expect(also.overdue.total).toBe(2);
    expect(also.dateChanges.rows.map((r) => [r.title, r.fromDate, r.toDate, r.changedBy])).toEqual([
      ["Due later", "2026-11-30", "2026-12-31", "member person"],
    ]);
    expect(also.lateRcas.rows.map((r) => r.id)).toEqual([byTimeline, late, emptyDoc]);
    expect(also.lateRcas.rows[0]!.dueMs).toBe(Date.parse("2026-10-27T00:00:00Z"));
    // Later, more goes past its date.
    const later = await alsoOnTheMeeting(db, { since: new Date("2026-11-18T10:00:00Z"), now: new Date("2027-01-05T12:00:00Z"), timeZone: "UTC" });
    expect(later.overdue.rows.map((r) => r.title)).toEqual(["Due later", "Due today", "Went past since last week", "Long overdue"]);
  });

  it("admins set the weekday, time and zone; each wrong field is named and nothing is saved", async () => {
    const author = await insertUser(db, "author");
    const admin = await insertUser(db, "admin");
    const reviewer = await insertUser(db, "reviewer");
    await insertCoe(db, { status: "in_review", title: "Waiting" }, { actorId: author.id, now: NOW });
    const url = "http://t/admin/meetings";
    const post = (fields: Record<string, string>, cookie: string) => settingsAction(routeArgs(url, {}, postForm(url, fields, cookie)));
    expect((await thrownStatus(settingsLoader(routeArgs(url, {}, { headers: { Cookie: await sessionCookieFor(reviewer.id) } })))).status).toBe(403);
    expect((await thrownStatus(post({ weekday: "friday", time: "09:30", timeZone: "Europe/Berlin" }, await sessionCookieFor(reviewer.id)))).status).toBe(403);
    const cookie = await sessionCookieFor(admin.id);
    const before = await db.select().from(settings);
    const wrong = await post({ weekday: "someday", time: "25:00", timeZone: "Mars/Olympus" }, cookie);
    expect(returnedStatus(wrong)).toBe(400);
    expect(Object.keys(returnedData<{ errors: Record<string, string> }>(wrong).errors).sort()).toEqual(["time", "timeZone", "weekday"]);
    expect(await db.select().from(settings)).toEqual(before);
    expect((await thrownStatus(post({ weekday: "friday", time: "09:30", timeZone: "Europe/Berlin" }, cookie))).location).toBe("/admin/meetings?saved");
    const page = await settingsLoader(routeArgs(url, {}, { headers: { Cookie: cookie } }));
    expect(page.schedule).toEqual({ weekday: "friday", time: "09:30", timeZone: "Europe/Berlin" });
    expect(page.upcoming).toHaveLength(4);
    expect(page.upcoming.every((u) => u.label.startsWith("Friday"))).toBe(true);
    expect(page.timeZones).toContain("Europe/Berlin");
  });
});
