import { and, asc, count, desc, eq, inArray, isNotNull, lt, ne, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { actionItems, coes, meetings, meetingTeamReviews, teams, users } from "../../db/schema";
import { BUCKET_PAGE, OPEN_WORK, ownerBuckets, type Bucket } from "../domain/action-items/owner-view";
import { slipFigures, type SlipFigures } from "../domain/action-items/slip";
import { figureChanges, readStoredFigures, slipFiguresAsOf, toStoredFigures, type StoredFigures } from "../domain/action-items/slip-history";
import { utcDay } from "../domain/calendar-date";
import { meetingDateLabel } from "../domain/meetings/date-label";
import type { TeamWork } from "../domain/meetings/teams";
import { listActionItems, listActionItemsWithHistory } from "./action-item-lists.server";

/*
 * A team's operational page (issue 12): its open COEs, its overdue and slipping action items, its
 * slip figures and how they moved since the last meeting; and the list of teams. Every read is by
 * team (coes by team, items through their COEs) or grouped by team, and every list is bounded.
 */

/** Open COEs a team page lists (the COE list, filtered by team, has the rest). */
export const OPEN_COES_LIMIT = 50;
/** Meetings' reviews of a team that its page lists, newest first. */
const REVIEWS_LIMIT = 5;
/** The buckets a team page shows: what needs the meeting's attention. */
const TEAM_BUCKETS = ["overdue", "slipping"] as const satisfies readonly Bucket[];
/** A team page's query: the bucket shown in full (the others show their first BUCKET_PAGE rows). */
export const TeamPageQuery = z.object({ show: z.enum(TEAM_BUCKETS).optional().catch(undefined) });

/** Every team with its open work: COEs not closed, items not done, and of those the ones past their promised date (`today`, UTC). */
export async function teamsWithWork(db: Db, today: string): Promise<(TeamWork & { overdueItems: number })[]> {
  const all = await db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name), asc(teams.id));
  const openCoes = await db.select({ teamId: coes.teamId, n: count() }).from(coes).where(ne(coes.status, "closed")).groupBy(coes.teamId);
  const items = await db
    .select({
      teamId: coes.teamId,
      open: count(),
      overdue: sql<number>`sum(case when ${actionItems.promisedDate} < ${today} then 1 else 0 end)`.mapWith(Number),
    })
    .from(actionItems)
    .innerJoin(coes, eq(coes.id, actionItems.coeId))
    .where(inArray(actionItems.status, [...OPEN_WORK]))
    .groupBy(coes.teamId);
  const coesOf = new Map(openCoes.map((r) => [r.teamId, Number(r.n)]));
  const itemsOf = new Map(items.map((r) => [r.teamId, r]));
  return all.map((t) => ({
    ...t,
    openCoes: coesOf.get(t.id) ?? 0,
    openItems: Number(itemsOf.get(t.id)?.open ?? 0),
    overdueItems: Number(itemsOf.get(t.id)?.overdue ?? 0),
  }));
}

/** Team reviews matching `where`, oldest first (or newest first, at most `limit`), with the meeting's day, the team and who recorded it. */
async function reviewsWhere(db: Db, where: SQL, { newestFirst = false, limit }: { newestFirst?: boolean; limit?: number } = {}) {
  const order = newestFirst ? desc : asc;
  const query = db
    .select({
      id: meetingTeamReviews.id,
      meetingId: meetingTeamReviews.meetingId,
      date: meetings.scheduledFor,
      teamId: meetingTeamReviews.teamId,
      team: teams.name,
      followUp: meetingTeamReviews.followUp,
      reviewedBy: users.name,
      createdAt: meetingTeamReviews.createdAt,
    })
    .from(meetingTeamReviews)
    .innerJoin(meetings, eq(meetings.id, meetingTeamReviews.meetingId))
    .innerJoin(teams, eq(teams.id, meetingTeamReviews.teamId))
    .leftJoin(users, eq(users.id, meetingTeamReviews.reviewedById))
    .where(where)
    .orderBy(order(meetingTeamReviews.createdAt), order(meetingTeamReviews.id));
  const rows = await (limit === undefined ? query : query.limit(limit));
  return rows.map(({ createdAt, date, ...r }) => ({ ...r, label: meetingDateLabel(date), atMs: createdAt.getTime() }));
}

