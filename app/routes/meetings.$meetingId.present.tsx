import { useEffect, useRef, useState } from "react";
import { data, Form, Link, redirect, useActionData, useNavigate, useNavigation, useRevalidator } from "react-router";
import type { Route } from "./+types/meetings.$meetingId.present";
import { forbidden, notFound, requireIdParam } from "~/auth/guards.server";
import { requireUser } from "~/auth/session.server";
import { CommentsPanel } from "~/components/comments/comments-panel";
import { ActionItemList } from "~/components/coe/action-item-list";
import { MetricsPanel } from "~/components/coe/metrics-panel";
import { RenderedRichText } from "~/components/coe/rendered-rich-text";
import { StatusBadge } from "~/components/coe/status-badge";
import { FullScreenButton } from "~/components/meetings/full-screen-button";
import { ErrorAlert } from "~/components/ui/error-alert";
import { db } from "~/data/db.server";
import { OUTCOME_NOTE_MAX, runMeetingIntent } from "~/data/meeting-agenda.server";
import { presentedCoe, presentingState } from "~/data/meeting-pages.server";
import { canReview } from "~/domain/coe/permissions";
import { flattenWhyTree } from "~/domain/whys/tree";
import { commentAction, isCommentIntent, type CommentResult } from "~/server/comment-intents.server";
import { readFormValues } from "~/server/form-body.server";
import { meetingRefusal, type MeetingFormFailure } from "~/server/meeting-refusals.server";
import { WhyTreeFigure } from "~/whys-tree/why-tree-figure";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  {
    title: loaderData?.coe
      ? `Presenting: ${loaderData.coe.title} · COE`
      : loaderData
        ? `Presenting mode: ${loaderData.meeting.label} · COE`
        : "Presenting mode · COE",
  },
];

const CoeParam = /^\d{1,15}$/;
/** Everyone's screen catches up with the meeting this often while the page is visible. */
const REVALIDATE_MS = 5000;

/** The COE this page shows, from `?coe=` (so a comment posted from it lands on that COE, whatever the meeting has moved on to). */
function coeParam(url: URL): number | undefined {
  const value = url.searchParams.get("coe") ?? "";
  return CoeParam.test(value) ? Number(value) : undefined;
}

export async function loader({ request, params, url }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const meetingId = requireIdParam(params.meetingId, "That meeting");
  const now = new Date();
  const state = (await presentingState(db(), meetingId, now)) ?? notFound("That meeting");
  const requested = coeParam(url);
  const onAgenda = state.items.filter((i) => i.carriedTo === null);
  const isOpen = state.meeting.status !== "done";
  // The address names the COE on screen: the one being presented, else the next to present.
  const target = state.currentCoeId ?? state.upNextCoeId;
  if (isOpen && requested === undefined && target !== null) throw redirect(`/meetings/${meetingId}/present?coe=${target}`);
  if (requested !== undefined && (!isOpen || !onAgenda.some((i) => i.coeId === requested))) throw redirect(`/meetings/${meetingId}/present`);
  const shown = requested === undefined ? undefined : onAgenda.find((i) => i.coeId === requested);
  const coe = shown ? await presentedCoe(db(), shown.coeId, user) : undefined;
  return {
    meeting: state.meeting,
    agenda: onAgenda.map((i) => ({ coeId: i.coeId, title: i.title, isPresented: i.presentedAtMs !== null })),
    currentCoeId: state.currentCoeId,
    item: shown ?? null,
    coe: coe ?? null,
    canRun: canReview(user),
    isAttending: state.attendeeIds.includes(user.id),
    loadedAtMs: now.getTime(),
    noteMax: OUTCOME_NOTE_MAX,
  };
}

type MeetingFormResult = MeetingFormFailure | { formId: string; ok: true; message?: string };

