import { Form, Link, useActionData, useNavigation } from "react-router";
import { StatusBadge } from "~/components/coe/status-badge";
import { LocalTime } from "~/components/ui/local-time";
import { STATUS_LABELS } from "~/domain/coe/labels";
import type { Transition } from "~/domain/coe/lifecycle";
import type { CoeStatus } from "~/domain/enums";
import type { ReviewResult } from "./review-action.server";

export type ReviewPanelProps = {
  coeId: number;
  status: CoeStatus;
  statusVersion: number;
  coeVersion: number;
  available: Transition[];
  place: { meetingId: number; startsAt: number | null; date: string; place: number; of: number } | null;
  history: { id: number; from: CoeStatus; to: CoeStatus; note: string | null; at: number; actorName: string | null }[];
  openComments: { id: number; excerpt: string; about: string }[];
};

const BUTTONS: Record<Transition, string> = {
  submit: "Submit for review",
  withdraw: "Withdraw from review",
  request_changes: "Request changes",
  approve: "Approve",
  close: "Close",
  reopen: "Reopen for review",
};

/** The COE's place in the review lifecycle, what the viewer can do next, and what happened so far. */
export function ReviewPanel(p: ReviewPanelProps) {
  const result = useActionData() as Partial<ReviewResult> | undefined;
  const mine = result?.formId?.startsWith("review") ? (result as ReviewResult) : undefined;
  return (
    <section id="review" className="review-panel" aria-labelledby="review-title">
      <h2 id="review-title">Review</h2>
      <p>
        <StatusBadge status={p.status} />{" "}
        {p.place ? (
          <>
            On the agenda of the{" "}
            <Link to={`/meetings/${p.place.meetingId}`}>review meeting of {p.place.startsAt ? <LocalTime ms={p.place.startsAt} /> : p.place.date}</Link>: item{" "}
            {p.place.place} of {p.place.of}.
          </>
        ) : null}
      </p>
      {mine ? <ReviewOutcome result={mine} /> : null}
      {p.available.length ? (
        <div className="review-actions">
          {p.available.map((t) => (
            <TransitionForm key={t} transition={t} {...p} result={mine?.formId === `review-${t}` ? mine : undefined} />
          ))}
        </div>
      ) : null}
      {p.history.length ? (
        <details className="review-history">
          <summary>Review history ({p.history.length})</summary>
          <ol>
            {p.history.map((h) => (
              <li key={h.id}>
                <LocalTime ms={h.at} /> — {h.actorName ?? "A former user"}: {STATUS_LABELS[h.from]} → {STATUS_LABELS[h.to]}
                {h.note ? <q className="review-note">{h.note}</q> : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

function ReviewOutcome({ result }: { result: ReviewResult }) {
  return (
    <div className={result.ok ? "alert" : "alert error"} role={result.ok ? "status" : "alert"}>
      <p>{result.message}</p>
      {result.missing?.length ? (
        <ul>
          {result.missing.map((m) => (
            <li key={m.href + m.message}>
              <Link to={m.href}>{m.message}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      {result.blockers?.length ? (
        <ul>
          {result.blockers.map((b) => (
            <li key={b.title}>
              {b.title}: {b.why}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function TransitionForm({ transition, statusVersion, coeVersion, openComments, result }: ReviewPanelProps & { transition: Transition; result?: ReviewResult }) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("transition") === transition;
  const id = `review-${transition}`;
  const hidden = (
    <>
      <input type="hidden" name="intent" value="transition" />
      <input type="hidden" name="transition" value={transition} />
      <input type="hidden" name="statusVersion" value={statusVersion} />
      <input type="hidden" name="coeVersion" value={coeVersion} />
    </>
  );
  const button = (
    <button type="submit" className={transition === "approve" || transition === "submit" ? "button primary" : "button"} disabled={busy}>
      {BUTTONS[transition]}
    </button>
  );
  if (transition !== "request_changes" && transition !== "approve")
    return (
      <Form method="post" className="inline-form" aria-label={BUTTONS[transition]} preventScrollReset>
        {hidden}
        {button}
      </Form>
    );
  const open = openComments.length;
  return (
    <Form method="post" className="review-decision stack" aria-labelledby={`${id}-title`} preventScrollReset>
      <h3 id={`${id}-title`}>{BUTTONS[transition]}</h3>
      {hidden}
      {transition === "request_changes" ? (
        open ? (
          <fieldset aria-invalid={result?.errors?.commentIds ? true : undefined}>
            <legend>The open comments the authors must address</legend>
            {openComments.map((c) => (
              <div key={c.id} className="checkbox">
                <input type="checkbox" id={`${id}-comment-${c.id}`} name={`comment-${c.id}`} value="on" />
                <label htmlFor={`${id}-comment-${c.id}`}>
                  {c.excerpt} <span className="muted small">({c.about})</span>
                </label>
              </div>
            ))}
            {result?.errors?.commentIds ? <p className="field-error">{result.errors.commentIds}</p> : null}
          </fieldset>
        ) : (
          <p className="muted">
            A request for changes names the comments to address. <a href="#new-comment">Write a comment</a> on what must change first.
          </p>
        )
      ) : open ? (
        <div className="checkbox">
          <input
            type="checkbox"
            id={`${id}-confirm`}
            name="confirmUnresolved"
            value="yes"
            aria-invalid={result?.errors?.confirmUnresolved ? true : undefined}
          />
          <label htmlFor={`${id}-confirm`}>
            Approve with {open} unresolved comment{open === 1 ? "" : "s"}
          </label>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-note`}>Note (optional)</label>
        <textarea id={`${id}-note`} name="note" rows={2} maxLength={2000} />
      </div>
      {transition === "request_changes" && !open ? null : button}
    </Form>
  );
}