/** The teams a meeting has reviewed, in the order it reviewed them, with who recorded it and the follow-up. */
export function teamReviewsOf(db: Db, meetingId: number) {
  return reviewsWhere(db, eq(meetingTeamReviews.meetingId, meetingId));
}
export type TeamReviewView = Awaited<ReturnType<typeof teamReviewsOf>>[number];

/** The team's figures now, as a review stores them. */
export async function currentFigures(db: Db, teamId: number, now: Date): Promise<StoredFigures> {
  const today = utcDay(now.getTime());
  return toStoredFigures(slipFigures(await listActionItems(db, { teamId }), today), today);
}

/**
 * What a team's figures are compared with: the last meeting held before `before` (one that was
 * started and has ended). When that meeting reviewed the team, the figures it stored (what the
 * meeting saw); otherwise the figures as the items stood on the meeting's day, computed from them.
 */
async function baselineOf(db: Db, teamId: number, items: Awaited<ReturnType<typeof listActionItemsWithHistory>>, before: Date) {
  const [held] = await db
    .select({ id: meetings.id, date: meetings.scheduledFor })
    .from(meetings)
    .where(and(eq(meetings.status, "done"), isNotNull(meetings.startedAt), lt(meetings.startsAt, before)))
    .orderBy(desc(meetings.startsAt), desc(meetings.id))
    .limit(1);
  if (!held) return null;
  const [review] = await db
    .select({ figures: meetingTeamReviews.figures })
    .from(meetingTeamReviews)
    .where(and(eq(meetingTeamReviews.meetingId, held.id), eq(meetingTeamReviews.teamId, teamId)));
  const stored = review ? readStoredFigures(review.figures) : undefined;
  const meeting = { id: held.id, label: meetingDateLabel(held.date) };
  if (stored) return { meeting, source: "review" as const, figures: stored as Partial<SlipFigures> };
  return { meeting, source: "items" as const, figures: slipFiguresAsOf(items, held.date) as Partial<SlipFigures> };
}

/**
 * One team's operational page: its open COEs (most severe first), its overdue and slipping items
 * (each bucket's first BUCKET_PAGE rows, or all of `show`), its slip figures and how they moved
 * since the last meeting held before `before` (now, or the start of the meeting presenting it),
 * and the meetings' latest reviews of it. Undefined for a team that does not exist.
 */
export async function teamPage(db: Db, teamId: number, { now, before = now, show }: { now: Date; before?: Date; show?: Bucket }) {
  const [team] = await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, teamId));
  if (!team) return undefined;
  const today = utcDay(now.getTime());
  const isOpen = and(eq(coes.teamId, teamId), ne(coes.status, "closed"));
  const openCoes = await db
    .select({ id: coes.id, title: coes.title, status: coes.status, severity: coes.severity, updatedAt: coes.updatedAt })
    .from(coes)
    .where(isOpen)
    .orderBy(asc(coes.severity), desc(coes.updatedAt), desc(coes.id))
    .limit(OPEN_COES_LIMIT);
  const [openTotal] = await db.select({ n: count() }).from(coes).where(isOpen);
  const items = await listActionItemsWithHistory(db, { teamId });
  const figures = slipFigures(items, today);
  const baseline = await baselineOf(db, teamId, items, before);
  const buckets = ownerBuckets(items, today)
    .filter((g) => (TEAM_BUCKETS as readonly Bucket[]).includes(g.bucket))
    .map(({ bucket, items: inBucket }) => ({
      bucket,
      count: inBucket.length,
      // Every row is this team's: the rows leave its name out.
      rows: (show === bucket ? inBucket : inBucket.slice(0, BUCKET_PAGE)).map(({ rePromises: _, ownerId: __, promiseChanges: ___, ...row }) => ({ ...row, teamName: null })),
    }));
  const reviews = await reviewsWhere(db, eq(meetingTeamReviews.teamId, teamId), { newestFirst: true, limit: REVIEWS_LIMIT });
  return {
    team,
    today,
    openCoes: { rows: openCoes.map(({ updatedAt, ...c }) => ({ ...c, updatedMs: updatedAt.getTime() })), total: Number(openTotal?.n ?? 0) },
    buckets,
    figures,
    since: baseline && { meeting: baseline.meeting, source: baseline.source, changes: figureChanges(baseline.figures, figures) },
    reviews,
  };
}
export type TeamPageData = NonNullable<Awaited<ReturnType<typeof teamPage>>>;