export async function action({ request, params, url }: Route.ActionArgs) {
  const user = await requireUser(request);
  const meetingId = requireIdParam(params.meetingId, "That meeting");
  const read = await readFormValues(request);
  if (!read.ok) throw data({ reason: read.message }, { status: read.status });
  const values = read.value;
  if (isCommentIntent(values.intent)) {
    // Anyone signed in comments (SPEC §6), on the COE this page showed.
    const coeId = coeParam(url);
    const state = (await presentingState(db(), meetingId, new Date())) ?? notFound("That meeting");
    if (coeId === undefined || !state.items.some((i) => i.coeId === coeId && i.carriedTo === null))
      return data<CommentResult>(
        { formId: values.formId || values.intent!, errors: { form: "That COE is no longer on this agenda; reload the page." } },
        { status: 409 },
      );
    return commentAction(values, user, coeId);
  }
  if (!canReview(user)) forbidden("Only reviewers and admins run review meetings.");
  const formId = values.formId || values.intent || "form";
  const answer = await runMeetingIntent(db(), { meetingId, actor: user, values });
  if (!answer.ok) return meetingRefusal(answer, formId);
  const here = `/meetings/${meetingId}/present`;
  switch (answer.intent) {
    case "present":
    case "spin":
    case "next":
      if (answer.pickedCoeId === null) return data<MeetingFormResult>({ formId, ok: true, message: "Every COE on the agenda has been presented." });
      throw redirect(`${here}?coe=${answer.pickedCoeId}`);
    case "end":
      throw redirect(`/meetings/${meetingId}`);
    case "outcome":
      throw redirect(`${here}?coe=${values.coeId}`);
    case "start":
      throw redirect(here);
    default:
      return data<MeetingFormResult>({ formId, ok: true });
  }
}

type LoaderData = Route.ComponentProps["loaderData"];

const OUTCOME_LABELS = { approved: "Approved", changes_requested: "Changes requested", follow_up: "Follow-up" } as const;

/** The page's last action result, when it answers `formId`. */
function useResult(formId: string): MeetingFormResult | undefined {
  const result = useActionData<typeof action>() as MeetingFormResult | undefined;
  return result && "formId" in result && result.formId === formId && "ok" in result ? result : undefined;
}

export default function Presenting({ loaderData }: Route.ComponentProps) {
  const { meeting, coe, item, currentCoeId, agenda, canRun } = loaderData;
  useRevalidateWhileVisible(REVALIDATE_MS);
  useFollowTheMeeting(currentCoeId, coe?.id ?? null, meeting.status === "in_progress");
  const isRunning = meeting.status === "in_progress";
  const position = coe ? agenda.findIndex((i) => i.coeId === coe.id) + 1 : 0;
  const current = agenda.find((i) => i.coeId === currentCoeId);
  return (
    <article className="presenting">
      <header className="presenting-bar">
        <p className="presenting-where">
          <Link to={`/meetings/${meeting.id}`}>Agenda</Link> · Review meeting, {meeting.label}
          {coe ? (
            <>
              {" "}
              · COE {position} of {agenda.length}
            </>
          ) : null}
        </p>
        {item && coe && item.startedAtMs !== null ? (
          <ItemTimer startedAtMs={item.startedAtMs} stoppedAtMs={item.presentedAtMs} loadedAtMs={loaderData.loadedAtMs} />
        ) : null}
        <FullScreenButton />
      </header>

      {meeting.status === "done" ? (
        <p className="alert">
          This meeting has ended. <Link to={`/meetings/${meeting.id}`}>Read its minutes</Link>.
        </p>
      ) : null}
      {meeting.status === "planned" ? (
        <div className="alert presenting-notice">
          <p>The meeting has not started{coe ? ": this is the first COE on the agenda" : ""}.</p>
          {canRun ? <OneButton intent="start" label="Start the meeting" primary /> : null}
          <ActionError formId="start" />
        </div>
      ) : null}
      {isRunning && current && coe && current.coeId !== coe.id ? (
        <p className="alert presenting-notice" role="status">
          Now presenting: <Link to={`?coe=${current.coeId}`}>{current.title}</Link>
        </p>
      ) : null}
      {isRunning && !current && coe ? <p className="alert presenting-notice">Nothing is being presented yet: this is the next COE on the agenda.</p> : null}
      {meeting.status !== "done" && !coe ? <p className="empty">There is no COE on this agenda.</p> : null}

      {coe && item ? (
        <div className="presenting-layout">
          <PresentedCoe coe={coe} />
          <aside className="presenting-side" aria-label="Outcome and comments">
            <OutcomePanel data={loaderData} coe={coe} item={item} />
            <CommentsPanel {...coe.comments} headingLevel={2} />
          </aside>
        </div>
      ) : null}
    </article>
  );
}

