import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { FormResult } from "~/components/coe/form-result";
import { importCoe } from "~/data/coe-import.server";
import { sectionVersion, type CoeSection } from "~/domain/coe/sections";
import { action as editAction } from "~/routes/coes.$coeId.edit/route";
import { actionItemDateChanges, actionItems, coes, lessons, whyNodes } from "../../db/schema";
import { postForm, returnedData, returnedStatus, routeArgs, thrownStatus } from "../setup/route-args";
import { freshDb } from "../setup/test-db";
import { insertTeam, insertUser, sessionCookieFor } from "../setup/users";

/* Issue 9 §3: an action item names the why and the lesson it follows from in its own forms, and "action item for this why" asks for owner and date. */

type Db = ReturnType<typeof freshDb>;

const version = (db: Db, coeId: number, section: CoeSection) =>
  sectionVersion(db.select({ v: coes.sectionVersions }).from(coes).where(eq(coes.id, coeId)).get()!.v, section);
const post = (coeId: number, fields: Record<string, string | number>, cookie: string) =>
  editAction(routeArgs(`http://t/coes/${coeId}/edit`, { coeId: String(coeId) }, postForm(`http://t/coes/${coeId}/edit`, fields, cookie)));

async function world(db: Db) {
  insertTeam(db, "Storage");
  const author = await insertUser(db, "author");
  const doc = (title: string) => ({
    schemaVersion: 1,
    title,
    severity: 2,
    team: "Storage",
    whys: { text: "Why did the disk fill?", children: [{ text: "Logs were never rotated", rootCause: true }] },
    lessons: [{ text: "Rotate what grows", whyPath: "0.0" }],
  });
  const mine = importCoe(db, doc("Disk full"), { actorId: author.id });
  const other = importCoe(db, doc("Another COE"), { actorId: author.id });
  if (!mine.ok || !other.ok) throw new Error("import failed");
  const idsOf = (coeId: number) => ({
    whys: db
      .select({ id: whyNodes.id })
      .from(whyNodes)
      .where(eq(whyNodes.coeId, coeId))
      .all()
      .map((r) => r.id),
    lessons: db
      .select({ id: lessons.id })
      .from(lessons)
      .where(eq(lessons.coeId, coeId))
      .all()
      .map((r) => r.id),
  });
  return { author, coeId: mine.coeId, mine: idsOf(mine.coeId), other: idsOf(other.coeId), cookie: await sessionCookieFor(author.id) };
}

const items = (db: Db, coeId: number) => db.select().from(actionItems).where(eq(actionItems.coeId, coeId)).all();

describe("action items linked from their own forms", () => {
  let db: Db;
  beforeEach(() => (db = freshDb()));

  it("the add and edit forms set and clear the why and the lesson", async () => {
    const w = await world(db);
    const add = { intent: "add-action-item", formId: "item-new", title: "Rotate logs", horizon: "short", status: "open" };
    const added = await thrownStatus(
      post(w.coeId, { ...add, baseVersion: version(db, w.coeId, "action-items"), whyNodeId: w.mine.whys[1]!, lessonId: w.mine.lessons[0]! }, w.cookie),
    );
    expect(added.status).toBe(302);
    const [item] = items(db, w.coeId);
    expect(item).toMatchObject({ whyNodeId: w.mine.whys[1], lessonId: w.mine.lessons[0] });
    const edit = { intent: "edit-action-item", formId: `item-${item!.id}`, id: item!.id, title: "Rotate logs", horizon: "short", status: "open" };
    expect(
      (await thrownStatus(post(w.coeId, { ...edit, baseVersion: version(db, w.coeId, "action-items"), whyNodeId: w.mine.whys[0]!, lessonId: "" }, w.cookie)))
        .status,
    ).toBe(302);
    expect(items(db, w.coeId)[0]).toMatchObject({ whyNodeId: w.mine.whys[0], lessonId: null });
  });

  it.each([
    ["whyNodeId", "another COE's why", (w: Awaited<ReturnType<typeof world>>) => w.other.whys[0]!],
    ["lessonId", "another COE's lesson", (w: Awaited<ReturnType<typeof world>>) => w.other.lessons[0]!],
    ["whyNodeId", "a why that does not exist", () => 999_999],
    ["lessonId", "not an id", () => "abc"],
  ] as const)("%s: %s is a 400 naming the field, and nothing is written", async (field, _, value) => {
    const w = await world(db);
    for (const intent of ["add-action-item", "edit-action-item"]) {
      const existing = items(db, w.coeId)[0];
      if (intent === "edit-action-item" && !existing) {
        await thrownStatus(
          post(
            w.coeId,
            { intent: "add-action-item", formId: "item-new", title: "Rotate logs", horizon: "short", baseVersion: version(db, w.coeId, "action-items") },
            w.cookie,
          ),
        );
      }
      const target = items(db, w.coeId)[0];
      const before = version(db, w.coeId, "action-items");
      const r = await post(
        w.coeId,
        {
          intent,
          formId: "f",
          ...(intent === "edit-action-item" ? { id: target!.id } : {}),
          title: "Linked",
          horizon: "short",
          baseVersion: before,
          [field]: value(w),
        },
        w.cookie,
      );
      expect(returnedStatus(r)).toBe(400);
      expect(Object.keys(returnedData<FormResult>(r).errors ?? {})).toContain(field);
      expect(version(db, w.coeId, "action-items")).toBe(before);
      expect(items(db, w.coeId).every((i) => i.title !== "Linked")).toBe(true);
    }
  });

  it("an action item for a why comes with its owner and promised date, the first promise logged", async () => {
    const w = await world(db);
    const fields = { intent: "add-action-item-from-why", formId: "why-x", via: "script", whyId: w.mine.whys[1]!, title: "Alarm on disk use", horizon: "mid" };
    const r = await post(w.coeId, { ...fields, baseVersion: version(db, w.coeId, "whys"), ownerId: w.author.id, promisedDate: "2027-03-31" }, w.cookie);
    expect(returnedStatus(r)).toBe(200);
    const [item] = items(db, w.coeId);
    expect(item).toMatchObject({ whyNodeId: w.mine.whys[1], ownerId: w.author.id, promisedDate: "2027-03-31", originalPromisedDate: "2027-03-31" });
    expect(
      db
        .select()
        .from(actionItemDateChanges)
        .where(and(eq(actionItemDateChanges.actionItemId, item!.id)))
        .all(),
    ).toMatchObject([{ fromDate: null, toDate: "2027-03-31" }]);

    for (const [field, bad] of [
      ["ownerId", 999_999],
      ["promisedDate", "2027-02-30"],
    ] as const) {
      const refused = await post(w.coeId, { ...fields, baseVersion: version(db, w.coeId, "whys"), [field]: bad }, w.cookie);
      expect(returnedStatus(refused)).toBe(400);
      expect(Object.keys(returnedData<FormResult>(refused).errors ?? {})).toContain(field);
    }
    expect(items(db, w.coeId)).toHaveLength(1);
  });
});
