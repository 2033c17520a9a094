import { useEffect, useRef, useState, type ReactNode } from "react";
import { data, Form, Link, redirect, useActionData, useFetcher } from "react-router";
import type { Route } from "./+types/meetings.$meetingId._index";
import { forbidden, notFound, requireIdParam } from "~/auth/guards.server";
import { requireUser } from "~/auth/session.server";
import { StatusBadge } from "~/components/coe/status-badge";
import { AgendaList, type AgendaListItem } from "~/components/meetings/agenda-list";
import { Wheel } from "~/components/meetings/wheel";
import { ReviewList, type ReviewListRow } from "~/components/teams/review-list";
import { ErrorAlert } from "~/components/ui/error-alert";
import { TableHead } from "~/components/ui/table-head";
import { CalendarDate, LocalTime } from "~/components/ui/local-time";
import { useHydrated } from "~/components/ui/use-hydrated";
import { db } from "~/data/db.server";
import { runMeetingIntent } from "~/data/meeting-agenda.server";
import { meetingPage, type AgendaRowView, type MeetingPageData } from "~/data/meeting-pages.server";
import { ACTION_STATUS_LABELS } from "~/domain/coe/labels";
import { canReview } from "~/domain/coe/permissions";
import { requireFormValues } from "~/server/form-body.server";
import { meetingRefusal, type MeetingFormFailure } from "~/server/meeting-refusals.server";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.meeting.status === "done" ? "Minutes" : "Agenda"}: ${loaderData.meeting.label} · COE` : "Review meeting · COE" },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const page = (await meetingPage(db(), requireIdParam(params.meetingId, "That meeting"), new Date())) ?? notFound("That meeting");
  return { ...page, canRun: canReview(user), me: user.id };
}

/** What a meeting form gets back (with JavaScript, its own fetcher's; without, the page's): which form, and what went wrong. */
export type MeetingActionResult =
  { ok: true; intent: string; formId: string; pickedCoeId?: number | null; pickedTeamId?: number | null; spinKey?: number } | MeetingFormFailure;

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request);
  const meetingId = requireIdParam(params.meetingId, "That meeting");
  if (!canReview(user)) forbidden("Only reviewers and admins run review meetings.");
  const values = await requireFormValues(request);
  const formId = values.formId || values.intent || "form";
  const answer = await runMeetingIntent(db(), { meetingId, actor: user, values });
  if (!answer.ok) return meetingRefusal(answer, formId);
  // Presenting a COE opens presenting mode on it; ending the meeting shows its minutes (this page, reloaded).
  if (answer.intent === "present" || answer.intent === "next") throw redirect(`/meetings/${meetingId}/present?coe=${answer.pickedCoeId}`);
  if (answer.intent === "end") throw redirect(`/meetings/${meetingId}`);
  return data<MeetingActionResult>({
    ok: true,
    intent: answer.intent,
    formId,
    pickedCoeId: answer.pickedCoeId,
    pickedTeamId: answer.pickedTeamId,
    spinKey: Date.now(),
  });
}

const OUTCOME_LABELS: Record<string, string> = { approved: "Approved", changes_requested: "Changes requested", follow_up: "Follow-up" };
const STATUS_WORDS = { planned: "Planned", in_progress: "In progress", done: "Held" } as const;

/** The page's own action result when it answers `formId` (a post without JavaScript). */
function usePageResult(formId: string) {
  const result = useActionData<typeof action>() as MeetingActionResult | undefined;
  return result?.formId === formId ? result : undefined;
}

/** A form's last answer: its fetcher's (with JavaScript) or the page's (without). */
function useFormResult(formId: string) {
  const fetcher = useFetcher<MeetingActionResult>();
  const fromPage = usePageResult(formId);
  const result = fetcher.state === "idle" ? (fetcher.data ?? fromPage) : undefined;
  return { fetcher, result, busy: fetcher.state !== "idle" };
}

export default function MeetingAgenda({ loaderData }: Route.ComponentProps) {
  if (loaderData.meeting.status === "done") return <Minutes page={loaderData} />;
  return <Agenda page={loaderData} canRun={loaderData.canRun} me={loaderData.me} />;
}

function MeetingHead({ page, children }: { page: MeetingPageData; children?: ReactNode }) {
  const { meeting } = page;
  return (
    <header className="page-head meeting-head">
      <div>
        <p className="eyebrow">
          {meeting.status === "done" ? "Minutes of the review meeting" : "Review meeting"} ·{" "}
          <span className={`badge meeting-status-${meeting.status === "in_progress" ? "running" : meeting.status}`}>{STATUS_WORDS[meeting.status]}</span>
        </p>
        <h1>{meeting.label}</h1>
        <p className="meeting-times">
          {meeting.startedAtMs !== null ? (
            <>
              Started <LocalTime ms={meeting.startedAtMs} />
              {meeting.endedAtMs !== null ? (
                <>
                  , ended <LocalTime ms={meeting.endedAtMs} />
                </>
              ) : null}
            </>
          ) : meeting.startsAtMs !== null ? (
            <>
              {meeting.status === "done" ? "Was planned for" : "Starts"} <LocalTime ms={meeting.startsAtMs} />
            </>
          ) : null}
        </p>
      </div>
      {children}
    </header>
  );
}

function Agenda({ page, canRun, me }: { page: MeetingPageData; canRun: boolean; me: number }) {
  const { meeting, items, later } = page;
  const isRunning = meeting.status === "in_progress";
  const onMove = useMoveQueue();
  const listItems: AgendaListItem[] = items.map((i) => ({
    coeId: i.coeId,
    title: i.title,
    href: `/coes/${i.coeId}`,
    severity: i.severity,
    team: i.team,
    presented: i.presentedAtMs !== null,
    outcome: i.outcome ? OUTCOME_LABELS[i.outcome]! : null,
  }));
  const byCoe = new Map(items.map((i) => [i.coeId, i]));
  const current = items.find((i) => i.itemId === meeting.currentItemId);
  const presented = items.filter((i) => i.presentedAtMs !== null).length;
  return (
    <article className="meeting">
      <MeetingHead page={page}>
        <div className="meeting-controls">
          {canRun && meeting.status === "planned" ? <OneButtonForm intent="start" label="Start the meeting" primary /> : null}
          <Link to={`/meetings/${meeting.id}/present`} className={`button${isRunning ? " primary" : ""}`}>
            Presenting mode
          </Link>
          {canRun && isRunning ? <OneButtonForm intent="end" label="End the meeting" /> : null}
        </div>
      </MeetingHead>
      <PageError moveResult={onMove.result} />
      {current ? (
        <p className="alert meeting-now" role="status">
          Now presenting: <Link to={`/meetings/${meeting.id}/present?coe=${current.coeId}`}>{current.title}</Link>
        </p>
      ) : null}

      <section aria-labelledby="agenda">
        <h2 id="agenda">Agenda</h2>
        <p className="muted">
          {items.length === 0
            ? "Nothing is queued for this meeting yet: COEs that enter review come here."
            : `${items.length === 1 ? "1 COE" : `${items.length} COEs`}, ${presented} presented.`}
          {canRun && items.length > 1 ? " Reorder with the handles (drag, or Space and the arrow keys) or the Move buttons." : ""}
        </p>
        <AgendaList
          items={listItems}
          canReorder={canRun}
          onMove={onMove.move}
          renderActions={canRun ? (item) => <ItemActions item={byCoe.get(item.coeId)!} isRunning={isRunning} later={later} /> : undefined}
        />
      </section>

      <section aria-labelledby="wheel-heading" className="meeting-wheel">
        <h2 id="wheel-heading">The wheel</h2>
        <WheelSection page={page} canRun={canRun} />
      </section>

      <section aria-labelledby="teams-reviewed">
        <h2 id="teams-reviewed">Teams reviewed</h2>
        <ReviewList rows={teamReviewRows(page, (teamId) => `/meetings/${meeting.id}/teams/${teamId}`)} empty="No team has been reviewed in this meeting yet." />
      </section>

      <section aria-labelledby="attendance">
        <h2 id="attendance">Attendance</h2>
        <Attendance page={page} canRun={canRun} me={me} />
      </section>

      {page.also ? <AlsoOnTheMeeting page={page} also={page.also} /> : null}
    </article>
  );
}

/** Forms with a place of their own for their errors; the others' (Start, End, Present, a reorder) show at the top. */
const FORMS_WITH_ERRORS = /^(item-\d+|attendance|spin)$/;

function PageError({ moveResult }: { moveResult: MeetingActionResult | undefined }) {
  const page = useActionData<typeof action>() as MeetingActionResult | undefined;
  const failed = [moveResult, page].find((r) => r && !r.ok && !FORMS_WITH_ERRORS.test(r.formId));
  return failed && !failed.ok ? <ErrorAlert message={failed.message} /> : null;
}

/** A form of one button: a plain post (it navigates: starting and ending change the whole page). */
function OneButtonForm({ intent, label, primary, fields }: { intent: string; label: string; primary?: boolean; fields?: Record<string, string | number> }) {
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

/**
 * Reorders go to the server one at a time, in the order they were made: each names an index in
 * the order the previous one left, so two in flight together could land the wrong way round.
 */
function useMoveQueue() {
  const fetcher = useFetcher<MeetingActionResult>();
  const waiting = useRef<{ coeId: number; toIndex: number }[]>([]);
  const send = (move: { coeId: number; toIndex: number }) =>
    fetcher.submit({ intent: "move", formId: "agenda-move", coeId: move.coeId, toIndex: move.toIndex }, { method: "post", preventScrollReset: true });
  useEffect(() => {
    const next = fetcher.state === "idle" ? waiting.current.shift() : undefined;
    if (next)
      void fetcher.submit({ intent: "move", formId: "agenda-move", coeId: next.coeId, toIndex: next.toIndex }, { method: "post", preventScrollReset: true });
  }, [fetcher, fetcher.state]);
  return {
    move(coeId: number, toIndex: number) {
      if (fetcher.state === "idle" && waiting.current.length === 0) void send({ coeId, toIndex });
      else waiting.current.push({ coeId, toIndex });
    },
    result: fetcher.state === "idle" ? fetcher.data : undefined,
  };
}

/** Present, move to a later meeting, remove: for an item not yet presented. */
function ItemActions({ item, isRunning, later }: { item: AgendaRowView; isRunning: boolean; later: MeetingPageData["later"] }) {
  const formId = `item-${item.coeId}`;
  const { fetcher, result, busy } = useFormResult(formId);
  if (item.presentedAtMs !== null) return null;
  const selectId = `move-to-${item.coeId}`;
  const errorId = `${formId}-error`;
  const error = result && !result.ok ? result.message : undefined;
  return (
    <>
      {isRunning ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="present" />
          <input type="hidden" name="coeId" value={item.coeId} />
          <button type="submit" className="button-link" aria-label={`Present: ${item.title}`}>
            Present
          </button>
        </Form>
      ) : null}
      {later.length ? (
        <fetcher.Form method="post" className="move-to-form" preventScrollReset>
          <input type="hidden" name="intent" value="move-to-meeting" />
          <input type="hidden" name="formId" value={formId} />
          <input type="hidden" name="coeId" value={item.coeId} />
          <label htmlFor={selectId}>
            Move to<span className="visually-hidden">, for “{item.title}”</span>
          </label>
          <select
            id={selectId}
            name="toMeetingId"
            defaultValue={later[0]!.id}
            aria-describedby={error ? errorId : undefined}
            aria-invalid={error ? true : undefined}
          >
            {later.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
          <button type="submit" className="button-link" disabled={busy} aria-label={`Move “${item.title}” to that meeting`}>
            Move
          </button>
        </fetcher.Form>
      ) : null}
      <details className="confirm-remove">
        <summary aria-label={`Remove: ${item.title}`}>Remove</summary>
        <fetcher.Form method="post" preventScrollReset>
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="formId" value={formId} />
          <input type="hidden" name="coeId" value={item.coeId} />
          <button type="submit" className="button danger" disabled={busy}>
            Take it off this agenda
          </button>
          <p className="small muted">It stays in review, but no meeting will have it until it is queued again.</p>
        </fetcher.Form>
      </details>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** The teams this meeting reviewed, as a list linking each to `hrefOf` (its presenting page while the meeting is open, its team page on the minutes). */
const teamReviewRows = (page: MeetingPageData, hrefOf: (teamId: number) => string): ReviewListRow[] =>
  page.teamReviews.map((r) => ({ key: r.id, title: r.team, href: hrefOf(r.teamId), reviewedBy: r.reviewedBy, followUp: r.followUp }));

type WheelKind = "coes" | "teams";
const WHEEL_FORM = "wheel-spin";

/**
 * The wheel, spun for a COE on the agenda or for a team ("Spin for"): a COE from those not yet
 * presented, which it presents; a team from those with open work this meeting has not reviewed,
 * whose page then opens in presenting mode. Reviewers spin while the meeting runs. The choice is
 * the form's `intent` (spin, spin-team), so it works before JavaScript loads too.
 */
function WheelSection({ page, canRun }: { page: MeetingPageData; canRun: boolean }) {
  const { meeting, items, teamCandidates, teamReviews } = page;
  const { fetcher, result, busy } = useFormResult("spin");
  const spun = result?.ok ? result : undefined;
  const spunKind: WheelKind | undefined = spun && (spun.intent === "spin-team" ? "teams" : "coes");
  const [kind, setKind] = useState<WheelKind>(spunKind ?? "coes");
  const failed = result && !result.ok ? result.message : undefined;
  const isTeams = kind === "teams";
  const coeCandidates = items.filter((i) => i.presentedAtMs === null && i.carriedTo === null).map((i) => ({ id: i.coeId, label: i.title }));
  const candidates = isTeams ? teamCandidates : coeCandidates;
  const pickedId = spun && spunKind === kind ? ((isTeams ? spun.pickedTeamId : spun.pickedCoeId) ?? null) : null;
  const picked = pickedId === null ? undefined : candidates.find((c) => c.id === pickedId);
  const isRunning = meeting.status === "in_progress";
  const canSpin = canRun && isRunning;
  const noneLeft = isTeams
    ? teamReviews.length
      ? "Every team with open COEs or open action items has been reviewed in this meeting."
      : "No team has open COEs or open action items to review."
    : "Every COE on the agenda has been presented.";
  const form = canSpin ? (
    <fetcher.Form method="post" preventScrollReset id={WHEEL_FORM}>
      <input type="hidden" name="formId" value="spin" />
      <button type="submit" className="button primary" disabled={busy}>
        Spin the wheel
      </button>
    </fetcher.Form>
  ) : undefined;
  const what = isTeams
    ? "a team at random from those with open COEs or open action items not yet reviewed in this meeting"
    : "the next COE at random from those not yet presented";
  return (
    <>
      <fieldset className="wheel-choice">
        <legend>Spin for</legend>
        {(
          [
            ["coes", "spin", "COEs on the agenda"],
            ["teams", "spin-team", "Teams"],
          ] as const
        ).map(([value, intent, label]) => (
          <label key={value} className="checkbox">
            <input type="radio" name="intent" value={intent} form={canSpin ? WHEEL_FORM : undefined} checked={kind === value} onChange={() => setKind(value)} />
            {label}
          </label>
        ))}
      </fieldset>
      <p className="muted">
        {isRunning ? `Picks ${what}, ${isTeams ? "to review its figures" : "and presents it"}.` : `Once the meeting has started, the wheel picks ${what}.`}
      </p>
      <Wheel key={kind} candidates={candidates} pickedId={pickedId} spinKey={spun?.spinKey ?? 0} spinning={busy} form={form} emptyMessage={noneLeft} />
      <ErrorAlert message={failed} />
      {spun && spunKind === kind && pickedId === null && candidates.length ? <p role="status">{noneLeft}</p> : null}
      {picked ? (
        <p className="wheel-next">
          <Link to={isTeams ? `/meetings/${meeting.id}/teams/${picked.id}` : `/meetings/${meeting.id}/present?coe=${picked.id}`} className="button">
            {isTeams ? `Present team “${picked.label}”` : `Present “${picked.label}”`}
          </Link>
        </p>
      ) : null}
    </>
  );
}

function Attendance({ page, canRun, me }: { page: MeetingPageData; canRun: boolean; me: number }) {
  const { attendees, people } = page;
  const { fetcher, result, busy } = useFormResult("attendance");
  const isHydrated = useHydrated();
  const present = new Set(attendees.map((a) => a.id));
  if (!canRun)
    return attendees.length ? (
      <ul className="attendee-list">
        {attendees.map((a) => (
          <li key={a.id}>{a.name}</li>
        ))}
      </ul>
    ) : (
      <p className="empty">No one is marked present yet.</p>
    );
  const error = result && !result.ok ? result.message : undefined;
  return (
    <>
      <p className="muted">
        {attendees.length === 0 ? "No one is marked present yet." : `${attendees.length === 1 ? "1 person" : `${attendees.length} people`} present.`}
      </p>
      <fetcher.Form method="post" className="attendance-form" preventScrollReset key={attendees.map((a) => a.id).join(",")}>
        <input type="hidden" name="intent" value="attendance" />
        <input type="hidden" name="formId" value="attendance" />
        <input type="hidden" name="shown" value={people.map((p) => p.id).join(",")} />
        <fieldset>
          <legend>Who is here</legend>
          <ul className="attendance-choices">
            {people.map((p) => (
              <li key={p.id}>
                <label className="checkbox">
                  <input type="checkbox" name={`attendee-${p.id}`} defaultChecked={present.has(p.id)} />
                  {p.name}
                  {p.id === me ? " (you)" : ""}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <ErrorAlert message={error} />
        <button type="submit" className="button" disabled={busy}>
          Save attendance
        </button>
        {isHydrated && result?.ok ? (
          <span className="small muted" role="status">
            {" "}
            Saved.
          </span>
        ) : null}
      </fetcher.Form>
    </>
  );
}

function AlsoOnTheMeeting({ page, also }: { page: MeetingPageData; also: NonNullable<MeetingPageData["also"]> }) {
  const since = page.previous ? `the previous meeting (${page.previous.label})` : "a week before this meeting";
  const more = (shown: number, total: number) => (total > shown ? <p className="muted small">And {total - shown} more.</p> : null);
  return (
    <section aria-labelledby="also-on">
      <h2 id="also-on">Also on this meeting</h2>
      <h3 id="overdue-items">Action items past their promised date ({also.overdue.total})</h3>
      {also.overdue.rows.length ? (
        <>
          <table className="meeting-table cards-on-narrow" aria-labelledby="overdue-items">
            <TableHead columns={["Action item", "COE", "Owner", "Promised", "Status"]} />
            <tbody>
              {also.overdue.rows.map((r) => (
                <tr key={r.id}>
                  <td className="card-title">
                    <Link to={`/coes/${r.coeId}#action-item-${r.id}`}>{r.title}</Link>
                    {r.isNew ? <span className="badge overdue-new">New since {page.previous ? "the last meeting" : "last week"}</span> : null}
                  </td>
                  <td data-label="COE">{r.coeTitle}</td>
                  <td data-label="Owner">{r.ownerName ?? <span className="muted">Unassigned</span>}</td>
                  <td data-label="Promised" className="nowrap">
                    <CalendarDate date={r.promisedDate} />
                  </td>
                  <td data-label="Status">{ACTION_STATUS_LABELS[r.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {more(also.overdue.rows.length, also.overdue.total)}
        </>
      ) : (
        <p className="empty">No action item is past its promised date.</p>
      )}

      <h3 id="changed-dates">
        Promised dates changed since {since} ({also.dateChanges.total})
      </h3>
      {also.dateChanges.rows.length ? (
        <>
          <table className="meeting-table cards-on-narrow" aria-labelledby="changed-dates">
            <TableHead columns={["Action item", "COE", "From", "To", "Why", "Changed"]} />
            <tbody>
              {also.dateChanges.rows.map((r) => (
                <tr key={r.id}>
                  <td className="card-title">
                    <Link to={`/coes/${r.coeId}#action-item-${r.itemId}`}>{r.title}</Link>
                  </td>
                  <td data-label="COE">{r.coeTitle}</td>
                  <td data-label="From" className="nowrap">
                    {r.fromDate ? <CalendarDate date={r.fromDate} /> : "not set"}
                  </td>
                  <td data-label="To" className="nowrap">
                    {r.toDate ? <CalendarDate date={r.toDate} /> : "not set"}
                  </td>
                  <td data-label="Why">{r.reason}</td>
                  <td data-label="Changed">
                    <LocalTime ms={r.atMs} />
                    {r.changedBy ? ` by ${r.changedBy}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {more(also.dateChanges.rows.length, also.dateChanges.total)}
        </>
      ) : (
        <p className="empty">No promised date changed.</p>
      )}

      <h3 id="late-rcas">Customer RCAs past their 7-day due date ({also.lateRcas.total})</h3>
      {also.lateRcas.rows.length ? (
        <>
          <table className="meeting-table cards-on-narrow" aria-labelledby="late-rcas">
            <TableHead columns={["COE", "Team", "Status", "Due"]} />
            <tbody>
              {also.lateRcas.rows.map((r) => (
                <tr key={r.id}>
                  <td className="card-title">
                    <Link to={`/coes/${r.id}#customer-rca`}>{r.title}</Link>
                  </td>
                  <td data-label="Team">{r.team}</td>
                  <td data-label="Status">
                    <StatusBadge status={r.status} />
                  </td>
                  <td data-label="Due">
                    <LocalTime ms={r.dueMs} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {more(also.lateRcas.rows.length, also.lateRcas.total)}
        </>
      ) : (
        <p className="empty">No customer RCA is late.</p>
      )}
    </section>
  );
}

/** A held meeting, as printable minutes: who came, what was decided on each COE, and what went on to the next meeting. */
function Minutes({ page }: { page: MeetingPageData }) {
  const { meeting, items, attendees } = page;
  const isHydrated = useHydrated();
  const carried = items.filter((i) => i.carriedTo !== null);
  return (
    <article className="meeting minutes">
      <MeetingHead page={page}>
        {isHydrated ? (
          <div className="meeting-controls">
            <button type="button" className="button" onClick={() => window.print()}>
              Print the minutes
            </button>
          </div>
        ) : null}
      </MeetingHead>
      {meeting.startedAtMs === null ? <p className="alert">Nobody started this meeting: its agenda was carried over to the next one.</p> : null}

      <section aria-labelledby="attendees">
        <h2 id="attendees">Attendees</h2>
        {attendees.length ? (
          <ul className="attendee-list">
            {attendees.map((a) => (
              <li key={a.id}>{a.name}</li>
            ))}
          </ul>
        ) : (
          <p className="empty">No attendance was taken.</p>
        )}
      </section>

      <section aria-labelledby="outcomes">
        <h2 id="outcomes">Agenda and outcomes</h2>
        {items.length ? (
          <table className="meeting-table minutes-table cards-on-narrow">
            <TableHead columns={["#", "COE", "Outcome", "Note"]} />
            <tbody>
              {items.map((i, n) => (
                <tr key={i.itemId}>
                  <td data-label="#">{n + 1}</td>
                  <td className="card-title">
                    <Link to={`/coes/${i.coeId}`}>{i.title}</Link>{" "}
                    <span className="small muted">
                      Sev {i.severity} · {i.team}
                    </span>
                  </td>
                  <td data-label="Outcome">
                    {i.outcome ? (
                      <strong>{OUTCOME_LABELS[i.outcome]}</strong>
                    ) : i.carriedTo ? (
                      <>
                        Carried over to <Link to={`/meetings/${i.carriedTo.id}`}>{i.carriedTo.label}</Link>
                      </>
                    ) : i.presentedAtMs !== null ? (
                      "Presented"
                    ) : (
                      "Not presented"
                    )}
                  </td>
                  <td data-label="Note" className="prewrap">
                    {i.outcomeNote ?? ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="empty">The agenda was empty.</p>
        )}
      </section>

      <section aria-labelledby="teams-reviewed">
        <h2 id="teams-reviewed">Teams reviewed</h2>
        <ReviewList rows={teamReviewRows(page, (teamId) => `/teams/${teamId}`)} empty="No team was reviewed." />
      </section>

      <section aria-labelledby="carried-over">
        <h2 id="carried-over">Carried over</h2>
        {carried.length ? (
          <ul>
            {carried.map((i) => (
              <li key={i.itemId}>
                <Link to={`/coes/${i.coeId}`}>{i.title}</Link> → <Link to={`/meetings/${i.carriedTo!.id}`}>{i.carriedTo!.label}</Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">Nothing was carried over: every COE on the agenda was presented.</p>
        )}
      </section>
    </article>
  );
}
