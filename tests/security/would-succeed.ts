import { asc, eq } from "drizzle-orm";
import { importCoe } from "~/data/coe-import.server";
import { updateHeader } from "~/data/coe-edit.server";
import { plainTextToDoc } from "~/domain/coe/plain-text-doc";
import { RESTORABLE_SECTIONS } from "~/domain/coe/revision-diff";
import { sectionVersionOf } from "~/data/section-versions.server";
import type { CoeSection } from "~/domain/coe/sections";
import { withTransaction, type Db } from "../../db/client";
import { actionItems, lessons, meetings, notifications, revisions, settings, whyNodes } from "../../db/schema";
import { startMeeting } from "~/data/meeting-agenda.server";
import { ensureMeetings } from "~/data/meeting-schedule.server";
import { makeCalendarFeed } from "~/data/calendar-feeds.server";
import { DEFAULT_SCHEDULE } from "~/domain/meetings/schedule";
import { makeCoe } from "../factories";
import { insertTeam, insertUser, sessionCookieFor } from "../setup/users";

export type PostBody = { type: "form"; fields: Record<string, string | number> } | { type: "json"; value: unknown };

export function encodeBody(body: PostBody): { contentType: string; text: string } {
  if (body.type === "json") return { contentType: "application/json", text: JSON.stringify(body.value) };
  const fields = Object.entries(body.fields).map(([k, v]) => [k, String(v)]);
  return { contentType: "application/x-www-form-urlencoded", text: new URLSearchParams(fields).toString() };
}

/** The rows the attempts act on: a draft COE the signed-in author may edit, with lessons, whys and two revisions. */
export type Scene = Awaited<ReturnType<typeof arrangeScene>>;

export async function arrangeScene(db: Db) {
  const team = await insertTeam(db, "Storage");
  const author = await insertUser(db, "author");
  const imported = await importCoe(db, makeCoe({ status: "draft", team: "Storage", title: "Disk full on storage nodes" }), { actorId: author.id });
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  const coeId = imported.coeId;
  const version = (section: CoeSection) => sectionVersionOf(db, coeId, section);
  const [lesson] = await db.select({ id: lessons.id }).from(lessons).where(eq(lessons.coeId, coeId)).orderBy(asc(lessons.position)).limit(1);
  const [rootWhy] = await db.select({ id: whyNodes.id }).from(whyNodes).where(eq(whyNodes.coeId, coeId)).orderBy(asc(whyNodes.id)).limit(1);
  const [firstRevision] = await db.select({ id: revisions.id }).from(revisions).where(eq(revisions.coeId, coeId)).orderBy(asc(revisions.id)).limit(1);
  const [lessonId, rootWhyId, firstRevisionId] = [lesson!.id, rootWhy!.id, firstRevision!.id];
  let edits = 0;
  /** A header change, so that restoring the first revision has something to restore. */
  const editTitle = async () => {
    edits += 1;
    await updateHeader(
      db,
      { coeId, baseVersion: await version("header"), actorId: author.id },
      { title: `Disk full, edit ${edits}`, severity: 2, teamId: team.id, services: [], tags: [], event: undefined },
    );
  };
  await editTitle();
  const reviewer = await insertUser(db, "reviewer");
  const admin = await insertUser(db, "admin");
  const [firstMeeting] = await withTransaction(db, (tx) => ensureMeetings(tx, DEFAULT_SCHEDULE, new Date()));
  const [meeting] = await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.scheduledFor, firstMeeting!.date));
  return {
    db,
    team,
    author,
    coeId,
    lessonId,
    rootWhyId,
    firstRevisionId,
    meetingId: meeting!.id,
    version,
    editTitle,
    reviewer,
    cookie: await sessionCookieFor(author.id),
    reviewerCookie: await sessionCookieFor(reviewer.id),
    adminCookie: await sessionCookieFor(admin.id),
  };
}

/**
 * A POST that succeeds when it comes from a page of ours. `params` fills the route's URL; `cookie`
 * (default: the author's) says who sends it; `prepare` runs before each control send, so the
 * same request changes something again.
 */
