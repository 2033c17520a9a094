import { and, asc, eq, gt } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { beforeEach, describe, expect, it } from "vitest";
import { listActionItems } from "~/data/action-item-lists.server";
import { endRunningMeeting, runMeetingIntent, startMeeting } from "~/data/meeting-agenda.server";
import { MeetingConflictError, MeetingForbiddenError } from "~/data/meeting-operation.server";
import { meetingPage } from "~/data/meeting-pages.server";
import { recordTeamReview, spinForTeam } from "~/data/meeting-team-reviews.server";
import { ensureMeetings } from "~/data/meeting-schedule.server";
import { teamPage, teamsWithWork } from "~/data/team-pages.server";
import { slipFigures } from "~/domain/action-items/slip";
import { toStoredFigures } from "~/domain/action-items/slip-history";
import { utcDay } from "~/domain/calendar-date";
import type { CoeDocument } from "~/domain/coe/interchange";
import { LIMITS } from "~/domain/limits";
import { spin } from "~/domain/meetings/agenda";
import { DEFAULT_SCHEDULE, upcomingMeetings, type MeetingSlot } from "~/domain/meetings/schedule";
import { mulberry32 } from "~/domain/random";
import MeetingAgenda, { action as agendaAction, loader as agendaLoader } from "~/routes/meetings.$meetingId._index";
import { action as teamPresentAction, loader as teamPresentLoader } from "~/routes/meetings.$meetingId.teams.$team";
import { loader as teamLoader } from "~/routes/teams.$team";
import { loader as teamsLoader } from "~/routes/teams._index";
import { withTransaction, type Db } from "../../db/client";
import { actionItems, auditEvents, coes, meetings, meetingTeamReviews, teams } from "../../db/schema";
import { insertCoe } from "../factories";
import { snapshotTables } from "../setup/db-snapshot";
import { answerStatus, postForm, returnedData, returnedStatus, routeArgs, thrownStatus } from "../setup/route-args";
import { freshDb } from "../setup/test-db";
import { insertUser, sessionCookieFor } from "../setup/users";

/* Issue 12: a team's operational page, and the weekly meeting reviewing a team the wheel picked, on whichever engine the run uses. */

const NOW = new Date();
const [SLOT1] = upcomingMeetings(DEFAULT_SCHEDULE, NOW, 1) as [MeetingSlot];
const DURING = new Date(SLOT1.startsAt.getTime() + 5 * 60_000);

type Item = CoeDocument["actionItems"][number];
const promised = (title: string, over: Partial<Item> = {}): Item => ({
  title,
  horizon: "mid",
  owner: null,
  promisedDate: "2026-01-10",
  status: "open",
  customerFacing: false,
  scaling: null,
  dateChanges: [{ at: "2026-01-01T09:00:00Z", from: null, to: "2026-01-10", reason: "First promise" }],
  ...over,
});

async function teamId(db: Db, name: string): Promise<number> {
  const [t] = await db.select({ id: teams.id }).from(teams).where(eq(teams.name, name));
  return t!.id;
}

/** Users, COEs of three teams (Search with items past their promise, Payments with none, Identity all closed), and the coming meetings. */
async function world(db: Db) {
  const author = await insertUser(db, "author");
  const member = await insertUser(db, "member");
  const reviewer = await insertUser(db, "reviewer");
  const admin = await insertUser(db, "admin");
  const make = (over: Partial<CoeDocument>) => insertCoe(db, over, { actorId: author.id, now: NOW });
  const searchCoe = await make({
    team: "Search",
    status: "in_review",
    title: "Search index went stale",
    actionItems: [
      promised("Rebuild the index nightly", {
        promisedDate: "2026-01-20",
        originalPromisedDate: "2026-01-10",
        dateChanges: [
          { at: "2026-01-01T09:00:00Z", from: null, to: "2026-01-10", reason: "First promise" },
          { at: "2026-01-20T10:00:00Z", from: "2026-01-10", to: "2026-01-20", reason: "The vendor was late" },
        ],
      }),
      promised("Alarm on index age", { status: "validated", validationNote: "Stopped the rebuild; the alarm fired in 5 minutes" }),
    ],
  });
  const draft = await make({ team: "Search", status: "draft", title: "Query API slow", actionItems: [] });
  const payments = await make({ team: "Payments", status: "draft", title: "Card payments timed out", actionItems: [] });
  const identity = await make({ team: "Identity", status: "draft", title: "Sign-in loop", actionItems: [] });
  await withTransaction(db, async (tx) => {
    // The second item was validated on 20 January; Identity's COE is closed (nothing open there).
    await tx
      .update(actionItems)
      .set({ validatedAt: new Date("2026-01-20T12:00:00Z") })
      .where(and(eq(actionItems.coeId, searchCoe), eq(actionItems.title, "Alarm on index age")));
    await tx.update(coes).set({ status: "closed" }).where(eq(coes.id, identity));
  });
  await withTransaction(db, (tx) => ensureMeetings(tx, DEFAULT_SCHEDULE, NOW));
  const [first] = await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.scheduledFor, SLOT1.date));
  return {
    author,
    member,
    reviewer,
    admin,
    searchCoe,
    draft,
    payments,
    identity,
    meeting: first!.id,
    search: await teamId(db, "Search"),
    paymentsTeam: await teamId(db, "Payments"),
    identityTeam: await teamId(db, "Identity"),
  };
}
type World = Awaited<ReturnType<typeof world>>;

