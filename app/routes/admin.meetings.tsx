import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/admin.meetings";
import { forbidden } from "~/auth/guards.server";
import { requireUser } from "~/auth/session.server";
import { ErrorAlert } from "~/components/ui/error-alert";
import { LocalTime } from "~/components/ui/local-time";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { db } from "~/data/db.server";
import { meetingDateLabel } from "~/data/meeting-pages.server";
import { getMeetingSchedule, saveMeetingSchedule } from "~/data/meeting-schedule.server";
import { formatInstant } from "~/domain/coe/date-format";
import { canAdminister } from "~/domain/coe/permissions";
import { DEFAULT_SCHEDULE, scheduleProblem, upcomingMeetings, WEEKDAYS, type MeetingSchedule, type Weekday } from "~/domain/meetings/schedule";
import { readFormValues } from "~/server/form-body.server";

export const meta: Route.MetaFunction = () => [{ title: "Meeting settings · COE" }];

const ADMINS_ONLY = "Only admins can change when the review meeting is held.";
const WEEKDAY_OPTIONS = WEEKDAYS.map((d) => ({ value: d, label: d[0]!.toUpperCase() + d.slice(1) }));

/** Every IANA zone this server knows (UTC included), for the time zone field's suggestions. */
function timeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

/** The next `count` meetings a schedule gives, as the page lists them. */
function preview(schedule: MeetingSchedule, now: Date, count = 4) {
  return upcomingMeetings(schedule, now, count).map((s) => ({
    date: s.date,
    label: meetingDateLabel(s.date),
    startsAtMs: s.startsAt.getTime(),
    inZone: formatInstant(s.startsAt.getTime(), schedule.timeZone),
  }));
}

export async function loader({ request, url }: Route.LoaderArgs) {
  const user = await requireUser(request);
  if (!canAdminister(user)) forbidden(ADMINS_ONLY);
  const schedule = await getMeetingSchedule(db());
  return { schedule, upcoming: preview(schedule, new Date()), timeZones: timeZones(), saved: url.searchParams.has("saved") };
}

type ActionResult = { values: Record<keyof MeetingSchedule, string>; errors: Partial<Record<keyof MeetingSchedule | "form", string>> };

/**
 * Each field checked on its own (the others taken as valid), so every wrong field is named at
 * once; scheduleProblem says what is wrong with each.
 */
function problemsOf(values: Record<keyof MeetingSchedule, string>): ActionResult["errors"] {
  const errors: ActionResult["errors"] = {};
  for (const field of ["weekday", "time", "timeZone"] as const) {
    const problem = scheduleProblem({ ...DEFAULT_SCHEDULE, [field]: values[field] } as MeetingSchedule);
    if (problem) errors[field] = problem.message;
  }
  return errors;
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  if (!canAdminister(user)) forbidden(ADMINS_ONLY);
  const read = await readFormValues(request);
  if (!read.ok) throw data({ reason: read.message }, { status: read.status });
  const values = { weekday: read.value.weekday ?? "", time: (read.value.time ?? "").trim(), timeZone: (read.value.timeZone ?? "").trim() };
  const errors = problemsOf(values);
  if (Object.keys(errors).length) return data<ActionResult>({ values, errors }, { status: 400 });
  const schedule: MeetingSchedule = { weekday: values.weekday as Weekday, time: values.time, timeZone: values.timeZone };
  await saveMeetingSchedule(db(), { schedule, actorId: user.id, now: new Date() });
  throw redirect("/admin/meetings?saved");
}

export default function MeetingSettings({ loaderData: { schedule, upcoming, timeZones, saved }, actionData }: Route.ComponentProps) {
  const values = actionData?.values ?? schedule;
  const errors = actionData?.errors ?? {};
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div className="narrow meeting-settings">
      <h1>Meeting settings</h1>
      <p className="muted">
        The weekly review meeting: which day, at what time, in which time zone. The meetings of the coming weeks follow the schedule; COEs already queued for a
        meeting that moves go to the new meeting after it, in their order.
      </p>
      {saved && !actionData ? (
        <p className="alert" role="status">
          Saved. The coming meetings follow the new schedule.
        </p>
      ) : null}
      {Object.keys(errors).length ? <ErrorAlert message="The schedule was not saved: correct the fields marked below." /> : null}
      <Form method="post" className="stack" noValidate>
        <SelectField label="Day of the week" name="weekday" options={WEEKDAY_OPTIONS} defaultValue={values.weekday} error={errors.weekday} required />
        <TextField label="Time" name="time" type="time" defaultValue={values.time} error={errors.time} hint="24-hour, for example 10:00." required />
        <TextField
          label="Time zone"
          name="timeZone"
          defaultValue={values.timeZone}
          error={errors.timeZone}
          hint="An IANA time zone name, for example Europe/Berlin or America/New_York."
          list="time-zone-names"
          autoComplete="off"
          spellCheck={false}
          required
        />
        <datalist id="time-zone-names">
          {timeZones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "Saving…" : "Save the schedule"}
        </button>
      </Form>

      <section aria-labelledby="next-meetings">
        <h2 id="next-meetings">The next four meetings</h2>
        <p className="muted small">
          On the saved schedule: every {WEEKDAY_OPTIONS.find((o) => o.value === schedule.weekday)?.label} at {schedule.time}, {schedule.timeZone}. Times in your
          time zone, and in the meeting&apos;s.
        </p>
        <ol className="meeting-preview">
          {upcoming.map((m) => (
            <li key={m.date}>
              <strong>{m.label}</strong>: <LocalTime ms={m.startsAtMs} /> <span className="muted small">({m.inZone})</span>
            </li>
          ))}
        </ol>
        <p>
          <Link to="/meetings">All review meetings</Link>
        </p>
      </section>
    </div>
  );
}
