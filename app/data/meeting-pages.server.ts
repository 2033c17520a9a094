import { and, asc, count, desc, eq, gt, inArray, lt, lte, ne, sql } from "drizzle-orm";
import { withTransaction, type Db } from "../../db/client";
import { actionItemDateChanges, actionItems, coes, meetingAttendees, meetingItems, meetings, teams, users } from "../../db/schema";
import type { Actor } from "../domain/coe/permissions";
import type { Bucket } from "../domain/action-items/owner-view";
import type { ActionStatus } from "../domain/enums";
import { upcomingMeetings, type MeetingSchedule } from "../domain/meetings/schedule";
import { utcDay } from "../domain/calendar-date";
import { meetingDateLabel } from "../domain/meetings/date-label";
import { teamWheelCandidates } from "../domain/meetings/teams";
import { localDate } from "../domain/zoned-parts";
import { renderRichText } from "../editor/render.server";
import { commentChoices, commentsPanelData } from "./comment-views.server";
import { coeInsights, lintOptionsFor } from "./coe-insights.server";
import { getCoe } from "./coe-reading.server";
import { laterMeetings } from "./meeting-agenda.server";
import { ensureMeetings, getMeetingSchedule, WEEKS_AHEAD } from "./meeting-schedule.server";
import { teamPage, teamReviewsOf, teamsWithWork } from "./team-pages.server";
import { listActiveUsers } from "./users.server";

/*
 * What the meeting pages show: the list of meetings, one meeting's agenda (or minutes) with what
 * else the meeting looks at, and presenting mode. Every list is bounded; the queries go by index
 * (meeting items by meeting, action items by status and promised date, date changes by time).
 */

export { meetingDateLabel };

/** How many rows an "also on this meeting" list shows (the total is given alongside). */
export const ALSO_LIMIT = 25;
/** Past meetings listed (a year of weekly meetings). */
const PAST_LIMIT = 52;
const DAY_MS = 86_400_000;
/** Action items still to be done: the others are validated or cancelled. */
const UNFINISHED: ActionStatus[] = ["open", "in_progress", "implemented"];

/**
 * The meetings of the coming weeks exist, and meetings nobody held have carried their agendas over
 * (ensureMeetings). Checked with two reads first, so a page view only writes when something is due.
 */
export async function ensureMeetingsExist(db: Db, now: Date): Promise<MeetingSchedule> {
  const schedule = await getMeetingSchedule(db);
  const slots = upcomingMeetings(schedule, now, WEEKS_AHEAD);
  const existing = await db
    .select({ n: count() })
    .from(meetings)
    .where(
      inArray(
        meetings.scheduledFor,
        slots.map((s) => s.date),
      ),
    );
  // A planned meeting whose start has passed may be one nobody held (ensureMeetings decides how long after to carry it over).
  const [overdue] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.status, "planned"), lt(meetings.startsAt, now)))
    .limit(1);
  if (Number(existing[0]?.n ?? 0) < slots.length || overdue) await withTransaction(db, (tx) => ensureMeetings(tx, schedule, now));
  return schedule;
}

export type MeetingSummary = {
  id: number;
  date: string;
  label: string;
  startsAtMs: number | null;
  status: "planned" | "in_progress" | "done";
  items: number;
  presented: number;
  carried: number;
};

const summaryColumns = { id: meetings.id, date: meetings.scheduledFor, startsAt: meetings.startsAt, status: meetings.status };

/** The coming meetings (soonest first, the one to highlight marked by id) and past ones (newest first), each with its agenda's counts. */
export async function meetingsOverview(db: Db, now: Date) {
  const schedule = await ensureMeetingsExist(db, now);
  const coming = await db
    .select(summaryColumns)
    .from(meetings)
    .where(ne(meetings.status, "done"))
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(WEEKS_AHEAD * 2);
  const past = await db.select(summaryColumns).from(meetings).where(eq(meetings.status, "done")).orderBy(desc(meetings.startsAt), desc(meetings.id)).limit(PAST_LIMIT);
  const ids = [...coming, ...past].map((m) => m.id);
  const counts = ids.length
    ? await db
        .select({ meetingId: meetingItems.meetingId, items: count(), presented: count(meetingItems.presentedAt), carried: count(meetingItems.carriedToMeetingId) })
        .from(meetingItems)
        .where(inArray(meetingItems.meetingId, ids))
        .groupBy(meetingItems.meetingId)
    : [];
  const byMeeting = new Map(counts.map((c) => [c.meetingId, c]));
  const summary = (m: (typeof coming)[number]): MeetingSummary => {
    const c = byMeeting.get(m.id);
    return {
      id: m.id,
      date: m.date,
      label: meetingDateLabel(m.date),
      startsAtMs: m.startsAt?.getTime() ?? null,
      status: m.status,
      items: Number(c?.items ?? 0),
      presented: Number(c?.presented ?? 0),
      carried: Number(c?.carried ?? 0),
    };
  };
  // The meeting to look at: the one running, else the next to start.
  const highlighted = coming.find((m) => m.status === "in_progress") ?? coming.find((m) => (m.startsAt?.getTime() ?? 0) > now.getTime()) ?? coming[0];
  return { schedule, coming: coming.map(summary), past: past.map(summary), highlightedId: highlighted?.id ?? null };
}

