import { and, eq, inArray, isNull, lt, lte } from "drizzle-orm";
import { withTransaction, type Db } from "../../db/client";
import { actionItemReminders, actionItems, auditEvents, coes, jobRuns, notifications, users } from "../../db/schema";
import { DUE_SOON_DAYS, OPEN_WORK } from "../domain/action-items/owner-view";
import {
  composeDigest,
  REMINDER_JOB,
  reminderPeriod,
  selectReminders,
  type Digest,
  type OwnerReminders,
  type ReminderCandidate,
  type ReminderOwner,
  type SentReminder,
} from "../domain/action-items/reminders";
import { addDays } from "../domain/calendar-date";
import { getMeetingSchedule } from "./meeting-schedule.server";

/** What sends a digest by e-mail (app/server/mail.server.ts makes one from SMTP_URL; tests pass their own). */
export type Mailer = { send(message: { to: string; subject: string; text: string }): Promise<void> };

export type ReminderRunOptions = {
  now: Date;
  /** Who is running it, recorded on the claim (host and process id). */
  instance: string;
  mailer?: Mailer;
  /** The app's origin for the e-mail's links (APP_ORIGIN); without it they are paths. */
  origin?: string;
  /** Aborted on shutdown: messages not yet sent are skipped (the in-app notifications are already written). */
  signal?: AbortSignal;
};

export type ReminderRunSummary = { owners: number; reminders: number; emailed: number; emailFailures: number };
export type ReminderRunResult =
  | ({ ran: true; period: string } & ReminderRunSummary)
  | { ran: false; period: string; claimedBy: string; claimedAt: Date; finishedAt: Date | null };

/**
 * A claim not finished after this long is taken to have died with its process (killed mid-run)
 * and may be run again: safe, since reminders already recorded are not sent again.
 */
export const STALE_CLAIM_MS = 30 * 60_000;

/**
 * The day's reminders (issue 12). The first instance to claim the period (the organisation's
 * local date, in job_runs) runs it; any other, or a second call, answers "already ran". In one
 * transaction: the owners' open items due within 7 days or overdue are read, the reminders not
 * sent before are recorded (insert … on conflict do nothing: only rows actually inserted count,
 * so two runs that somehow overlapped cannot both send one), and each owner with a new reminder
 * gets one notification. After it commits, each of them gets one e-mail when a mailer is set.
 *
 * E-mail is at most once: a reminder is recorded before its message is sent and is not sent
 * again if sending fails (the failure is logged and counted in the run's result). The in-app
 * notification, written with the record, is the reminder that cannot be lost.
 */
export async function runReminders(db: Db, options: ReminderRunOptions): Promise<ReminderRunResult> {
  const { now, instance } = options;
  const started = performance.now();
  const { timeZone } = await getMeetingSchedule(db);
  const period = reminderPeriod(now, timeZone);
  const claim = await claimPeriod(db, period, instance, now);
  if (claim) return { ran: false, period, ...claim };

  const digests = await withTransaction(db, async (tx) => {
    const due = await dueReminders(tx, period);
    const fresh = await recordReminders(tx, due, period, now);
    const composed = fresh.map((o) => ({ owner: o.owner, reminders: o.reminders.length, digest: composeDigest(o, { today: period, origin: options.origin }) }));
    if (composed.length)
      await tx
        .insert(notifications)
        .values(composed.map(({ owner, digest }) => ({ userId: owner.id, kind: digest.notification.kind, text: digest.notification.text, href: digest.notification.href, createdAt: now })));
    return composed;
  });

  const failures = options.mailer ? await mailDigests(options.mailer, digests, options.signal) : [];
  const summary: ReminderRunSummary = {
    owners: digests.length,
    reminders: digests.reduce((n, d) => n + d.reminders, 0),
    emailed: options.mailer ? digests.length - failures.length : 0,
    emailFailures: failures.length,
  };
  await withTransaction(db, async (tx) => {
    await tx
      .update(jobRuns)
      .set({ finishedAt: new Date(now.getTime() + (performance.now() - started)), result: { ...summary, ...(failures.length ? { failures } : {}) } })
      .where(and(eq(jobRuns.job, REMINDER_JOB), eq(jobRuns.period, period)));
    // A run that reminded nobody is in job_runs only: the audit log would fill with a row a day.
    if (summary.owners)
      await tx.insert(auditEvents).values({ actorId: null, action: "reminders.run", entityType: "job", detail: { period, ...summary }, createdAt: now });
  });
  return { ran: true, period, ...summary };
}

