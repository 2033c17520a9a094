import { data, Form, Link, useActionData, useNavigation } from "react-router";
import type { Route } from "./+types/meetings.$meetingId.teams.$team";
import { forbidden, notFound, requireIdParam } from "~/auth/guards.server";
import { requireUser } from "~/auth/session.server";
import { FullScreenButton } from "~/components/meetings/full-screen-button";
import { TeamOverview } from "~/components/teams/team-overview";
import { ErrorAlert } from "~/components/ui/error-alert";
import { TextareaField } from "~/components/ui/textarea-field";
import { db } from "~/data/db.server";
import { runMeetingIntent } from "~/data/meeting-agenda.server";
import { presentedTeam } from "~/data/meeting-pages.server";
import { TeamPageQuery } from "~/data/team-pages.server";
import { canReview } from "~/domain/coe/permissions";
import { LIMITS } from "~/domain/limits";
import { requireFormValues } from "~/server/form-body.server";
import { meetingRefusal, type MeetingFormFailure } from "~/server/meeting-refusals.server";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Presenting: ${loaderData.page.team.name} · ${loaderData.meeting.label} · COE` : "Presenting a team · COE" },
];

/** A team picked by the meeting's wheel (or opened from the agenda), full-screen: its operational page, and the review to record. */
export async function loader({ request, params, url }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const meetingId = requireIdParam(params.meetingId, "That meeting");
  const teamId = requireIdParam(params.team, "That team");
  const { show } = TeamPageQuery.parse(Object.fromEntries(url.searchParams));
  const shown = (await presentedTeam(db(), { meetingId, teamId, now: new Date(), show })) ?? notFound("That meeting");
  const page = shown.page ?? notFound("That team");
  return { meeting: shown.meeting, page, review: shown.review, canRun: canReview(user) };
}

type TeamReviewResult = MeetingFormFailure | { ok: true; formId: string; message: string };

/** Records the review of this team (reviewers and admins, while the meeting runs); again, it updates the follow-up. */
export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request);
  const meetingId = requireIdParam(params.meetingId, "That meeting");
  const teamId = requireIdParam(params.team, "That team");
  if (!canReview(user)) forbidden("Only reviewers and admins run review meetings.");
  const values = await requireFormValues(request);
  const formId = "team-review";
  if (values.intent !== "team-review")
    return data<TeamReviewResult>({ ok: false, formId, message: "This form is out of date; reload the page.", errors: {} }, { status: 400 });
  // The team is the one this page presents, whatever the form says.
  const answer = await runMeetingIntent(db(), { meetingId, actor: user, values: { ...values, teamId: String(teamId) } });
  if (!answer.ok) return meetingRefusal(answer, formId);
  return data<TeamReviewResult>({ ok: true, formId, message: answer.isUpdate ? "The follow-up is updated." : "Recorded: reviewed in this meeting." });
}

export default function PresentTeam({ loaderData }: Route.ComponentProps) {
  const { meeting, page } = loaderData;
  return (
    <article className="presenting">
      <header className="presenting-bar">
        <p className="presenting-where">
          <Link to={`/meetings/${meeting.id}`}>Agenda</Link> · Review meeting, {meeting.label} · Team review
        </p>
        <FullScreenButton />
      </header>
      {meeting.status === "done" ? (
        <p className="alert presenting-notice">
          This meeting has ended. <Link to={`/meetings/${meeting.id}`}>Read its minutes</Link>.
        </p>
      ) : null}
      {meeting.status === "planned" ? (
        <p className="alert presenting-notice">The meeting has not started: start it from the agenda to record reviews.</p>
      ) : null}
      <div className="presenting-layout">
        <div className="presenting-coe">
          <p className="eyebrow">
            Team · <Link to={`/teams/${page.team.id}`}>Open its page</Link>
          </p>
          <h1>{page.team.name}</h1>
          <TeamOverview page={page} />
        </div>
        <aside className="presenting-side" aria-label="Team review">
          <ReviewPanel data={loaderData} />
        </aside>
      </div>
    </article>
  );
}

/** What this meeting recorded of the team, and (for reviewers, while it runs) the form to record it. */
function ReviewPanel({ data: { meeting, page, review, canRun } }: { data: Route.ComponentProps["loaderData"] }) {
  const isRunning = meeting.status === "in_progress";
  return (
    <section className="outcome-panel" aria-labelledby="team-review">
      <h2 id="team-review">Team review</h2>
      {review ? (
        <div className="outcome-recorded">
          <p>
            <strong>Reviewed in this meeting</strong>
            {review.reviewedBy ? ` (recorded by ${review.reviewedBy})` : ""}
          </p>
          <p className="prewrap">{review.followUp ? `Follow-up: ${review.followUp}` : "No follow-up."}</p>
        </div>
      ) : (
        <p className="muted">{canRun ? "Not recorded yet." : "Not reviewed yet in this meeting. Reviewers record it here."}</p>
      )}
      {canRun && isRunning ? <TeamReviewForm teamId={page.team.id} teamName={page.team.name} followUp={review?.followUp ?? ""} isRecorded={!!review} /> : null}
      {canRun && isRunning ? (
        <p>
          <Link to={`/meetings/${meeting.id}#wheel-heading`} className="button">
            Back to the agenda and the wheel
          </Link>
        </p>
      ) : null}
    </section>
  );
}

function TeamReviewForm({ teamId, teamName, followUp, isRecorded }: { teamId: number; teamName: string; followUp: string; isRecorded: boolean }) {
  const result = useActionData<typeof action>() as TeamReviewResult | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "team-review";
  const errors = result && !result.ok ? result.errors : {};
  const message = result && !result.ok && !errors.followUp ? result.message : undefined;
  return (
    <Form method="post" className="outcome-form stack" aria-label={`Review of ${teamName}`}>
      <input type="hidden" name="intent" value="team-review" />
      <input type="hidden" name="teamId" value={teamId} />
      <ErrorAlert message={message} />
      <TextareaField
        label="Follow-up"
        name="followUp"
        rows={3}
        defaultValue={followUp}
        limit={LIMITS.teamFollowUp}
        hint="Optional. What the team should come back with: it goes on the minutes and on the team's page."
        error={errors.followUp}
      />
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? "Recording…" : isRecorded ? "Update the follow-up" : "Team reviewed"}
      </button>
      <p role="status">{result?.ok ? result.message : ""}</p>
    </Form>
  );
}