function PresentedCoe({ coe }: { coe: NonNullable<LoaderData["coe"]> }) {
  const whyNodes = flattenWhyTree(coe.whyTree ?? undefined);
  const whyById = new Map(whyNodes.map((n) => [n.id, n]));
  const openByWhy = Object.fromEntries(
    Object.entries(coe.comments.openByAnchor as Record<string, number>).flatMap(([key, n]) => (key.startsWith("why_node:") ? [[Number(key.slice(9)), n]] : [])),
  );
  return (
    <div className="presenting-coe">
      <p className="eyebrow">
        COE #{coe.id} · <span className={`sev sev-${coe.severity}`}>Sev {coe.severity}</span> · {coe.teamName} · <StatusBadge status={coe.status} />
      </p>
      <h1>{coe.title}</h1>
      <p className="muted small">
        By {coe.authors.join(", ") || "—"} · <Link to={`/coes/${coe.id}`}>Open the COE</Link>
      </p>
      <section aria-labelledby="impact-summary">
        <h2 id="impact-summary">Impact summary</h2>
        <RenderedRichText html={coe.impactSummaryHtml} empty="Not written yet." />
      </section>
      <section aria-labelledby="timeline">
        <h2 id="timeline">Metrics</h2>
        <MetricsPanel metrics={coe.metrics} />
      </section>
      <section aria-labelledby="five-whys">
        <h2 id="five-whys">Five whys</h2>
        <WhyTreeFigure
          root={coe.whyTree ?? undefined}
          answers={whyNodes.length}
          picture={`/coes/${coe.id}/whys.svg?v=${coe.whysVersion}`}
          comments={openByWhy}
        />
      </section>
      <section aria-labelledby="action-items">
        <h2 id="action-items">Action items</h2>
        <ActionItemList items={coe.actionItems} whyById={whyById} lessons={coe.lessons} />
      </section>
    </div>
  );
}

/** The outcome (a form while the meeting runs and none is recorded), what comes next, and one's own attendance. */
function OutcomePanel({ data, coe, item }: { data: LoaderData; coe: NonNullable<LoaderData["coe"]>; item: NonNullable<LoaderData["item"]> }) {
  const { meeting, canRun, currentCoeId, agenda, isAttending } = data;
  const isRunning = meeting.status === "in_progress";
  const isCurrent = currentCoeId === coe.id;
  const left = agenda.filter((i) => !i.isPresented && i.coeId !== coe.id).length;
  return (
    <section className="outcome-panel" aria-labelledby="outcome">
      <h2 id="outcome">Outcome</h2>
      {item.outcome ? (
        <div className="outcome-recorded" role="status">
          <p>
            <strong>{OUTCOME_LABELS[item.outcome]}</strong>
            {item.outcome === "follow_up" ? " — it is on the next meeting's agenda." : ""}
          </p>
          {item.outcomeNote ? <p className="prewrap">{item.outcomeNote}</p> : null}
        </div>
      ) : !canRun ? (
        <p className="muted">Not decided yet. Reviewers record the outcome here.</p>
      ) : !isRunning ? (
        <p className="muted">Start the meeting to record outcomes.</p>
      ) : !isCurrent ? (
        <>
          <p className="muted">Present this COE to record its outcome.</p>
          <OneButton intent="present" label="Present this COE" fields={{ coeId: coe.id }} primary />
          <ActionError formId="present" />
        </>
      ) : (
        <OutcomeForm key={coe.id} coe={coe} noteMax={data.noteMax} />
      )}

      {canRun && isRunning ? (
        <div className="presenting-next">
          <h3>Next</h3>
          {left > 0 ? (
            <div className="inline-forms">
              <OneButton intent="spin" label="Spin the wheel" primary={!!item.outcome} />
              <OneButton intent="next" label="Next in agenda order" />
            </div>
          ) : (
            <p>Every other COE on the agenda has been presented.</p>
          )}
          <ActionError formId="spin" />
          <ActionError formId="next" />
          <div className="inline-forms">
            <OneButton
              intent="attend-self"
              label={isAttending ? "Mark me absent" : "I'm here (mark me present)"}
              fields={{ present: isAttending ? "no" : "yes" }}
            />
            <OneButton intent="end" label="End the meeting" />
          </div>
          <ActionError formId="attend-self" />
          <ActionError formId="end" />
        </div>
      ) : null}
    </section>
  );
}

