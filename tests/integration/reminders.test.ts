import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { unreadNotificationCount } from "~/data/comments.server";
import { runReminders, STALE_CLAIM_MS, type Mailer } from "~/data/reminders.server";
import { REMINDER_JOB } from "~/domain/action-items/reminders";
import { addDays, utcDay } from "~/domain/calendar-date";
import { createMailer } from "~/server/mail.server";
import { withTransaction, type Db } from "../../db/client";
import { actionItemReminders, actionItems, auditEvents, jobRuns, notifications, settings, users, type ActionStatus } from "../../db/schema";
import { insertCoe } from "../factories";
import { freshDb } from "../setup/test-db";
import { startTestServer } from "../setup/test-server";
import { insertUser } from "../setup/users";
import { coeInBackground } from "./cli-run";

/*
 * Issue 12: once a day each owner gets one digest of their overdue items and those due in the next
 * 7 days, as an in-app notification and by e-mail through a real (local) SMTP server; one run per
 * period however many instances try; nobody gets the same reminder twice. Runs on both engines.
 */

type Received = { to: string[]; raw: string; text: string };
const inbox: Received[] = [];
let smtp: SMTPServer;
let smtpUrl: string;

/** The message's body as written: nodemailer sends long or non-ASCII text lines quoted-printable. */
function bodyText(raw: string): string {
  const split = raw.indexOf("\r\n\r\n");
  const [head, body] = [raw.slice(0, split), raw.slice(split + 4)];
  if (!/content-transfer-encoding:\s*quoted-printable/i.test(head)) return body.replace(/\r\n/g, "\n");
  const bytes = body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/g, "%25")).replace(/\r\n/g, "\n");
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // A mailbox that does not exist, to see a refused message recorded and not retried.
    onRcptTo(address, _session, callback) {
      callback(address.address.startsWith("bounce") ? new Error("550 no such mailbox") : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, text: bodyText(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

let mailer: Mailer & { close: () => void };
beforeEach(() => {
  inbox.length = 0;
  mailer?.close();
  mailer = createMailer({ url: smtpUrl, from: "COE platform <noreply@coe.example.org>" });
});

const TODAY = "2026-11-25";
const at = (day: string, time = "09:00") => new Date(`${day}T${time}:00Z`);

type ItemSpec = { title: string; ownerId: number | null; promisedDate: string | null; status?: ActionStatus };

async function insertItems(db: Db, coeId: number, specs: ItemSpec[]) {
  return withTransaction(db, (tx) =>
    tx
      .insert(actionItems)
      .values(
        specs.map((s, position) => ({
          coeId,
          position,
          title: s.title,
          horizon: "mid" as const,
          ownerId: s.ownerId,
          promisedDate: s.promisedDate,
          originalPromisedDate: s.promisedDate,
          status: s.status ?? "open",
          ...(s.status === "cancelled" ? { cancelReason: "Superseded" } : {}),
          ...(s.status === "validated" ? { validationNote: "Replayed the traffic" } : {}),
        })),
      )
      .returning({ id: actionItems.id, title: actionItems.title }),
  );
}

/** Owners with items of every kind, dated around `today`. */
async function world(db: Db, today = TODAY) {
  const ada = await insertUser(db, "member", "ada@example.org");
  const bob = await insertUser(db, "member", "bob@example.org");
  const carol = await insertUser(db, "member", "carol@example.org");
  const dave = await insertUser(db, "member", "dave@example.org");
  await withTransaction(db, (tx) => tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, carol.id)));
  const coeId = await insertCoe(db, { title: "Storage stale reads", actionItems: [] });
  const day = (n: number) => addDays(today, n);
  const items = await insertItems(db, coeId, [
    { title: "Ada overdue", ownerId: ada.id, promisedDate: day(-5) },
    { title: "Ada due in 3 days", ownerId: ada.id, promisedDate: day(3), status: "in_progress" },
    { title: "Ada due in 30 days", ownerId: ada.id, promisedDate: day(30) },
    { title: "Ada validated", ownerId: ada.id, promisedDate: day(-20), status: "validated" },
    { title: "Ada cancelled", ownerId: ada.id, promisedDate: day(1), status: "cancelled" },
    { title: "Ada undated", ownerId: ada.id, promisedDate: null },
    { title: "Bob implemented, overdue", ownerId: bob.id, promisedDate: day(-1), status: "implemented" },
    { title: "Carol overdue (disabled)", ownerId: carol.id, promisedDate: day(-2) },
    { title: "Nobody's overdue", ownerId: null, promisedDate: day(-2) },
  ]);
  const id = (title: string) => items.find((i) => i.title === title)!.id;
  return { ada, bob, carol, dave, coeId, id };
}

const messagesTo = (email: string) => inbox.filter((m) => m.to.includes(email));
const reminderRows = (db: Db) => db.select().from(actionItemReminders).orderBy(actionItemReminders.actionItemId, actionItemReminders.kind);
const runRow = async (db: Db, period: string) =>
  (
    await db
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.job, REMINDER_JOB), eq(jobRuns.period, period)))
  )[0];

