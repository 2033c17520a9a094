import { addDays, dayNumber, daysBetween } from "../calendar-date";
import type { ActionStatus, ReminderKind } from "../enums";
import { isClockTime, zonedToInstant } from "../meetings/schedule";
import { plural } from "../plural";
import { localDate } from "../zoned-parts";
import { dueWindow, DUE_SOON_DAYS, isOpenWork } from "./owner-view";

/**
 * Action-item reminders (SPEC §4, issue 12): once a day each owner gets one digest of their open
 * items that are overdue or due within DUE_SOON_DAYS, in the app and, when SMTP is configured, by
 * e-mail. A reminder is one item, owner, kind and promised date: it is sent once. An item reminded
 * as due soon is reminded again when it becomes overdue, or when its promise moves.
 */

/** The job's name in job_runs. */
export const REMINDER_JOB = "action-item-reminders";
/** The local time the daily run is due (REMINDERS_AT): the start of a working day. */
export const DEFAULT_REMINDERS_AT = "08:00";
/** The notification's kind and where it leads: the owner's page lists overdue items first, then those due this week. */
export const REMINDER_NOTIFICATION = { kind: "action_items.reminder", href: "/action-items" } as const;

export type ReminderCandidate = {
  itemId: number;
  title: string;
  status: ActionStatus;
  promisedDate: string | null;
  coeId: number;
  coeTitle: string;
  /** Null for an item nobody owns. */
  owner: (ReminderOwner & { isDisabled: boolean }) | null;
};
export type ReminderOwner = { id: number; email: string; name: string };
/** A reminder already sent (a row of action_item_reminders). */
export type SentReminder = { actionItemId: number; userId: number; kind: ReminderKind; promisedDate: string };
export type Reminder = { itemId: number; kind: ReminderKind; promisedDate: string; title: string; coeId: number; coeTitle: string };
/** One owner's reminders due now: overdue first (longest overdue first), then due soon (soonest first). */
export type OwnerReminders = { owner: ReminderOwner; reminders: Reminder[] };

const keyOf = (r: { actionItemId: number; userId: number; kind: ReminderKind; promisedDate: string }) =>
  `${r.actionItemId}:${r.userId}:${r.kind}:${r.promisedDate}`;

/** Which reminder an item is due on `today`, if any: open work only, with a promised date. */
export function reminderKindOf(item: { status: ActionStatus; promisedDate: string | null }, today: string): ReminderKind | undefined {
  if (!isOpenWork(item.status)) return undefined;
  const due = dueWindow(item.promisedDate, today);
  return due === "overdue" ? "overdue" : due === "due-soon" ? "due_soon" : undefined;
}

/**
 * The reminders due on `today` (the organisation's local date), grouped by owner (owners by id):
 * each open item of an enabled owner that is overdue or due soon, unless that reminder (item,
 * owner, kind, promised date) was already sent.
 */
export function selectReminders(input: { today: string; candidates: readonly ReminderCandidate[]; sent: readonly SentReminder[] }): OwnerReminders[] {
  const sent = new Set(input.sent.map(keyOf));
  const byOwner = new Map<number, OwnerReminders>();
  for (const c of input.candidates) {
    const kind = reminderKindOf(c, input.today);
    const owner = c.owner;
    if (!kind || !c.promisedDate || !owner || owner.isDisabled) continue;
    if (sent.has(keyOf({ actionItemId: c.itemId, userId: owner.id, kind, promisedDate: c.promisedDate }))) continue;
    let entry = byOwner.get(owner.id);
    if (!entry) byOwner.set(owner.id, (entry = { owner: { id: owner.id, email: owner.email, name: owner.name }, reminders: [] }));
    entry.reminders.push({ itemId: c.itemId, kind, promisedDate: c.promisedDate, title: c.title, coeId: c.coeId, coeTitle: c.coeTitle });
  }
  const order = (a: Reminder, b: Reminder) =>
    Number(a.kind === "due_soon") - Number(b.kind === "due_soon") || a.promisedDate.localeCompare(b.promisedDate) || a.itemId - b.itemId;
  return [...byOwner.values()].sort((a, b) => a.owner.id - b.owner.id).map((o) => ({ ...o, reminders: o.reminders.sort(order) }));
}

