import { createHash } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import ICAL from "ical.js";
import { beforeEach, describe, expect, it } from "vitest";
import { changeItemDate, changeItemStatus, type ItemWrite } from "~/data/action-item-writes.server";
import { updateActionItem } from "~/data/coe-edit.server";
import { sectionVersionOf } from "~/data/section-versions.server";
import { addDays, utcDay } from "~/domain/calendar-date";
import { ActionItemFormSchema } from "~/domain/coe/forms";
import { withTransaction, type Db } from "../../db/client";
import { actionItems, auditEvents, calendarFeeds, users } from "../../db/schema";
import { actionItemRow, insertCoe } from "../factories";
import { freshDb } from "../setup/test-db";
import { sameOrigin, setUpTestServer } from "../setup/test-server";
import { insertTeam, insertUser, sessionCookieFor } from "../setup/users";

/* Issue 12: each user's private calendar feed, through the real server: what it lists (checked event by event with a maintained iCalendar parser), how it follows changes, and how its link is made, replaced and turned off. */

const server = setUpTestServer();
const today = utcDay(Date.now());
const day = (n: number) => addDays(today, n);

/** A form posted from My action items (our own page), answered with the page. */
const postForm = (fields: Record<string, string>, cookie: string, from = server().origin) =>
  fetch(`${server().origin}/action-items`, {
    method: "POST",
    redirect: "manual",
    headers: { ...sameOrigin(from, cookie), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });

/** Makes (or replaces) the signed-in user's link through the page, and reads the link off the page as a person would. */
async function makeLink(cookie: string): Promise<{ url: string; token: string; html: string }> {
  const res = await postForm({ intent: "new-calendar-link" }, cookie);
  expect(res.status).toBe(200);
  const html = await res.text();
  const match = /value="(http:\/\/[^"]+\/calendar\/([A-Za-z0-9_-]{43})\.ics)"/.exec(html);
  expect(match, "the page shows the new link").not.toBeNull();
  return { url: match![1]!, token: match![2]!, html };
}

const getFeed = (path: string) => fetch(path.startsWith("http") ? path : `${server().origin}${path}`);

/** The feed as a calendar program reads it, each event's properties as ical.js parses them. */
async function readFeed(url: string) {
  const res = await getFeed(url);
  expect(res.status).toBe(200);
  const text = await res.text();
  const root = new ICAL.Component(ICAL.parse(text));
  const events = root.getAllSubcomponents("vevent").map((e) => {
    const event = new ICAL.Event(e);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate,
      status: e.getFirstPropertyValue("status"),
      sequence: event.sequence,
      url: e.getFirstPropertyValue("url"),
      description: event.description,
    };
  });
  return { res, text, root, events, byUid: new Map(events.map((e) => [e.uid, e])) };
}

async function world(db: Db) {
  await insertTeam(db, "Storage");
  const author = await insertUser(db, "author");
  const owner = await insertUser(db, "member");
  const other = await insertUser(db, "member");
  const coeTitle = "Disk full; writes failed, then recovered";
  const coeId = await insertCoe(
    db,
    {
      status: "approved",
      team: "Storage",
      title: coeTitle,
      actionItems: [
        { title: "Rotate logs", horizon: "short", owner: owner.email, promisedDate: day(4), status: "open", customerFacing: false, scaling: null },
        { title: "Alarm on disk, 80%", horizon: "mid", owner: owner.email, promisedDate: day(20), status: "in_progress", customerFacing: true, scaling: null },
        { title: "Quota per tenant", horizon: "long", owner: owner.email, promisedDate: day(-3), status: "implemented", customerFacing: false, scaling: null },
        {
          title: "Validated already",
          horizon: "short",
          owner: owner.email,
          promisedDate: day(-10),
          status: "validated",
          validationNote: "Filled a disk in staging",
          customerFacing: false,
          scaling: null,
        },
        {
          title: "Cancelled lately",
          horizon: "mid",
          owner: owner.email,
          promisedDate: day(9),
          status: "cancelled",
          cancelReason: "Replaced",
          customerFacing: false,
          scaling: null,
        },
        {
          title: "Cancelled long ago",
          horizon: "mid",
          owner: owner.email,
          promisedDate: day(-200),
          status: "cancelled",
          cancelReason: "Moot",
          customerFacing: false,
          scaling: null,
        },
        { title: "No date yet", horizon: "long", owner: owner.email, promisedDate: null, status: "open", customerFacing: false, scaling: null },
        { title: "Someone else's", horizon: "short", owner: other.email, promisedDate: day(5), status: "open", customerFacing: false, scaling: null },
      ],
    },
    { actorId: author.id },
  );
  const items = await db.select().from(actionItems).where(eq(actionItems.coeId, coeId)).orderBy(asc(actionItems.id));
  const byTitle = (title: string) => items.find((i) => i.title === title)!;
  // Cancelled 200 days ago: out of the feed's window.
  await withTransaction(db, (tx) =>
    tx
      .update(actionItems)
      .set({ updatedAt: new Date(Date.now() - 200 * 86_400_000) })
      .where(eq(actionItems.id, byTitle("Cancelled long ago").id)),
  );
  return { author, owner, other, coeId, coeTitle, items, byTitle, cookie: await sessionCookieFor(owner.id), otherCookie: await sessionCookieFor(other.id) };
}

