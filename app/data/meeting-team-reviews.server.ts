import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { meetingTeamReviews, teams } from "../../db/schema";
import { utcDay } from "../domain/calendar-date";
import { spin } from "../domain/meetings/agenda";
import { teamWheelCandidates } from "../domain/meetings/teams";
import { MeetingMissingError, onMeeting, requireRunning, wheelRandom, type Done, type MeetingRequest } from "./meeting-operation.server";
import { currentFigures, teamReviewsOf, teamsWithWork } from "./team-pages.server";

/*
 * The weekly meeting reviewing a team (issue 12), as the ops metrics meeting spins for a team to
 * review its figures: the wheel picks a team, and a reviewer records that it was reviewed, with any
 * follow-up and the figures it had. Both are meeting operations: reviewers only, the meeting row
 * locked, audited.
 */

/** The teams the wheel may pick in a meeting (teamWheelCandidates), read on `db`. */
export async function teamCandidates(db: Db, meetingId: number, now: Date) {
  const reviewed = await teamReviewsOf(db, meetingId);
  return teamWheelCandidates(
    await teamsWithWork(db, utcDay(now.getTime())),
    reviewed.map((r) => r.teamId),
  );
}

/**
 * The wheel spun for a team: one of the candidates, uniformly with `random`. Returns the team
 * picked, or null when every team with open work has been reviewed in this meeting. Nothing is put
 * on screen: presenting a team is opening its page.
 */
export function spinForTeam(db: Db, req: MeetingRequest & { random?: () => number }) {
  return onMeeting(db, req, "spin_team", async (tx, meeting, now): Promise<Done<number | null>> => {
    requireRunning(meeting);
    const candidates = await teamCandidates(tx, meeting.id, now);
    const picked = spin(candidates, req.random ?? wheelRandom());
    if (!picked) return { value: null };
    return { value: picked.id, detail: { teamId: picked.id, team: picked.label, candidates: candidates.map((c) => c.id) } };
  });
}

/**
 * Records that the running meeting reviewed a team, with the follow-up (blank for none) and the
 * team's figures now, so the next review can say how they moved. Recording it again updates the
 * follow-up and who recorded it; the figures stay those of the first time, what the meeting saw.
 */
export function recordTeamReview(db: Db, req: MeetingRequest & { teamId: number; followUp: string }) {
  return onMeeting(db, req, "team_review", async (tx, meeting, now) => {
    requireRunning(meeting);
    const [team] = await tx.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, req.teamId));
    if (!team) throw new MeetingMissingError("That team does not exist (an admin may have removed it).");
    const followUp = req.followUp.trim() || null;
    const [existing] = await tx
      .select({ id: meetingTeamReviews.id, figures: meetingTeamReviews.figures })
      .from(meetingTeamReviews)
      .where(and(eq(meetingTeamReviews.meetingId, meeting.id), eq(meetingTeamReviews.teamId, team.id)));
    const figures = existing?.figures ?? (await currentFigures(tx, team.id, now));
    // The meeting row is locked, so no one records the same team meanwhile; the upsert would keep one row even without the lock.
    const [row] = await tx
      .insert(meetingTeamReviews)
      .values({ meetingId: meeting.id, teamId: team.id, reviewedById: req.actor.id, followUp, figures, createdAt: now })
      .onConflictDoUpdate({ target: [meetingTeamReviews.meetingId, meetingTeamReviews.teamId], set: { followUp, reviewedById: req.actor.id } })
      .returning({ id: meetingTeamReviews.id });
    const isUpdate = existing !== undefined;
    return { value: { reviewId: row!.id, isUpdate }, detail: { teamId: team.id, team: team.name, followUp, isUpdate } };
  });
}