export type WouldSucceed = {
  label: string;
  params?: Record<string, string>;
  cookie?: "author" | "reviewer" | "admin" | "none" | "a fresh session of the author";
  body: () => Promise<PostBody>;
  prepare?: () => Promise<void>;
};

export const DEFAULT_PARAMS = (scene: Scene): Record<string, string> => ({
  coeId: String(scene.coeId),
  meetingId: String(scene.meetingId),
  team: String(scene.team.id),
  section: "impact-summary",
  tenetId: "1",
  feed: "no-such-calendar.ics",
  file: "slip.csv",
  "*": "no/such/page",
});

/** A form body for routes without an action: from our own pages they answer 405, from anywhere else 403. */
export const NO_ACTION_BODY: PostBody = { type: "form", fields: { intent: "header", title: "Forged", baseVersion: 0 } };

/**
 * What every route with an action does when asked properly, by route id. A route with an action
 * that is missing here fails the forged-requests test: its defence cannot be shown to hold until
 * a request that would succeed is written down.
 */
export function wouldSucceed(scene: Scene): Record<string, WouldSucceed[]> {
  const { version, team, author } = scene;
  let moves = 0;
  let reviews = 0;
  let added = 0;
  const form = (fields: Record<string, string | number>): PostBody => ({ type: "form", fields });
  const edit = (intent: string, section: CoeSection, fields: Record<string, string | number>): WouldSucceed => ({
    label: `intent ${intent}`,
    body: async () => form({ intent, formId: intent, baseVersion: await version(section), ...fields }),
  });
  const autosave = (section: string, lock: CoeSection): WouldSucceed => ({
    label: `autosave ${section}`,
    params: { section },
    body: async () => ({ type: "json", value: { doc: plainTextToDoc(`Forged text for ${section}`), baseVersion: await version(lock) } }),
  });
  return {
    "routes/login": [{ label: "sign in", cookie: "none", body: async () => form({ email: author.email, password: "password123", redirectTo: "/coes" }) }],
    "routes/logout": [{ label: "sign out", cookie: "a fresh session of the author", body: async () => form({ intent: "sign-out" }) }],
    "routes/coes.new": [
      { label: "create a COE", body: async () => form({ title: "Forged COE", severity: 2, teamId: team.id, services: "api", tags: "", event: "" }) },
    ],
    "routes/coes.$coeId.edit": [
      edit("header", "header", { title: "Forged title", severity: 1, teamId: team.id, services: "api", tags: "", event: "" }),
      edit("add-timeline", "timeline", { local: "2024-05-01T10:00", offset: "+00:00", kind: "communication", text: "Forged entry" }),
      edit("add-action-item", "action-items", {
        title: "Forged item",
        horizon: "short",
        ownerId: "",
        promisedDate: "",
        status: "open",
        scaling: "",
        trackerUrl: "",
      }),
      edit("add-why", "whys", { parentId: scene.rootWhyId, text: "Forged why", evidence: "" }),
      edit("add-lesson", "lessons", { text: "Forged lesson" }),
      edit("save-rich-text", "impact-summary", { section: "impact-summary", text: "Forged summary" }),
    ],
    "routes/coes.$coeId.history": [
      {
        label: "restore the first revision",
        prepare: scene.editTitle,
        body: async () => {
          const bases = await Promise.all(RESTORABLE_SECTIONS.map(async (s) => [`base-${s}`, await version(s)] as const));
          return form({ intent: "restore", revisionId: scene.firstRevisionId, ...Object.fromEntries(bases) });
        },
      },
    ],
    "routes/coes.$coeId.sections.$section": [autosave("impact-summary", "impact-summary"), autosave(`lesson-${scene.lessonId}`, "lessons")],
    "routes/coes.$coeId._index": [
      {
        label: "comment on a why",
        body: async () => form({ intent: "add-comment", formId: "new-comment", anchor: `why_node:${scene.rootWhyId}`, body: "Forged comment" }),
      },
      {
        label: "move an action item's promised date",
        body: async () => {
          const [item] = await scene.db
            .select({ id: actionItems.id, version: actionItems.version })
            .from(actionItems)
            .where(eq(actionItems.coeId, scene.coeId))
            .orderBy(asc(actionItems.id))
            .limit(1);
          moves += 1;
          const promisedDate = `2027-0${1 + (moves % 9)}-1${moves % 10}`;
          return form({ intent: "item-date", formId: "d", itemId: item!.id, itemVersion: item!.version, promisedDate, dateChangeReason: "Forged move" });
        },
      },
    ],
    "routes/admin.action-items": [
      {
        label: "set who may validate",
        cookie: "admin",
        // Back to the default first: saving the setting it already has changes nothing.
        prepare: async () => void (await withTransaction(scene.db, (tx) => tx.delete(settings).where(eq(settings.key, "action_items")))),
        body: async () => form({ validatorMustDiffer: "no" }),
      },
    ],
    "routes/action-items": [
      {
        label: "move ticked action items",
        body: async () => {
          const [item] = await scene.db
            .select({ id: actionItems.id, version: actionItems.version, status: actionItems.status })
            .from(actionItems)
            .where(eq(actionItems.coeId, scene.coeId))
            .orderBy(asc(actionItems.id))
            .limit(1);
          const to = item!.status === "in_progress" || item!.status === "cancelled" ? "open" : "in_progress";
          return form({ status: to, [`item-${item!.id}`]: item!.version });
        },
      },
      // Each new link replaces the last (a new fingerprint), so the same request writes every time.
      { label: "make a calendar link", body: async () => form({ intent: "new-calendar-link" }) },
      {
        label: "turn off the calendar link",
        prepare: async () => void (await makeCalendarFeed(scene.db, { userId: author.id, now: new Date(), clientAddress: "127.0.0.1" })),
        body: async () => form({ intent: "turn-off-calendar-link" }),
      },
    ],
    // Meetings are run by reviewers, their schedule set by admins.
    "routes/meetings.$meetingId._index": [
      { label: "mark myself present", cookie: "reviewer", body: async () => form({ intent: "attend-self", present: "yes" }) },
    ],
    "routes/meetings.$meetingId.present": [
      { label: "mark myself present", cookie: "reviewer", body: async () => form({ intent: "attend-self", present: "yes" }) },
    ],
    "routes/meetings.$meetingId.teams.$team": [
      {
        label: "record the team reviewed, with a follow-up",
        cookie: "reviewer",
        // Teams are reviewed while the meeting runs (starting a running meeting changes nothing).
        prepare: async () => void (await startMeeting(scene.db, { meetingId: scene.meetingId, actor: scene.reviewer })),
        body: async () => {
          reviews += 1;
          return form({ intent: "team-review", teamId: team.id, followUp: `Forged follow-up ${reviews}` });
        },
      },
    ],
    "routes/admin.meetings": [
      {
        label: "set the meeting schedule",
        cookie: "admin",
        // Back to the default first: setting the schedule it already has changes nothing.
        prepare: async () => void (await withTransaction(scene.db, (tx) => tx.delete(settings).where(eq(settings.key, "meeting_schedule")))),
        body: async () => form({ weekday: "thursday", time: "15:30", timeZone: "Europe/Berlin" }),
      },
    ],
    // The taxonomy is the admins'; each request adds a row of its own (names are unique).
    "routes/admin.categories": [
      { label: "add a root-cause category", cookie: "admin", body: async () => form({ intent: "add", name: `Forged category ${++added}`, description: "" }) },
    ],
    "routes/admin.tenets": [{ label: "add a tenet", cookie: "admin", body: async () => form({ intent: "add", title: `Forged tenet ${++added}`, body: "" }) }],
    "routes/notifications": [
      {
        label: "mark all read",
        // Something unread each time, so that marking it read writes.
        prepare: async () =>
          void (await withTransaction(scene.db, (tx) => tx.insert(notifications).values({ userId: author.id, kind: "test", text: "Unread", href: "/coes" }))),
        body: async () => form({ intent: "read-all" }),
      },
    ],
  };
}

export async function cookieFor(scene: Scene, who: WouldSucceed["cookie"] = "author"): Promise<string | undefined> {
  if (who === "none") return undefined;
  if (who === "reviewer") return scene.reviewerCookie;
  if (who === "admin") return scene.adminCookie;
  return who === "author" ? scene.cookie : sessionCookieFor(scene.author.id);
}