/** A meeting's row, or undefined. */
async function meetingRow(db: Db, meetingId: number) {
  const [m] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  return m;
}

/** The agenda's rows in order, with each COE's title, severity, team and status. */
async function agendaRows(db: Db, meetingId: number) {
  const rows = await db
    .select({
      itemId: meetingItems.id,
      coeId: meetingItems.coeId,
      outcome: meetingItems.outcome,
      outcomeNote: meetingItems.outcomeNote,
      startedAt: meetingItems.startedAt,
      presentedAt: meetingItems.presentedAt,
      carriedToMeetingId: meetingItems.carriedToMeetingId,
      title: coes.title,
      severity: coes.severity,
      coeStatus: coes.status,
      team: teams.name,
    })
    .from(meetingItems)
    .innerJoin(coes, eq(coes.id, meetingItems.coeId))
    .innerJoin(teams, eq(teams.id, coes.teamId))
    .where(eq(meetingItems.meetingId, meetingId))
    .orderBy(asc(meetingItems.position), asc(meetingItems.id));
  const carriedIds = [...new Set(rows.flatMap((r) => (r.carriedToMeetingId === null ? [] : [r.carriedToMeetingId])))];
  const carriedDates = carriedIds.length
    ? new Map(
        (await db.select({ id: meetings.id, date: meetings.scheduledFor }).from(meetings).where(inArray(meetings.id, carriedIds))).map((m) => [m.id, m.date]),
      )
    : new Map<number, string>();
  return rows.map((r) => ({
    itemId: r.itemId,
    coeId: r.coeId,
    title: r.title,
    severity: r.severity,
    team: r.team,
    coeStatus: r.coeStatus,
    outcome: r.outcome,
    outcomeNote: r.outcomeNote,
    startedAtMs: r.startedAt?.getTime() ?? null,
    presentedAtMs: r.presentedAt?.getTime() ?? null,
    carriedTo: r.carriedToMeetingId === null ? null : { id: r.carriedToMeetingId, label: meetingDateLabel(carriedDates.get(r.carriedToMeetingId) ?? "") },
  }));
}
export type AgendaRowView = Awaited<ReturnType<typeof agendaRows>>[number];

const meetingView = (m: NonNullable<Awaited<ReturnType<typeof meetingRow>>>) => ({
  id: m.id,
  date: m.scheduledFor,
  label: meetingDateLabel(m.scheduledFor),
  startsAtMs: m.startsAt?.getTime() ?? null,
  status: m.status,
  startedAtMs: m.startedAt?.getTime() ?? null,
  endedAtMs: m.endedAt?.getTime() ?? null,
  currentItemId: m.currentItemId,
});

/**
 * One meeting as its page shows it: the agenda (what was presented, with outcomes, and what was
 * carried over where), attendees and the people who could attend, the later meetings an item can
 * move to, the teams it reviewed (and, while it runs, those the wheel may pick), and — while it is
 * not over — the action items and customer RCAs it should look at.
 */
