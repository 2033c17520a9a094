import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { FormResult } from "~/components/coe/form-result";
import { importCoe } from "~/data/coe-import.server";
import { sectionVersionOf } from "~/data/section-versions.server";
import { action as editAction } from "~/routes/coes.$coeId.edit/route";
import type { Db } from "../../db/client";
import { actionItemDateChanges, actionItems, lessons, whyNodes } from "../../db/schema";
import { postForm, returnedData, returnedStatus, routeArgs, thrownStatus } from "../setup/route-args";
import { freshDb } from "../setup/test-db";
import { insertTeam, insertUser, sessionCookieFor } from "../setup/users";

/* Issue 9 §3: an action item names the why and the lesson it follows from in its own forms, and "action item for this why" asks for owner and date. */

const post = (coeId: number, fields: Record<string, string | number>, cookie: string) =>
  editAction(routeArgs(`http://t/coes/${coeId}/edit`, { coeId: String(coeId) }, postForm(`http://t/coes/${coeId}/edit`, fields, cookie)));

async function world(db: Db) {
  await insertTeam(db, "Storage");
  const author = await insertUser(db, "author");
  const doc = (title: string) => ({
    schemaVersion: 1,
    title,
    severity: 2,
    team: "Storage",
    whys: { text: "Why did the disk fill?", children: [{ text: "Logs were never rotated", rootCause: true }] },
    lessons: [{ text: "Rotate what grows", whyPath: "0.0" }],
  });
  const mine = await importCoe(db, doc("Disk full"), { actorId: author.id });
  const other = await importCoe(db, doc("Another COE"), { actorId: author.id });
  if (!mine.ok || !other.ok) throw new Error("import failed");
  const idsOf = async (coeId: number) => ({
    whys: (await db.select({ id: whyNodes.id }).from(whyNodes).where(eq(whyNodes.coeId, coeId)).orderBy(whyNodes.id)).map((r) => r.id),
    lessons: (await db.select({ id: lessons.id }).from(lessons).where(eq(lessons.coeId, coeId)).orderBy(lessons.id)).map((r) => r.id),
  });
  return { author, coeId: mine.coeId, mine: await idsOf(mine.coeId), other: await idsOf(other.coeId), cookie: await sessionCookieFor(author.id) };
}

const items = (db: Db, coeId: number) => db.select().from(actionItems).where(eq(actionItems.coeId, coeId)).orderBy(actionItems.id);

describe("action items linked from their own forms", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("the add and edit forms set and clear the why and the lesson", async () => {
    const w = await world(db);
    const add = { intent: "add-action-item", formId: "item-new", title: "Rotate logs", horizon: "short", status: "open" };
    const added = await thrownStatus(
      post(
        w.coeId,
        { ...add, baseVersion: await sectionVersionOf(db, w.coeId, "action-items"), whyNodeId: w.mine.whys[1]!, lessonId: w.mine.lessons[0]! },
        w.cookie,
      ),
    );
    expect(added.status).toBe(302);
    const [item] = await items(db, w.coeId);
    expect(item).toMatchObject({ whyNodeId: w.mine.whys[1], lessonId: w.mine.lessons[0] });
    const edit = { intent: "edit-action-item", formId: `item-${item!.id}`, id: item!.id, title: "Rotate logs", horizon: "short", status: "open" };
    expect(
      (
        await thrownStatus(
          post(w.coeId, { ...edit, baseVersion: await sectionVersionOf(db, w.coeId, "action-items"), whyNodeId: w.mine.whys[0]!, lessonId: "" }, w.cookie),
        )
      ).status,
    ).toBe(302);
    expect((await items(db, w.coeId))[0]).toMatchObject({ whyNodeId: w.mine.whys[0], lessonId: null });
  });

  it.each([
    ["whyNodeId", "another COE's why", (w: Awaited<ReturnType<typeof world>>) => w.other.whys[0]!],
    ["lessonId", "another COE's lesson", (w: Awaited<ReturnType<typeof world>>) => w.other.lessons[0]!],
    ["whyNodeId", "a why that does not exist", () => 999_999],
    ["lessonId", "not an id", () => "abc"],
  ] as const)("%s: %s is a 400 naming the field, and nothing is written", async (field, _, value) => {
    const w = await world(db);
    for (const intent of ["add-action-item", "edit-action-item"]) {
      const existing = (await items(db, w.coeId))[0];
      if (intent === "edit-action-item" && !existing) {
        await thrownStatus(
          post(
            w.coeId,
            {
              intent: "add-action-item",
              formId: "item-new",
              title: "Rotate logs",
              horizon: "short",
              baseVersion: await sectionVersionOf(db, w.coeId, "action-items"),
            },
            w.cookie,
          ),
        );
      }
      const target = (await items(db, w.coeId))[0];
      const before = await sectionVersionOf(db, w.coeId, "action-items");
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
      expect(await sectionVersionOf(db, w.coeId, "action-items")).toBe(before);
      expect((await items(db, w.coeId)).every((i) => i.title !== "Linked")).toBe(true);
    }
  });

  it("an action item for a why comes with its owner and promised date, the first promise logged", async () => {
    const w = await world(db);
    const fields = { intent: "add-action-item-from-why", formId: "why-x", via: "script", whyId: w.mine.whys[1]!, title: "Alarm on disk use", horizon: "mid" };
    const r = await post(
      w.coeId,
      { ...fields, baseVersion: await sectionVersionOf(db, w.coeId, "whys"), ownerId: w.author.id, promisedDate: "2027-03-31" },
      w.cookie,
    );
    expect(returnedStatus(r)).toBe(200);
    const [item] = await items(db, w.coeId);
    expect(item).toMatchObject({ whyNodeId: w.mine.whys[1], ownerId: w.author.id, promisedDate: "2027-03-31", originalPromisedDate: "2027-03-31" });
    expect(
      await db
        .select()
        .from(actionItemDateChanges)
        .where(and(eq(actionItemDateChanges.actionItemId, item!.id))),
    ).toMatchObject([{ fromDate: null, toDate: "2027-03-31" }]);

    for (const [field, bad] of [
      ["ownerId", 999_999],
      ["promisedDate", "2027-02-30"],
    ] as const) {
      const refused = await post(w.coeId, { ...fields, baseVersion: await sectionVersionOf(db, w.coeId, "whys"), [field]: bad }, w.cookie);
      expect(returnedStatus(refused)).toBe(400);
      expect(Object.keys(returnedData<FormResult>(refused).errors ?? {})).toContain(field);
    }
    expect(await items(db, w.coeId)).toHaveLength(1);
  });
});