describe("runReminders", () => {
  it("sends each owner one digest of their overdue and due-soon items, by e-mail and in the app; nobody is reminded twice", async () => {
    const db = await freshDb();
    const w = await world(db);

    const first = await runReminders(db, { now: at(TODAY), instance: "test-a", mailer, origin: "https://coe.example.org" });
    expect(first).toEqual({ ran: true, period: TODAY, owners: 2, reminders: 3, emailed: 2, emailFailures: 0 });

    // Exactly Ada and Bob, one message each, listing exactly their items.
    expect(inbox.map((m) => m.to).sort()).toEqual([["ada@example.org"], ["bob@example.org"]]);
    const [toAda] = messagesTo("ada@example.org");
    expect(toAda!.raw).toMatch(/^Subject: Action items: 1 overdue, 1 due in the next 7 days\r$/m);
    expect(toAda!.raw).toMatch(/^From: COE platform <noreply@coe\.example\.org>\r$/m);
    expect(toAda!.text).toContain("Hello member person,");
    expect(toAda!.text).toContain(
      `Overdue\n  - Ada overdue\n    COE: Storage stale reads\n    promised 2026-11-20 (5 days ago)\n    https://coe.example.org/coes/${w.coeId}#action-item-${w.id("Ada overdue")}\n`,
    );
    expect(toAda!.text).toContain(`Due in the next 7 days\n  - Ada due in 3 days\n    COE: Storage stale reads\n    promised 2026-11-28 (in 3 days)\n`);
    expect(toAda!.text.indexOf("Ada overdue")).toBeLessThan(toAda!.text.indexOf("Ada due in 3 days"));
    for (const other of ["30 days", "validated", "cancelled", "undated", "Bob", "Carol", "Nobody"]) expect(toAda!.text).not.toContain(other);
    const [toBob] = messagesTo("bob@example.org");
    expect(toBob!.text).toContain("  - Bob implemented, overdue\n");
    expect(toBob!.text).not.toContain("Ada");

    // In the app: one unread notification per owner digest, leading to their items.
    expect(await unreadNotificationCount(db, w.ada.id)).toBe(1);
    expect(await unreadNotificationCount(db, w.bob.id)).toBe(1);
    expect(await unreadNotificationCount(db, w.carol.id)).toBe(0);
    expect(await unreadNotificationCount(db, w.dave.id)).toBe(0);
    const [adaNote] = await db.select().from(notifications).where(eq(notifications.userId, w.ada.id));
    expect(adaNote).toMatchObject({
      kind: "action_items.reminder",
      href: "/action-items",
      text: "Action item reminder: 1 overdue, 1 due in the next 7 days",
      actorId: null,
    });

    // What was sent is recorded: per item, owner, kind and promised date; the run finished with its counts; the audit log has it.
    expect((await reminderRows(db)).map((r) => [r.actionItemId, r.userId, r.kind, r.promisedDate, r.jobRunPeriod])).toEqual(
      [
        [w.id("Ada overdue"), w.ada.id, "overdue", "2026-11-20", TODAY],
        [w.id("Ada due in 3 days"), w.ada.id, "due_soon", "2026-11-28", TODAY],
        [w.id("Bob implemented, overdue"), w.bob.id, "overdue", "2026-11-24", TODAY],
      ].sort((a, b) => (a[0] as number) - (b[0] as number)),
    );
    const run = await runRow(db, TODAY);
    expect(run).toMatchObject({ claimedBy: "test-a", result: { owners: 2, reminders: 3, emailed: 2, emailFailures: 0 } });
    expect(run!.finishedAt).toBeInstanceOf(Date);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "reminders.run"));
    expect(audit).toMatchObject([{ actorId: null, entityType: "job", detail: { period: TODAY, owners: 2, reminders: 3 } }]);

    // The same period again (later that day, another instance): already ran, nothing new.
    const again = await runReminders(db, { now: at(TODAY, "17:00"), instance: "test-b", mailer });
    expect(again).toMatchObject({ ran: false, period: TODAY, claimedBy: "test-a" });
    expect(inbox).toHaveLength(2);
    expect(await db.select().from(notifications)).toHaveLength(2);

    // The next day, nothing changed: the run happens and reminds nobody (no mail, no notification, no audit row).
    const nextDay = await runReminders(db, { now: at("2026-11-26"), instance: "test-a", mailer });
    expect(nextDay).toEqual({ ran: true, period: "2026-11-26", owners: 0, reminders: 0, emailed: 0, emailFailures: 0 });
    expect(inbox).toHaveLength(2);
    expect(await db.select().from(notifications)).toHaveLength(2);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "reminders.run"))).toHaveLength(1);
    expect(await runRow(db, "2026-11-26")).toMatchObject({ result: { owners: 0, reminders: 0 } });
  });

  it("a moved promise is reminded again for its new date, and a due-soon item again when it becomes overdue", async () => {
    const db = await freshDb();
    const w = await world(db);
    await runReminders(db, { now: at(TODAY), instance: "test", mailer });
    inbox.length = 0;

    const moved = w.id("Ada due in 3 days");
    await withTransaction(db, (tx) => tx.update(actionItems).set({ promisedDate: "2026-11-30" }).where(eq(actionItems.id, moved)));
    expect(await runReminders(db, { now: at("2026-11-27"), instance: "test", mailer })).toMatchObject({ ran: true, owners: 1, reminders: 1 });
    expect(inbox.map((m) => m.to)).toEqual([["ada@example.org"]]);
    expect(inbox[0]!.raw).toMatch(/^Subject: Action items: 1 due in the next 7 days\r$/m);
    expect(inbox[0]!.text).toContain("  - Ada due in 3 days\n    COE: Storage stale reads\n    promised 2026-11-30 (in 3 days)\n");
    expect(inbox[0]!.text).not.toContain("Ada overdue"); // already reminded as overdue for its date

    // 1 December: the moved item is now overdue, a reminder of another kind.
    expect(await runReminders(db, { now: at("2026-12-01"), instance: "test", mailer })).toMatchObject({ ran: true, owners: 1, reminders: 1 });
    expect(inbox[1]!.raw).toMatch(/^Subject: Action items: 1 overdue\r$/m);
    expect((await reminderRows(db)).filter((r) => r.actionItemId === moved).map((r) => `${r.kind} ${r.promisedDate}`)).toEqual([
      "due_soon 2026-11-28",
      "due_soon 2026-11-30",
      "overdue 2026-11-30",
    ]);
    expect(await unreadNotificationCount(db, w.ada.id)).toBe(3);
  });

  it("two instances running at once: one run, one message per owner", async () => {
    const db = await freshDb();
    await world(db);
    const results = await Promise.all(["instance-a", "instance-b", "instance-c"].map((instance) => runReminders(db, { now: at(TODAY), instance, mailer })));
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    expect(results.filter((r) => !r.ran)).toHaveLength(2);
    expect(inbox.map((m) => m.to[0]).sort()).toEqual(["ada@example.org", "bob@example.org"]);
    expect(await reminderRows(db)).toHaveLength(3);
    expect(await db.select().from(notifications)).toHaveLength(2);
    expect(await db.select().from(jobRuns)).toHaveLength(1);
  });

  it("a claim left unfinished by a process that died is taken over once stale, sending only what was not recorded", async () => {
    const db = await freshDb();
    const w = await world(db);
    // A run that recorded Ada's reminders and then died before finishing.
    const claimedAt = new Date(at(TODAY).getTime() - STALE_CLAIM_MS - 60_000);
    await withTransaction(db, async (tx) => {
      await tx.insert(jobRuns).values({ job: REMINDER_JOB, period: TODAY, claimedBy: "died", claimedAt });
      await tx.insert(actionItemReminders).values([
        { actionItemId: w.id("Ada overdue"), userId: w.ada.id, kind: "overdue", promisedDate: "2026-11-20", jobRunPeriod: TODAY },
        { actionItemId: w.id("Ada due in 3 days"), userId: w.ada.id, kind: "due_soon", promisedDate: "2026-11-28", jobRunPeriod: TODAY },
      ]);
    });
    // Not yet stale: someone is (or may be) running it.
    const early = await runReminders(db, { now: new Date(claimedAt.getTime() + 60_000), instance: "test", mailer });
    expect(early).toMatchObject({ ran: false, claimedBy: "died", finishedAt: null });

    const late = await runReminders(db, { now: at(TODAY), instance: "test", mailer });
    expect(late).toMatchObject({ ran: true, owners: 1, reminders: 1 });
    expect(inbox.map((m) => m.to)).toEqual([["bob@example.org"]]);
    expect(await runRow(db, TODAY)).toMatchObject({ claimedBy: "test", result: { owners: 1 } });
  });

  it("a message the mail server refuses is counted and logged, not retried; the others go out and the notification stands", async () => {
    const db = await freshDb();
    const w = await world(db);
    await withTransaction(db, (tx) => tx.update(users).set({ email: "bounce-bob@example.org" }).where(eq(users.id, w.bob.id)));
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const result = await runReminders(db, { now: at(TODAY), instance: "test", mailer });
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`e-mail to user ${w.bob.id} was not sent .*550`)));
    logged.mockRestore();
    expect(result).toMatchObject({ ran: true, owners: 2, emailed: 1, emailFailures: 1 });
    expect(inbox.map((m) => m.to)).toEqual([["ada@example.org"]]);
    expect(await unreadNotificationCount(db, w.bob.id)).toBe(1);
    const run = await runRow(db, TODAY);
    expect(run!.result).toMatchObject({ emailFailures: 1, failures: [{ userId: w.bob.id, error: expect.stringMatching(/550|mailbox/) as unknown }] });
    // At most once: the next day does not send it again.
    expect(await runReminders(db, { now: at("2026-11-26"), instance: "test", mailer })).toMatchObject({ owners: 0 });
    expect(inbox).toHaveLength(1);
  });

  it("without a mailer (no SMTP_URL) the reminders are in-app only; the day is the organisation's local date", async () => {
    const db = await freshDb();
    const w = await world(db);
    await withTransaction(db, (tx) =>
      tx.insert(settings).values({ key: "meeting_schedule", value: { weekday: "wednesday", time: "10:00", timeZone: "Pacific/Kiritimati" } }),
    );
    // 20:00 UTC on the 24th is already the 25th in Kiritimati (UTC+14).
    const result = await runReminders(db, { now: at("2026-11-24", "20:00"), instance: "test" });
    expect(result).toEqual({ ran: true, period: TODAY, owners: 2, reminders: 3, emailed: 0, emailFailures: 0 });
    expect(inbox).toHaveLength(0);
    expect(await unreadNotificationCount(db, w.ada.id)).toBe(1);
  });
});