const host = () => new URL(server().origin).host;
const uidOf = (id: number) => `action-item-${id}@${host()}`;

describe("a user's private calendar feed", () => {
  let db: Db;
  let w: Awaited<ReturnType<typeof world>>;
  beforeEach(async () => {
    db = await freshDb();
    w = await world(db);
  });

  it("lists every dated item of open work and the recently cancelled ones, each event as the database has it; nobody else's", async () => {
    const { url } = await makeLink(w.cookie);
    const { res, text, root, events, byUid } = await readFeed(url);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("private, max-age=300");
    expect(res.headers.get("content-disposition")).toMatch(/^inline/);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(text.split("\r\n").every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    expect(root.getFirstPropertyValue("method")).toBe("PUBLISH");

    const listed = ["Quota per tenant", "Rotate logs", "Cancelled lately", "Alarm on disk, 80%"]; // by promised date
    expect(events.map((e) => e.summary)).toEqual(listed);
    const rows = await db.select().from(actionItems).where(inArray(actionItems.title, listed));
    for (const row of rows) {
      const event = byUid.get(uidOf(row.id));
      expect(event, row.title).toBeDefined();
      expect(event).toMatchObject({
        summary: row.title,
        start: row.promisedDate,
        end: addDays(row.promisedDate!, 1),
        allDay: true,
        status: row.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
        sequence: row.version - 1,
        url: `${server().origin}/coes/${w.coeId}#action-item-${row.id}`,
      });
      expect(event!.description).toContain(`COE: ${w.coeTitle}`);
    }
    for (const title of ["Validated already", "Cancelled long ago", "No date yet", "Someone else's"]) expect(text).not.toContain(uidOf(w.byTitle(title).id));
  });

  it("follows every change of an item: the same UID, a greater SEQUENCE, the new date and status", async () => {
    const { url } = await makeLink(w.cookie);
    const item = w.byTitle("Rotate logs");
    const before = (await readFeed(url)).byUid.get(uidOf(item.id))!;
    const write = async (): Promise<ItemWrite> => ({
      coeId: w.coeId,
      itemId: item.id,
      baseVersion: (await actionItemRow(db, item.id)).version,
      actor: { id: w.owner.id, role: w.owner.role },
      now: new Date(),
    });

    await changeItemStatus(db, await write(), "in_progress", null);
    const started = (await readFeed(url)).byUid.get(uidOf(item.id))!;
    expect(started.sequence).toBeGreaterThan(before.sequence);
    expect(started.description).toContain("Status: In progress");

    await changeItemDate(db, await write(), day(11), "Waiting on the new log shipper");
    const moved = (await readFeed(url)).byUid.get(uidOf(item.id))!;
    expect(moved).toMatchObject({ start: day(11), end: day(12), status: "CONFIRMED" });
    expect(moved.sequence).toBeGreaterThan(started.sequence);
    expect(moved.description).toContain(`Originally promised: ${day(4)}`);

    await changeItemStatus(db, await write(), "cancelled", "Logs moved to the managed service");
    const cancelled = (await readFeed(url)).byUid.get(uidOf(item.id))!;
    expect(cancelled).toMatchObject({ uid: before.uid, status: "CANCELLED" });
    expect(cancelled.sequence).toBeGreaterThan(moved.sequence);
    expect(cancelled.sequence).toBe((await actionItemRow(db, item.id)).version - 1);
  });

  it("follows an author's edit of the item in the COE form too", async () => {
    const draft = await insertCoe(
      db,
      {
        status: "draft",
        team: "Storage",
        actionItems: [
          { title: "Draft item", horizon: "short", owner: w.owner.email, promisedDate: day(6), status: "open", customerFacing: false, scaling: null },
        ],
      },
      { actorId: w.author.id },
    );
    const [item] = await db.select().from(actionItems).where(eq(actionItems.coeId, draft));
    const { url } = await makeLink(w.cookie);
    const before = (await readFeed(url)).byUid.get(uidOf(item!.id))!;
    const form = ActionItemFormSchema.parse({
      title: "Draft item, renamed",
      horizon: "mid",
      ownerId: w.owner.id,
      promisedDate: day(6),
      status: "open",
      trackerUrl: "",
    });
    await updateActionItem(db, { coeId: draft, baseVersion: await sectionVersionOf(db, draft, "action-items"), actorId: w.author.id }, item!.id, form);
    const after = (await readFeed(url)).byUid.get(uidOf(item!.id))!;
    expect(after.summary).toBe("Draft item, renamed");
    expect(after.sequence).toBeGreaterThan(before.sequence);
  });

  it("keeps only the token's SHA-256; making a new link stops the old one; turning it off stops both; each is audited without the token", async () => {
    const first = await makeLink(w.cookie);
    const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, w.owner.id));
    expect(row!.tokenHash).toBe(createHash("sha256").update(first.token).digest("hex"));
    expect(first.html).toContain(`webcal://${host()}/calendar/${first.token}.ics`);

    const second = await makeLink(w.cookie);
    expect(second.token).not.toBe(first.token);
    expect((await getFeed(first.url)).status).toBe(404);
    expect((await getFeed(second.url)).status).toBe(200);

    const off = await postForm({ intent: "turn-off-calendar-link" }, w.cookie);
    expect(off.status).toBe(200);
    expect(await off.text()).toContain("Make my calendar link");
    expect((await getFeed(second.url)).status).toBe(404);
    expect(await db.select().from(calendarFeeds)).toEqual([]);

    const events = await db
      .select({
        action: auditEvents.action,
        actorId: auditEvents.actorId,
        entityId: auditEvents.entityId,
        detail: auditEvents.detail,
        clientAddress: auditEvents.clientAddress,
      })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, w.owner.id)))
      .orderBy(asc(auditEvents.id));
    expect(events.filter((e) => e.action.startsWith("calendar_feed."))).toEqual(
      ["create", "rotate", "revoke"].map((verb) => ({
        action: `calendar_feed.${verb}`,
        actorId: w.owner.id,
        entityId: w.owner.id,
        detail: null,
        clientAddress: "127.0.0.1",
      })),
    );
    // Neither the server's request log nor the database holds a token.
    expect(server().log()).toContain("/calendar/[redacted]");
    for (const token of [first.token, second.token]) expect(server().log()).not.toContain(token);
  });

  it("answers 404, the same way, to a malformed, unknown or disabled owner's token", async () => {
    const { url, token } = await makeLink(w.cookie);
    const unknown = createHash("sha256").update("nobody").digest("base64url").slice(0, 43);
    const paths = [
      `/calendar/${unknown}.ics`,
      `/calendar/${token}`,
      `/calendar/${token}.ics.ics`,
      `/calendar/${token.slice(1)}.ics`,
      `/calendar/${token}x.ics`,
      `/calendar/.ics`,
      `/calendar/${"%00".repeat(43)}.ics`,
      `/calendar/${encodeURIComponent("' or 1=1 --")}.ics`,
      `/calendar/${"a".repeat(5000)}.ics`,
    ];
    const answers = await Promise.all(paths.map(async (p) => [(await getFeed(p)).status, p] as const));
    expect(answers.filter(([status]) => status !== 404)).toEqual([]);
    const bodies = new Set(await Promise.all(paths.slice(0, 3).map(async (p) => (await getFeed(p)).text())));
    expect(bodies.size).toBe(1);

    expect((await getFeed(url)).status).toBe(200);
    await withTransaction(db, (tx) => tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, w.owner.id)));
    expect((await getFeed(url)).status).toBe(404);
  });

  it("each person manages only their own link; a form from another site is refused and changes nothing", async () => {
    const mine = await makeLink(w.cookie);
    const theirs = await makeLink(w.otherCookie);
    await postForm({ intent: "turn-off-calendar-link", userId: String(w.owner.id) }, w.otherCookie);
    expect((await getFeed(mine.url)).status).toBe(200);
    expect((await getFeed(theirs.url)).status).toBe(404);
    // The other person's feed lists only their item.
    const again = await makeLink(w.otherCookie);
    expect((await readFeed(again.url)).events.map((e) => e.summary)).toEqual(["Someone else's"]);

    const before = await db.select().from(calendarFeeds).orderBy(asc(calendarFeeds.userId));
    for (const intent of ["new-calendar-link", "turn-off-calendar-link"])
      expect((await postForm({ intent }, w.cookie, "http://evil.example")).status, intent).toBe(403);
    expect(await db.select().from(calendarFeeds).orderBy(asc(calendarFeeds.userId))).toEqual(before);

    // Signed out, the forms ask to sign in and write nothing.
    const signedOut = await fetch(`${server().origin}/action-items`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server().origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: "intent=new-calendar-link",
    });
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toMatch(/^\/login/);
    expect(await db.select().from(calendarFeeds).orderBy(asc(calendarFeeds.userId))).toEqual(before);
  });
});
