import { z } from "zod";
import { formInteger } from "../form-number";
import { formatLimit, LIMITS } from "../limits";

/** A team and how much open work it has: COEs not closed, action items not validated or cancelled. */
export type TeamWork = { id: number; name: string; openCoes: number; openItems: number };

/**
 * The teams the meeting's wheel may pick (as the ops metrics meeting spins for a team to review
 * its figures): those with open work, a COE not closed or an item not done, since a team with
 * neither has nothing overdue or slipping and figures that can no longer move; and not those
 * already reviewed in this meeting. In name order, the order the wheel draws them in.
 */
export function teamWheelCandidates(teams: readonly TeamWork[], reviewedTeamIds: Iterable<number>): { id: number; label: string }[] {
  const reviewed = new Set(reviewedTeamIds);
  return teams
    .filter((t) => !reviewed.has(t.id) && (t.openCoes > 0 || t.openItems > 0))
    .sort((a, b) => a.name.localeCompare(b.name, "en") || a.id - b.id)
    .map((t) => ({ id: t.id, label: t.name }));
}

/** "Team reviewed", with an optional follow-up (what the team should come back with). */
export const TeamReviewFormSchema = z.object({
  teamId: formInteger("This form is out of date; reload the page.", { min: 1 }),
  followUp: z
    .string()
    .trim()
    .max(LIMITS.teamFollowUp, `At most ${formatLimit(LIMITS.teamFollowUp)} characters`)
    .default(""),
});