/** A meeting held on `date` (started and ended), as the data says once a meeting is over. */
async function heldMeeting(db: Db, date: string, { started = true } = {}): Promise<number> {
  const startsAt = new Date(`${date}T10:00:00Z`);
  const [m] = await withTransaction(db, (tx) =>
    tx
      .insert(meetings)
      .values({ scheduledFor: date, startsAt, status: "done", startedAt: started ? startsAt : null, endedAt: new Date(startsAt.getTime() + 3_600_000) })
      .returning({ id: meetings.id }),
  );
  return m!.id;
}

const teamUrl = (meetingId: number, team: number) => `http://t/meetings/${meetingId}/teams/${team}`;
const params = (meetingId: number, team: number) => ({ meetingId: String(meetingId), team: String(team) });
const postTeam = (w: World, team: number, fields: Record<string, string | number>, cookie: string) =>
  teamPresentAction(routeArgs(teamUrl(w.meeting, team), params(w.meeting, team), postForm(teamUrl(w.meeting, team), fields, cookie)));
const postAgenda = (w: World, fields: Record<string, string | number>, cookie: string) =>
  agendaAction(routeArgs(`http://t/meetings/${w.meeting}`, { meetingId: String(w.meeting) }, postForm(`http://t/meetings/${w.meeting}`, fields, cookie)));
const get = (cookie: string) => ({ headers: { Cookie: cookie } });

const reviewRows = (db: Db, meetingId: number) => db.select().from(meetingTeamReviews).where(eq(meetingTeamReviews.meetingId, meetingId));