/** Claims the period for this instance; undefined when claimed, else who holds it. */
async function claimPeriod(db: Db, period: string, instance: string, now: Date) {
  return withTransaction(db, async (tx) => {
    const thisRun = and(eq(jobRuns.job, REMINDER_JOB), eq(jobRuns.period, period));
    const [claimed] = await tx.insert(jobRuns).values({ job: REMINDER_JOB, period, claimedBy: instance, claimedAt: now }).onConflictDoNothing().returning({ period: jobRuns.period });
    if (claimed) return undefined;
    // One statement decides between two instances taking over the same stale claim: the second finds it no longer stale.
    const [takenOver] = await tx
      .update(jobRuns)
      .set({ claimedBy: instance, claimedAt: now })
      .where(and(thisRun, isNull(jobRuns.finishedAt), lt(jobRuns.claimedAt, new Date(now.getTime() - STALE_CLAIM_MS))))
      .returning({ period: jobRuns.period });
    if (takenOver) return undefined;
    const [holder] = await tx.select({ claimedBy: jobRuns.claimedBy, claimedAt: jobRuns.claimedAt, finishedAt: jobRuns.finishedAt }).from(jobRuns).where(thisRun);
    return holder!;
  });
}

/**
 * The reminders due on `today`, by owner. One read: every owned open item promised by a week from
 * today, with its COE's title, its owner, and the reminders already sent to that owner for its
 * current promised date (zero, one or two rows per item).
 */
async function dueReminders(tx: Db, today: string): Promise<OwnerReminders[]> {
  const rows = await tx
    .select({
      itemId: actionItems.id,
      title: actionItems.title,
      status: actionItems.status,
      promisedDate: actionItems.promisedDate,
      coeId: coes.id,
      coeTitle: coes.title,
      ownerId: users.id,
      email: users.email,
      name: users.name,
      disabledAt: users.disabledAt,
      sentKind: actionItemReminders.kind,
    })
    .from(actionItems)
    .innerJoin(coes, eq(coes.id, actionItems.coeId))
    .innerJoin(users, eq(users.id, actionItems.ownerId))
    .leftJoin(
      actionItemReminders,
      and(
        eq(actionItemReminders.actionItemId, actionItems.id),
        eq(actionItemReminders.userId, actionItems.ownerId),
        eq(actionItemReminders.promisedDate, actionItems.promisedDate),
      ),
    )
    .where(and(inArray(actionItems.status, [...OPEN_WORK]), lte(actionItems.promisedDate, addDays(today, DUE_SOON_DAYS))));
  const candidates = new Map<number, ReminderCandidate>();
  const sent: SentReminder[] = [];
  for (const r of rows) {
    if (!candidates.has(r.itemId))
      candidates.set(r.itemId, {
        itemId: r.itemId,
        title: r.title,
        status: r.status,
        promisedDate: r.promisedDate,
        coeId: r.coeId,
        coeTitle: r.coeTitle,
        owner: { id: r.ownerId, email: r.email, name: r.name, isDisabled: r.disabledAt !== null },
      });
    if (r.sentKind && r.promisedDate) sent.push({ actionItemId: r.itemId, userId: r.ownerId, kind: r.sentKind, promisedDate: r.promisedDate });
  }
  return selectReminders({ today, candidates: [...candidates.values()], sent });
}

// Rows per insert statement: 6 parameters each, well under either engine's limit on parameters.
const CHUNK = 500;

/** Records the reminders; returns each owner's reminders that were new (inserted by this call), owners without any left out. */
async function recordReminders(tx: Db, due: OwnerReminders[], period: string, now: Date): Promise<OwnerReminders[]> {
  const rows = due.flatMap((o) =>
    o.reminders.map((r) => ({ actionItemId: r.itemId, userId: o.owner.id, kind: r.kind, promisedDate: r.promisedDate, jobRunPeriod: period, createdAt: now })),
  );
  const inserted = new Set<string>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const added = await tx
      .insert(actionItemReminders)
      .values(rows.slice(i, i + CHUNK))
      .onConflictDoNothing()
      .returning({ itemId: actionItemReminders.actionItemId, userId: actionItemReminders.userId, kind: actionItemReminders.kind, date: actionItemReminders.promisedDate });
    for (const a of added) inserted.add(`${a.itemId}:${a.userId}:${a.kind}:${a.date}`);
  }
  return due
    .map((o) => ({ ...o, reminders: o.reminders.filter((r) => inserted.has(`${r.itemId}:${o.owner.id}:${r.kind}:${r.promisedDate}`)) }))
    .filter((o) => o.reminders.length);
}

type MailFailure = { userId: number; error: string };

/** One message per owner, one after another; a failure is logged and returned, never thrown. */
async function mailDigests(mailer: Mailer, digests: { owner: ReminderOwner; digest: Digest }[], signal?: AbortSignal): Promise<MailFailure[]> {
  const failures: MailFailure[] = [];
  for (const { owner, digest } of digests) {
    if (signal?.aborted) {
      failures.push({ userId: owner.id, error: "not sent: the server was shutting down" });
      continue;
    }
    try {
      await mailer.send({ to: owner.email, subject: digest.subject, text: digest.text });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      console.error(`reminders: the e-mail to user ${owner.id} was not sent (it is not retried; the in-app notification stands): ${error}`);
      failures.push({ userId: owner.id, error });
    }
  }
  return failures;
}