export async function meetingPage(db: Db, meetingId: number, now: Date) {
  const schedule = await ensureMeetingsExist(db, now);
  const m = await meetingRow(db, meetingId);
  if (!m) return undefined;
  const items = await agendaRows(db, meetingId);
  const attendees = await db
    .select({ id: users.id, name: users.name })
    .from(meetingAttendees)
    .innerJoin(users, eq(users.id, meetingAttendees.userId))
    .where(eq(meetingAttendees.meetingId, meetingId))
    .orderBy(asc(users.name), asc(users.id));
  const people = (await listActiveUsers(db)).map(({ id, name }) => ({ id, name }));
  const [previous] = m.startsAt
    ? await db
        .select({ id: meetings.id, date: meetings.scheduledFor, startsAt: meetings.startsAt })
        .from(meetings)
        .where(lt(meetings.startsAt, m.startsAt))
        .orderBy(desc(meetings.startsAt))
        .limit(1)
    : [];
  const later = m.status === "done" ? [] : (await laterMeetings(db, m)).map((l) => ({ id: l.id, label: meetingDateLabel(l.date), startsAtMs: l.startsAt?.getTime() ?? null }));
  // Since the previous meeting began (a week before this one, for the first meeting ever).
  const since = previous?.startsAt ?? new Date((m.startsAt?.getTime() ?? now.getTime()) - 7 * DAY_MS);
  const also = m.status === "done" ? null : await alsoOnTheMeeting(db, { since, now, timeZone: schedule.timeZone });
  const teamReviews = await teamReviewsOf(db, meetingId);
  // The wheel's teams while the meeting can still spin (the same list the spin draws from).
  const teamCandidates =
    m.status === "done"
      ? []
      : teamWheelCandidates(
          await teamsWithWork(db, utcDay(now.getTime())),
          teamReviews.map((r) => r.teamId),
        );
  return {
    meeting: meetingView(m),
    timeZone: schedule.timeZone,
    items,
    attendees,
    people,
    later,
    previous: previous ? { id: previous.id, label: meetingDateLabel(previous.date) } : null,
    sinceMs: since.getTime(),
    also,
    teamReviews,
    teamCandidates,
  };
}
export type MeetingPageData = NonNullable<Awaited<ReturnType<typeof meetingPage>>>;

/**
 * What the meeting looks at besides its agenda: action items past their promised date while still
 * unfinished (those that passed it since the previous meeting marked new), promised dates changed
 * since the previous meeting, and COEs whose customer RCA is past its 7-day due date.
 */
export async function alsoOnTheMeeting(db: Db, { since, now, timeZone }: { since: Date; now: Date; timeZone: string }) {
  const today = localDate(now.getTime(), timeZone);
  const sinceDay = localDate(since.getTime(), timeZone);
  const isOverdue = and(inArray(actionItems.status, UNFINISHED), lt(actionItems.promisedDate, today));
  const overdueRows = await db
    .select({
      id: actionItems.id,
      title: actionItems.title,
      promisedDate: actionItems.promisedDate,
      status: actionItems.status,
      ownerName: users.name,
      coeId: coes.id,
      coeTitle: coes.title,
    })
    .from(actionItems)
    .innerJoin(coes, eq(coes.id, actionItems.coeId))
    .leftJoin(users, eq(users.id, actionItems.ownerId))
    .where(isOverdue)
    .orderBy(desc(actionItems.promisedDate), asc(actionItems.id))
    .limit(ALSO_LIMIT);
  const [overdueTotal] = await db.select({ n: count() }).from(actionItems).where(isOverdue);

  const isChange = and(gt(actionItemDateChanges.createdAt, since), lte(actionItemDateChanges.createdAt, now));
  const changeRows = await db
    .select({
      id: actionItemDateChanges.id,
      fromDate: actionItemDateChanges.fromDate,
      toDate: actionItemDateChanges.toDate,
      reason: actionItemDateChanges.reason,
      createdAt: actionItemDateChanges.createdAt,
      changedBy: users.name,
      itemId: actionItems.id,
      title: actionItems.title,
      coeId: coes.id,
      coeTitle: coes.title,
    })
    .from(actionItemDateChanges)
    .innerJoin(actionItems, eq(actionItems.id, actionItemDateChanges.actionItemId))
    .innerJoin(coes, eq(coes.id, actionItems.coeId))
    .leftJoin(users, eq(users.id, actionItemDateChanges.changedById))
    .where(isChange)
    .orderBy(desc(actionItemDateChanges.createdAt), desc(actionItemDateChanges.id))
    .limit(ALSO_LIMIT);
  const [changesTotal] = await db.select({ n: count() }).from(actionItemDateChanges).where(isChange);

  return {
    overdue: {
      rows: overdueRows.map((r) => ({ ...r, promisedDate: r.promisedDate!, isNew: r.promisedDate! >= sinceDay })),
      total: Number(overdueTotal?.n ?? 0),
    },
    dateChanges: {
      rows: changeRows.map(({ createdAt, ...r }) => ({ ...r, atMs: createdAt.getTime() })),
      total: Number(changesTotal?.n ?? 0),
    },
    lateRcas: await lateCustomerRcas(db, now),
  };
}

