import { hostname } from "node:os";
import { db } from "~/data/db.server";
import { getMeetingSchedule } from "~/data/meeting-schedule.server";
import { runReminders, type ReminderRunResult } from "~/data/reminders.server";
import { nextReminderRun } from "~/domain/action-items/reminders";
import { plural } from "~/domain/plural";
import type { ServerConfig } from "./config.server";
import { createMailer } from "./mail.server";

// The timer looks again at least this often: an admin may change the organisation's time zone
// (Admin → Meetings), and a timer set for tomorrow morning should not trust one long sleep.
const MAX_WAIT_MS = 10 * 60_000;
// After a failed run (the database unreachable, say), or while another instance holds today's run unfinished.
const RETRY_MS = 60_000;
const HELD_MS = 5 * 60_000;
// The first look, soon after start: a server started after the day's time still runs the day's reminders.
const FIRST_LOOK_MS = 1_000;
// Shutdown waits this long at most for a run under way (a message being sent); what is left is
// safe to cut: the reminders and notifications were committed before any mail went out.
const STOP_WAIT_MS = 5_000;

export type Job = { stop: () => Promise<void> };

/** This instance's name on the periods it claims. */
export const instanceName = () => `${hostname()}:${process.pid}`;

function describeRun(r: ReminderRunResult): string {
  if (!r.ran) return `reminders ${r.period}: already ${r.finishedAt ? "ran" : "running"} (claimed by ${r.claimedBy} at ${r.claimedAt.toISOString()})`;
  const mail = r.emailed || r.emailFailures ? `; ${r.emailed} e-mailed${r.emailFailures ? `, ${plural(r.emailFailures, "e-mail")} failed` : ""}` : "";
  return `reminders ${r.period}: ${plural(r.reminders, "new reminder")} for ${plural(r.owners, "owner")}${mail}`;
}

/** Runs the day's reminders now (the `coe reminders` command), whatever the time of day; once a period all the same. */
export async function runRemindersNow(config: Pick<ServerConfig, "mail" | "appOrigin">, instance: string): Promise<string> {
  const mailer = config.mail && createMailer(config.mail);
  try {
    return describeRun(await runReminders(db(), { now: new Date(), instance, mailer, origin: config.appOrigin }));
  } finally {
    mailer?.close();
  }
}

/**
 * The daily action-item reminders, in this server process: a timer (unref'd, so it never keeps
 * the process alive) wakes when the day's run is due (REMINDERS_AT, the organisation's local
 * time) and calls runReminders. Every process of every instance runs one; the period claimed in
 * the database lets exactly one of them run each day. `stop` (on shutdown) clears the timer,
 * skips e-mails not yet sent, and waits a little for a run under way.
 */
export function startReminderJob(config: Pick<ServerConfig, "mail" | "appOrigin" | "reminders">): Job {
  const mailer = config.mail && createMailer(config.mail);
  const instance = instanceName();
  const abort = new AbortController();
  let lastPeriod: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const look = async (): Promise<number> => {
    const schedule = { timeZone: (await getMeetingSchedule(db())).timeZone, at: config.reminders.at };
    const now = new Date();
    if (nextReminderRun(now, schedule, lastPeriod) <= now) {
      const result = await runReminders(db(), { now, instance, mailer, origin: config.appOrigin, signal: abort.signal });
      if (result.ran || result.finishedAt) {
        lastPeriod = result.period;
        if (result.ran) console.log(describeRun(result));
      } else {
        return HELD_MS; // another instance is running it (or died doing so: taken over once its claim is stale)
      }
    }
    return nextReminderRun(new Date(), schedule, lastPeriod).getTime() - Date.now();
  };

  const wake = () => {
    running = look()
      .catch((e: unknown) => {
        console.error("reminders: the run failed; trying again in a minute:", e);
        return RETRY_MS;
      })
      .then((wait) => {
        if (!abort.signal.aborted) later(Math.min(Math.max(wait, 1_000), MAX_WAIT_MS));
      })
      .finally(() => {
        running = undefined;
      });
  };
  const later = (ms: number) => {
    timer = setTimeout(wake, ms);
    timer.unref();
  };
  later(FIRST_LOOK_MS);

  return {
    async stop() {
      abort.abort();
      clearTimeout(timer);
      if (running) await Promise.race([running, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
      mailer?.close();
    },
  };
}