export type Digest = { subject: string; text: string; notification: { kind: string; text: string; href: string } };

function relativeDay(promisedDate: string, today: string): string {
  const days = daysBetween(today, promisedDate);
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  return days > 0 ? `in ${days} days` : `${plural(-days, "day")} ago`;
}

/**
 * One owner's digest: a subject and plain-text body for the e-mail, and the in-app notification.
 * The subject holds only counts (never an item's words, so nothing typed can reach a mail header).
 * Links are absolute when the app's origin is known (APP_ORIGIN), paths otherwise.
 */
export function composeDigest(owner: OwnerReminders, { today, origin = "" }: { today: string; origin?: string }): Digest {
  const overdue = owner.reminders.filter((r) => r.kind === "overdue");
  const dueSoon = owner.reminders.filter((r) => r.kind === "due_soon");
  const counts = [overdue.length ? `${overdue.length} overdue` : "", dueSoon.length ? `${dueSoon.length} due in the next ${DUE_SOON_DAYS} days` : ""]
    .filter(Boolean)
    .join(", ");
  const section = (heading: string, items: Reminder[]) =>
    items.length
      ? [
          heading,
          ...items.flatMap((r) => [
            `  - ${r.title}`,
            `    COE: ${r.coeTitle}`,
            `    promised ${r.promisedDate} (${relativeDay(r.promisedDate, today)})`,
            `    ${origin}/coes/${r.coeId}#action-item-${r.itemId}`,
          ]),
          "",
        ]
      : [];
  const text = [
    `Hello ${owner.owner.name},`,
    "",
    `Action items you own that need you, as of ${today}:`,
    "",
    ...section("Overdue", overdue),
    ...section(`Due in the next ${DUE_SOON_DAYS} days`, dueSoon),
    `All your action items: ${origin}${REMINDER_NOTIFICATION.href}`,
    "",
    "You are reminded once when an item is due soon and once when it is overdue; moving its promised date starts again.",
    "",
  ].join("\n");
  return {
    subject: `Action items: ${counts}`,
    text,
    notification: { ...REMINDER_NOTIFICATION, text: `Action item reminder: ${counts}` },
  };
}

// ─── When the job runs ──────────────────────────────────────────────────────────────────────

export type ReminderSchedule = {
  /** The organisation's IANA zone: its local date is "today" for promised dates, and names the period. */
  timeZone: string;
  /** The local time, "HH:MM", from which the day's run is due. */
  at: string;
};

/** The period a run at `now` belongs to: the organisation's local date (one run a day). */
export function reminderPeriod(now: Date, timeZone: string): string {
  return localDate(now.getTime(), timeZone);
}

/**
 * The instant the run of a local date is due. A time that daylight saving skips that day is read
 * as the same time after the gap (02:30 on a spring-forward night is 03:30); a time it repeats is
 * the first.
 */
export function reminderRunAt(date: string, { timeZone, at }: ReminderSchedule): Date {
  if (!isClockTime(at)) throw new RangeError(`reminder time must be HH:MM, got ${JSON.stringify(at)}`);
  const [hour, minute] = at.split(":").map(Number) as [number, number];
  return new Date(zonedToInstant(dayNumber(date) * 86_400_000 + (hour * 60 + minute) * 60_000, timeZone));
}

/**
 * When the next run is due, given the period that last ran (or was found claimed): now, when
 * today's time has passed and today has not run (a server started at noon still runs the day's
 * reminders); else today's time, or tomorrow's.
 */
export function nextReminderRun(now: Date, schedule: ReminderSchedule, lastPeriod?: string): Date {
  const today = reminderPeriod(now, schedule.timeZone);
  if (lastPeriod !== today) {
    const todays = reminderRunAt(today, schedule);
    return todays > now ? todays : now;
  }
  return reminderRunAt(addDays(today, 1), schedule);
}