/** COEs not closed whose customer RCA is past due (7 days after impact started, impact start as the reading page decides) and not written, most overdue first. */
export async function lateCustomerRcas(db: Db, now: Date) {
  // One indexed range (coes.rcaOwedAt is kept by every write), however many COEs there are.
  const late = and(lt(coes.rcaOwedAt, now), ne(coes.status, "closed"));
  const rows = await db
    .select({ id: coes.id, title: coes.title, severity: coes.severity, status: coes.status, team: teams.name, owedAt: coes.rcaOwedAt })
    .from(coes)
    .innerJoin(teams, eq(teams.id, coes.teamId))
    .where(late)
    .orderBy(asc(coes.rcaOwedAt), asc(coes.id))
    .limit(ALSO_LIMIT);
  const [total] = await db.select({ n: sql<number>`count(*)` }).from(coes).where(late);
  return { rows: rows.map(({ owedAt, ...r }) => ({ ...r, dueMs: owedAt!.getTime() })), total: Number(total?.n ?? 0) };
}

/** The meeting and its agenda as presenting mode needs them, and which COE is on screen. */
export async function presentingState(db: Db, meetingId: number, now: Date) {
  await ensureMeetingsExist(db, now);
  const m = await meetingRow(db, meetingId);
  if (!m) return undefined;
  const items = await agendaRows(db, meetingId);
  const current = items.find((i) => i.itemId === m.currentItemId && i.carriedTo === null);
  const upNext = items.find((i) => i.presentedAtMs === null && i.carriedTo === null);
  const attendees = await db.select({ userId: meetingAttendees.userId }).from(meetingAttendees).where(eq(meetingAttendees.meetingId, meetingId));
  return {
    meeting: meetingView(m),
    items,
    currentCoeId: current?.coeId ?? null,
    upNextCoeId: upNext?.coeId ?? null,
    attendeeIds: attendees.map((a) => a.userId),
  };
}

/** One COE as presenting mode shows it: impact summary, metrics, tree, action items, the open comments a decision can name, and its comments. */
export async function presentedCoe(db: Db, coeId: number, viewer: Actor) {
  const coe = await getCoe(db, coeId);
  if (!coe) return undefined;
  const people = await listActiveUsers(db);
  const { metrics } = coeInsights(coe, lintOptionsFor(coe, people));
  const panel = await commentsPanelData(db, coe, viewer, people);
  const comments = { ...panel, anchorChoices: commentChoices(coe, panel.threads) };
  const cut = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);
  return {
    id: coe.id,
    title: coe.title,
    severity: coe.severity,
    status: coe.status,
    teamName: coe.teamName,
    authors: coe.authors.map((a) => a.name),
    version: coe.version,
    statusVersion: coe.sectionVersions.status ?? 0,
    whysVersion: coe.sectionVersions.whys ?? 0,
    impactSummaryHtml: renderRichText(coe.impactSummary),
    metrics,
    whyTree: coe.whyTree ?? null,
    lessons: coe.lessons.map((l) => ({ id: l.id })),
    actionItems: coe.actionItems,
    openComments: comments.threads
      .filter((t) => t.isOpen)
      .map((t) => ({ id: t.id, authorName: t.authorName, about: t.about.text, text: cut(t.spans.map((s) => s.text).join("")) })),
    comments,
  };
}

/**
 * A team as the meeting presents it: its operational page, its figures compared with the last
 * meeting held before this one, and this meeting's review of it, if recorded. Undefined when the
 * meeting does not exist; `page` undefined when the team does not.
 */
export async function presentedTeam(db: Db, { meetingId, teamId, now, show }: { meetingId: number; teamId: number; now: Date; show?: Bucket }) {
  const m = await meetingRow(db, meetingId);
  if (!m) return undefined;
  const page = await teamPage(db, teamId, { now, before: m.startsAt ?? now, show });
  const review = page ? (await teamReviewsOf(db, meetingId)).find((r) => r.teamId === teamId) : undefined;
  return { meeting: meetingView(m), page, review: review ?? null };
}