describe("the server and the command line", () => {
  it("`coe reminders` runs the day's reminders once", async () => {
    const db = await freshDb();
    await world(db, utcDay(Date.now()));
    const env = { SMTP_URL: smtpUrl };
    const first = await coeInBackground(env, "reminders");
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^reminders \d{4}-\d{2}-\d{2}: 3 new reminders for 2 owners; 2 e-mailed\n$/);
    expect(inbox).toHaveLength(2);
    const second = await coeInBackground(env, "reminders");
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/already ran \(claimed by coe reminders:/);
    expect(await coeInBackground({ SMTP_URL: "http://mail" }, "reminders")).toMatchObject({ status: 2, stderr: expect.stringMatching(/SMTP_URL/) as unknown });
  });

  it("a server with REMINDERS on runs them by itself once the day's time has come", async () => {
    const db = await freshDb();
    await world(db, utcDay(Date.now()));
    const server = await startTestServer({ REMINDERS: "on", REMINDERS_AT: "00:00", SMTP_URL: smtpUrl, APP_ORIGIN: "https://coe.example.org" });
    try {
      // The log line comes once the run has finished (after the messages went out).
      const finished = /reminders \d{4}-\d{2}-\d{2}: 3 new reminders for 2 owners; 2 e-mailed/;
      const deadline = Date.now() + 15_000;
      while (!finished.test(server.log()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(server.log()).toMatch(finished);
      expect(inbox.map((m) => m.to[0]).sort()).toEqual(["ada@example.org", "bob@example.org"]);
      expect(messagesTo("ada@example.org")[0]!.text).toContain("All your action items: https://coe.example.org/action-items");
    } finally {
      await server.stop();
    }
    expect(await db.select().from(jobRuns)).toMatchObject([{ job: REMINDER_JOB, result: { owners: 2 } }]);
  });
});