describe("a team's operational page", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("lists every team with its open COEs and open and overdue items; anyone signed in reads it", async () => {
    const w = await world(db);
    const member = await sessionCookieFor(w.member.id);
    const { teams: listed } = await teamsLoader(routeArgs("http://t/teams", {}, get(member)));
    expect(listed.map((t) => [t.name, t.openCoes, t.openItems, t.overdueItems])).toEqual([
      ["Identity", 0, 0, 0],
      ["Payments", 1, 0, 0],
      ["Search", 2, 1, 1],
    ]);
    const { page, canSeeAllItems } = await teamLoader(routeArgs(`http://t/teams/${w.search}`, { team: String(w.search) }, get(member)));
    expect(page.team).toEqual({ id: w.search, name: "Search" });
    expect(canSeeAllItems).toBe(false);
    expect(page.openCoes.rows.map((c) => c.id).sort()).toEqual([w.searchCoe, w.draft].sort());
    expect(page.buckets.map((b) => [b.bucket, b.rows.map((r) => r.title)])).toEqual([["overdue", ["Rebuild the index nightly"]]]);
    expect((await teamLoader(routeArgs(`http://t/teams/${w.identityTeam}`, { team: String(w.identityTeam) }, get(member)))).page.openCoes.total).toBe(0);
    for (const team of ["999999", "abc", "0"])
      expect((await thrownStatus(teamLoader(routeArgs(`http://t/teams/${team}`, { team }, get(member))))).status, team).toBe(404);
    expect((await thrownStatus(teamsLoader(routeArgs("http://t/teams", {}, {})))).status).toBe(302);
  });

  it("compares the figures with the last meeting held: the items as they stood on its day, or the figures it recorded when it reviewed the team", async () => {
    const w = await world(db);
    const now = new Date("2026-02-01T12:00:00Z");
    // Nothing held yet: nothing to compare with.
    expect((await teamPage(db, w.search, { now }))!.since).toBeNull();
    const held = await heldMeeting(db, "2026-01-14");
    // A meeting nobody started does not count, nor one after the page's date.
    await heldMeeting(db, "2026-01-21", { started: false });
    await heldMeeting(db, "2026-02-04");
    const page = (await teamPage(db, w.search, { now }))!;
    // Now: the open item 32 days into a 10-day promise (3.2×, moved once), the other validated on day 20 (2.0×).
    expect(page.figures).toMatchObject({ measured: 2, median: 2, p90: 3.2, worst: 3.2, onPromise: 0, due: 2, rePromisesPerItem: 0.5 });
    // On 14 January both were open, 14 days in (1.4×), and the promise had not moved yet.
    expect(page.since).toMatchObject({ meeting: { id: held, label: "Wednesday 14 January 2026" }, source: "items" });
    expect(page.since!.changes.map((c) => [c.figure, c.before, c.trend])).toEqual([
      ["median", 1.4, "worse"],
      ["p90", 1.4, "worse"],
      ["worst", 1.4, "worse"],
      ["onPromise", 0, "same"],
      ["rePromisesPerItem", 0, "worse"],
    ]);
    // Seen from before that meeting, there is none to compare with.
    expect((await teamPage(db, w.search, { now, before: new Date("2026-01-14T09:00:00Z") }))!.since).toBeNull();
    // When the meeting reviewed the team, what it recorded is the comparison.
    await withTransaction(db, (tx) =>
      tx.insert(meetingTeamReviews).values({
        meetingId: held,
        teamId: w.search,
        reviewedById: w.reviewer.id,
        followUp: "Bring the rebuild in",
        figures: { asOf: "2026-01-14", measured: 2, median: 3, p90: 4, worst: 4, onPromise: 0, due: 2, rePromisesPerItem: 1 },
      }),
    );
    const reviewed = (await teamPage(db, w.search, { now }))!;
    expect(reviewed.since).toMatchObject({ source: "review" });
    expect(reviewed.since!.changes.map((c) => c.trend)).toEqual(["better", "better", "better", "same", "better"]);
    expect(reviewed.reviews.map((r) => [r.meetingId, r.label, r.followUp, r.reviewedBy])).toEqual([
      [held, "Wednesday 14 January 2026", "Bring the rebuild in", "reviewer person"],
    ]);
  });
});