function OutcomeForm({ coe, noteMax }: { coe: NonNullable<LoaderData["coe"]>; noteMax: number }) {
  const result = useResult("outcome");
  const errors = result && !result.ok ? result.errors : {};
  const message = result && !result.ok && !Object.keys(result.errors).length ? result.message : undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "outcome";
  const open = coe.openComments;
  const fieldError = (name: string) =>
    errors[name] ? (
      <p id={`outcome-${name}-error`} className="field-error">
        {errors[name]}
      </p>
    ) : null;
  const describedBy = (name: string, hint?: string) => [hint, errors[name] ? `outcome-${name}-error` : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <Form method="post" className="outcome-form stack">
      <input type="hidden" name="intent" value="outcome" />
      <input type="hidden" name="formId" value="outcome" />
      <input type="hidden" name="coeId" value={coe.id} />
      <input type="hidden" name="statusVersion" value={coe.statusVersion} />
      <input type="hidden" name="coeVersion" value={coe.version} />
      <ErrorAlert message={message ?? errors.form ?? errors.coeVersion ?? errors.statusVersion} />
      <fieldset className="outcome-choices" aria-describedby={describedBy("outcome")} aria-invalid={errors.outcome ? true : undefined}>
        <legend>Decision</legend>
        {(Object.keys(OUTCOME_LABELS) as (keyof typeof OUTCOME_LABELS)[]).map((value) => (
          <label key={value} className="checkbox">
            <input type="radio" name="outcome" value={value} required />
            {OUTCOME_LABELS[value]}
          </label>
        ))}
        {fieldError("outcome")}
      </fieldset>
      {open.length ? (
        <fieldset
          className="outcome-comments"
          aria-describedby={describedBy("commentIds", "outcome-comments-hint")}
          aria-invalid={errors.commentIds ? true : undefined}
        >
          <legend>Open comments the authors must address</legend>
          <p id="outcome-comments-hint" className="hint small muted">
            For “Changes requested”, tick at least one.
          </p>
          <ul>
            {open.map((c) => (
              <li key={c.id}>
                <label className="checkbox">
                  <input type="checkbox" name={`comment-${c.id}`} />
                  <span>
                    {c.text}{" "}
                    <span className="muted small">
                      ({c.authorName}, {c.about})
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {fieldError("commentIds")}
        </fieldset>
      ) : (
        <p className="small muted">
          No comment is open. To request changes, first write the comment the authors must address (below).
          {fieldError("commentIds")}
        </p>
      )}
      {open.length ? (
        <div>
          <label className="checkbox">
            <input type="checkbox" name="confirmApprove" aria-describedby={errors.confirmApprove ? "outcome-confirmApprove-error" : undefined} />
            Approve with {open.length === 1 ? "1 open comment" : `${open.length} open comments`}
          </label>
          {fieldError("confirmApprove")}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="outcome-note">Note</label>
        <p id="outcome-note-hint" className="hint">
          Goes on the minutes. Required for a follow-up: say what should be followed up.
        </p>
        <textarea
          id="outcome-note"
          name="note"
          rows={3}
          maxLength={noteMax}
          aria-describedby={describedBy("note", "outcome-note-hint")}
          aria-invalid={errors.note ? true : undefined}
        />
        {fieldError("note")}
      </div>
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? "Recording…" : "Record the outcome"}
      </button>
    </Form>
  );
}

function OneButton({ intent, label, primary, fields }: { intent: string; label: string; primary?: boolean; fields?: Record<string, string | number> }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={`button${primary ? " primary" : ""}`}>
        {label}
      </button>
    </Form>
  );
}

function ActionError({ formId }: { formId: string }) {
  const result = useResult(formId);
  if (!result) return null;
  if (!result.ok) return <ErrorAlert message={result.message} />;
  return result.message ? <p role="status">{result.message}</p> : null;
}

/** "mm:ss" (minutes go past 59: a long discussion reads 75:03). */
function minutesAndSeconds(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
}

/**
 * How long this COE has been on screen, counting every second from when it was first presented
 * (stopped once its outcome is recorded). Counted against the server's clock, so every screen in
 * the room shows the same time. A timer role is not announced (aria-live off): it would talk
 * every second.
 */
function ItemTimer({ startedAtMs, stoppedAtMs, loadedAtMs }: { startedAtMs: number; stoppedAtMs: number | null; loadedAtMs: number }) {
  const [now, setNow] = useState(loadedAtMs);
  useEffect(() => {
    if (stoppedAtMs !== null) return;
    // The server's clock minus this one, taken when the data arrived.
    const skew = loadedAtMs - Date.now();
    const timer = window.setInterval(() => setNow(Date.now() + skew), 1000);
    return () => window.clearInterval(timer);
  }, [loadedAtMs, stoppedAtMs]);
  const elapsed = (stoppedAtMs ?? Math.max(now, loadedAtMs)) - startedAtMs;
  return (
    <p className="item-timer">
      <span className="muted small">{stoppedAtMs === null ? "On screen for" : "Presented in"}</span>{" "}
      <span role="timer" aria-live="off" aria-atomic="true">
        {minutesAndSeconds(elapsed)}
      </span>
    </p>
  );
}

/** Reloads the page's data every `ms` while it is visible (and at once when it becomes visible), unless something is already loading. */
function useRevalidateWhileVisible(ms: number) {
  const { revalidate, state } = useRevalidator();
  const navigation = useNavigation();
  const isBusy = useRef(false);
  useEffect(() => {
    isBusy.current = state !== "idle" || navigation.state !== "idle";
  });
  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === "visible" && !isBusy.current) void revalidate();
    };
    const timer = window.setInterval(tick, ms);
    document.addEventListener("visibilitychange", tick);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [ms, revalidate]);
}

/** Whether the viewer is writing something (a comment, a note) that following the meeting to another COE would take away. */
function isWriting(): boolean {
  const active = document.activeElement;
  if (active instanceof HTMLTextAreaElement || (active instanceof HTMLInputElement && active.type === "text")) return true;
  return [...document.querySelectorAll("textarea")].some((t) => t.value.trim() !== "");
}

/**
 * When the meeting moves on to another COE, this screen follows — unless its viewer is writing,
 * who then sees a "Now presenting" link instead. A COE opened on purpose stays until the meeting moves.
 */
function useFollowTheMeeting(currentCoeId: number | null, shownCoeId: number | null, isRunning: boolean) {
  const navigate = useNavigate();
  const seen = useRef(currentCoeId);
  useEffect(() => {
    if (seen.current === currentCoeId) return;
    seen.current = currentCoeId;
    if (isRunning && currentCoeId !== null && currentCoeId !== shownCoeId && !isWriting()) void navigate(`?coe=${currentCoeId}`, { replace: true });
  }, [currentCoeId, shownCoeId, isRunning, navigate]);
}