describe("reviewing a team in the weekly meeting", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("a reviewer records the team reviewed with a follow-up and its figures; again, it updates the follow-up; the minutes list it", async () => {
    const w = await world(db);
    const reviewer = await sessionCookieFor(w.reviewer.id);
    await startMeeting(db, { meetingId: w.meeting, actor: w.reviewer, now: DURING });
    const answer = await postTeam(w, w.search, { intent: "team-review", teamId: w.search, followUp: "  Bring the rebuild in by Friday  " }, reviewer);
    expect(returnedStatus(answer)).toBe(200);
    expect(returnedData<{ ok: boolean; message: string }>(answer)).toMatchObject({ ok: true, message: "Recorded: reviewed in this meeting." });
    const [row] = await reviewRows(db, w.meeting);
    const today = utcDay(Date.now());
    expect(row).toMatchObject({ teamId: w.search, reviewedById: w.reviewer.id, followUp: "Bring the rebuild in by Friday" });
    // The figures the meeting saw, stored with the day: what the next review compares with.
    expect(row!.figures).toEqual(JSON.parse(JSON.stringify(toStoredFigures(slipFigures(await listActionItems(db, { teamId: w.search }), today), today))));
    expect(row!.figures).toMatchObject({ asOf: today, measured: 2, due: 2 });
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "meeting.team_review"));
    expect(audit).toMatchObject({ actorId: w.reviewer.id, entityType: "meeting", entityId: w.meeting });
    expect(audit!.detail).toEqual({ teamId: w.search, team: "Search", followUp: "Bring the rebuild in by Friday", isUpdate: false });

    // Recorded again (an admin, a blank follow-up): one row, the follow-up replaced, the figures as first seen.
    const again = await postTeam(w, w.search, { intent: "team-review", teamId: w.search, followUp: "" }, await sessionCookieFor(w.admin.id));
    expect(returnedData<{ message: string }>(again).message).toBe("The follow-up is updated.");
    const rows = await reviewRows(db, w.meeting);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: row!.id, followUp: null, reviewedById: w.admin.id, figures: row!.figures });
    await postTeam(w, w.search, { intent: "team-review", teamId: w.search, followUp: "Bring the rebuild in by Friday" }, reviewer);

    // The presenting page shows it; the meeting page lists it and leaves the team off the wheel.
    const shown = await teamPresentLoader(routeArgs(teamUrl(w.meeting, w.search), params(w.meeting, w.search), get(reviewer)));
    expect(shown.review).toMatchObject({ team: "Search", followUp: "Bring the rebuild in by Friday" });
    expect(shown.canRun).toBe(true);
    const agenda = await agendaLoader(routeArgs(`http://t/meetings/${w.meeting}`, { meetingId: String(w.meeting) }, get(reviewer)));
    expect(agenda.teamReviews.map((r) => [r.team, r.followUp])).toEqual([["Search", "Bring the rebuild in by Friday"]]);
    expect(agenda.teamCandidates).toEqual([{ id: w.paymentsTeam, label: "Payments" }]);

    // Held: the minutes name the team and its follow-up.
    await endRunningMeeting(db, { meetingId: w.meeting, actor: w.reviewer, now: new Date(DURING.getTime() + 3_600_000) });
    const minutes = await agendaLoader(routeArgs(`http://t/meetings/${w.meeting}`, { meetingId: String(w.meeting) }, get(reviewer)));
    expect(minutes.meeting.status).toBe("done");
    expect(minutes.teamCandidates).toEqual([]);
    const Stub = createRoutesStub([{ id: "minutes", path: "/meetings/:meetingId", Component: MeetingAgenda as never, loader: () => minutes }]);
    const html = renderToStaticMarkup(
      createElement(Stub, { initialEntries: [`/meetings/${w.meeting}`], hydrationData: { loaderData: { minutes } } } as Parameters<typeof Stub>[0]),
    );
    expect(html).toContain("Minutes of the review meeting");
    expect(html).toMatch(/<h2 id="teams-reviewed">Teams reviewed<\/h2><ul class="team-reviews"><li><a href="\/teams\/\d+"[^>]*>Search<\/a>/);
    expect(html).toContain("Follow-up: Bring the rebuild in by Friday");
    // An ended meeting is kept as it was.
    expect(await answerStatus(postTeam(w, w.search, { intent: "team-review", teamId: w.search, followUp: "Later" }, reviewer))).toBe(409);
  });

  it("only reviewers and admins spin for a team or record a review: 403 for an author or a member, and nothing changes", async () => {
    const w = await world(db);
    await startMeeting(db, { meetingId: w.meeting, actor: w.reviewer, now: DURING });
    const forms: Record<string, string | number>[] = [{ intent: "spin-team" }, { intent: "team-review", teamId: w.search, followUp: "Forged" }];
    for (const who of [w.author, w.member]) {
      const cookie = await sessionCookieFor(who.id);
      const before = await snapshotTables(db, { except: ["sessions"] });
      for (const fields of forms) {
        expect(await answerStatus(postAgenda(w, fields, cookie)), `${who.role} ${fields.intent} on the agenda`).toBe(403);
        expect(await answerStatus(postTeam(w, w.search, fields, cookie)), `${who.role} ${fields.intent} on the team's page`).toBe(403);
        const values = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));
        expect(await runMeetingIntent(db, { meetingId: w.meeting, actor: who, values })).toMatchObject({ ok: false, status: 403 });
      }
      await expect(spinForTeam(db, { meetingId: w.meeting, actor: who, random: () => 0 })).rejects.toBeInstanceOf(MeetingForbiddenError);
      await expect(recordTeamReview(db, { meetingId: w.meeting, actor: who, teamId: w.search, followUp: "" })).rejects.toBeInstanceOf(MeetingForbiddenError);
      expect(await snapshotTables(db, { except: ["sessions"] })).toEqual(before);
    }
    // Members read the presenting page, without the form.
    const shown = await teamPresentLoader(routeArgs(teamUrl(w.meeting, w.search), params(w.meeting, w.search), get(await sessionCookieFor(w.member.id))));
    expect(shown.canRun).toBe(false);
    expect(shown.page.team.name).toBe("Search");
  });

  it("refuses what cannot be recorded: a follow-up over its limit (by field), a meeting not running, a team or meeting that does not exist", async () => {
    const w = await world(db);
    const reviewer = await sessionCookieFor(w.reviewer.id);
    const notYet = await postTeam(w, w.search, { intent: "team-review", teamId: w.search, followUp: "" }, reviewer);
    expect(returnedStatus(notYet)).toBe(409);
    expect(returnedData<{ message: string }>(notYet).message).toBe("Start the meeting first.");
    await expect(recordTeamReview(db, { meetingId: w.meeting, actor: w.reviewer, teamId: w.search, followUp: "" })).rejects.toBeInstanceOf(
      MeetingConflictError,
    );
    await startMeeting(db, { meetingId: w.meeting, actor: w.reviewer, now: DURING });
    const tooLong = await postTeam(w, w.search, { intent: "team-review", teamId: w.search, followUp: "x".repeat(LIMITS.teamFollowUp + 1) }, reviewer);
    expect(returnedStatus(tooLong)).toBe(400);
    expect(returnedData<{ errors: Record<string, string> }>(tooLong).errors.followUp).toMatch(/2,000/);
    expect(returnedStatus(await postTeam(w, w.search, { intent: "spin", teamId: w.search }, reviewer))).toBe(400);
    expect(await answerStatus(postTeam(w, 999999, { intent: "team-review", teamId: 999999, followUp: "" }, reviewer))).toBe(404);
    const unknownMeeting = teamPresentAction(
      routeArgs(teamUrl(999999, w.search), params(999999, w.search), postForm(teamUrl(999999, w.search), { intent: "team-review", followUp: "" }, reviewer)),
    );
    expect(await answerStatus(unknownMeeting)).toBe(404);
    expect(await reviewRows(db, w.meeting)).toEqual([]);
    expect((await thrownStatus(teamPresentLoader(routeArgs(teamUrl(w.meeting, 999999), params(w.meeting, 999999), get(reviewer))))).status).toBe(404);
    expect((await thrownStatus(teamPresentLoader(routeArgs(teamUrl(999999, w.search), params(999999, w.search), get(reviewer))))).status).toBe(404);
    // The form's team is the page's: a posted teamId naming another team records the page's team.
    await postTeam(w, w.search, { intent: "team-review", teamId: w.paymentsTeam, followUp: "" }, reviewer);
    expect((await reviewRows(db, w.meeting)).map((r) => r.teamId)).toEqual([w.search]);
  });

  it("the wheel spins for a team with open work not yet reviewed here, deterministically with a seeded source, until none is left", async () => {
    const w = await world(db);
    const reviewer = await sessionCookieFor(w.reviewer.id);
    const refused = await postAgenda(w, { intent: "spin-team" }, reviewer);
    expect(returnedStatus(refused)).toBe(409);
    await startMeeting(db, { meetingId: w.meeting, actor: w.reviewer, now: DURING });
    // Identity has nothing open: it is not on the wheel.
    const candidates = [w.paymentsTeam, w.search];
    expect((await teamsWithWork(db, utcDay(Date.now()))).map((t) => t.id).sort()).toEqual([w.identityTeam, w.paymentsTeam, w.search].sort());
    const expected = spin(candidates, mulberry32(2026));
    expect(await spinForTeam(db, { meetingId: w.meeting, actor: w.reviewer, random: mulberry32(2026) })).toBe(expected);
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "meeting.spin_team"));
    expect(audit!.detail).toMatchObject({ teamId: expected, candidates });
    // Through the agenda page: the pick comes back for the wheel to show (nothing else changes on screen).
    const answer = returnedData<{ ok: boolean; intent: string; pickedTeamId: number; spinKey: number }>(
      await postAgenda(w, { intent: "spin-team", formId: "spin" }, reviewer),
    );
    expect(answer).toMatchObject({ ok: true, intent: "spin-team" });
    expect(candidates).toContain(answer.pickedTeamId);
    // Reviewed teams leave the wheel; with none left, the spin picks nothing.
    await recordTeamReview(db, { meetingId: w.meeting, actor: w.reviewer, teamId: w.search, followUp: "" });
    for (const seed of [1, 2, 3]) expect(await spinForTeam(db, { meetingId: w.meeting, actor: w.reviewer, random: mulberry32(seed) })).toBe(w.paymentsTeam);
    await recordTeamReview(db, { meetingId: w.meeting, actor: w.reviewer, teamId: w.paymentsTeam, followUp: "" });
    expect(await spinForTeam(db, { meetingId: w.meeting, actor: w.reviewer, random: () => 0 })).toBeNull();
    const page = (await meetingPage(db, w.meeting, new Date()))!;
    expect(page.teamCandidates).toEqual([]);
    expect(page.teamReviews.map((r) => r.teamId)).toEqual([w.search, w.paymentsTeam]);
    // A team reviewed in this meeting is on the next meeting's wheel again.
    const [next] = await db.select({ id: meetings.id }).from(meetings).where(gt(meetings.startsAt, SLOT1.startsAt)).orderBy(asc(meetings.startsAt)).limit(1);
    expect((await meetingPage(db, next!.id, new Date()))!.teamCandidates.map((c) => c.id)).toEqual(candidates);
  });
});
