import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getActionItemSettings, saveActionItemSettings } from "~/data/action-item-settings.server";
import { action as settingsAction } from "~/routes/admin.action-items";
import { changeItemDate, changeItemStatus, ItemForbiddenError, reassignItem, StaleItemError, type ItemWrite } from "~/data/action-item-writes.server";
import { sectionVersionOf } from "~/data/section-versions.server";
import { FieldError } from "~/data/write-errors.server";
import type { CoeStatus, Role } from "~/domain/enums";
import type { Db } from "../../db/client";
import { actionItemDateChanges, actionItemRevisions, actionItems, auditEvents, coes, notifications } from "../../db/schema";
import { actionItemRow, insertCoe } from "../factories";
import { freshDb } from "../setup/test-db";
import { insertTeam, insertUser, sessionCookieFor } from "../setup/users";
import { postForm, returnedData, returnedStatus, routeArgs, thrownStatus } from "../setup/route-args";
import { action as readingAction } from "~/routes/coes.$coeId._index/route";
import type { ItemResult } from "~/server/action-item-intents.server";
import { fromPayload } from "~/components/ui/json-payload";
import { dueSoonCount } from "~/data/action-item-lists.server";
import { action as itemsAction, loader as itemsLoader, type BulkResult } from "~/routes/action-items";

/* Issue 12: each action item is its own versioned record; owners keep it moving after approval; everyone else is refused and nothing changes. */

async function world(db: Db, status: CoeStatus) {
  const team = await insertTeam(db, "Storage");
  const author = await insertUser(db, "author");
  const owner = await insertUser(db, "member");
  const reviewer = await insertUser(db, "reviewer");
  const member = await insertUser(db, "member");
  const coeId = await insertCoe(
    db,
    {
      status,
      team: "Storage",
      actionItems: [
        { title: "Rotate logs", horizon: "short", owner: owner.email, promisedDate: "2026-12-01", status: "open", customerFacing: false, scaling: null },
        {
          title: "Alarm on disk",
          horizon: "mid",
          owner: owner.email,
          promisedDate: "2026-12-10",
          status: "open",
          customerFacing: true,
          scaling: "centralized_change",
        },
      ],
    },
    { actorId: author.id },
  );
  const items = await db.select().from(actionItems).where(eq(actionItems.coeId, coeId)).orderBy(actionItems.id);
  const [coe] = await db.select({ version: coes.version }).from(coes).where(eq(coes.id, coeId));
  return { author, owner, reviewer, member, coeId, items, coeVersion: coe!.version, teamId: team.id };
}

type ItemRow = typeof actionItems.$inferSelect;
const as = (who: { id: number; role: Role }) => ({ id: who.id, role: who.role });
const at = new Date("2026-11-25T12:00:00Z");

describe("action items as their own versioned records", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("an owner moves their item through to implemented after approval; each change is a revision and an audit event, and the COE's version stays", async () => {
    const w = await world(db, "approved");
    const item = w.items[0]!;
    const write = (baseVersion: number): ItemWrite => ({ coeId: w.coeId, itemId: item.id, baseVersion, actor: as(w.owner), now: at });
    const started = await changeItemStatus(db, write(item.version), "in_progress", null);
    const done = await changeItemStatus(db, write(started.version), "implemented", null);
    expect(done).toMatchObject({ status: "implemented", version: item.version + 2, implementedAt: at });
    const revisions = await db.select().from(actionItemRevisions).where(eq(actionItemRevisions.actionItemId, item.id)).orderBy(actionItemRevisions.id);
    expect(revisions.map((r) => [r.version, r.actorId, r.summary])).toEqual([
      [item.version + 1, w.owner.id, 'Started work: "Rotate logs"'],
      [item.version + 2, w.owner.id, 'Marked implemented (not yet validated): "Rotate logs"'],
    ]);
    expect(revisions[1]!.snapshot).toMatchObject({ status: "implemented", title: "Rotate logs" });
    expect((await db.select().from(auditEvents).where(eq(auditEvents.entityType, "action_item"))).length).toBe(2);
    const [coe] = await db.select({ version: coes.version }).from(coes).where(eq(coes.id, w.coeId));
    expect(coe!.version).toBe(w.coeVersion);
  });

  it("a stale change answers with the current version and changes nothing; the author's item form is made stale too", async () => {
    const w = await world(db, "draft");
    const item = w.items[0]!;
    const section = await sectionVersionOf(db, w.coeId, "action-items");
    await changeItemStatus(db, { coeId: w.coeId, itemId: item.id, baseVersion: item.version, actor: as(w.owner), now: at }, "in_progress", null);
    expect(await sectionVersionOf(db, w.coeId, "action-items")).toBe(section + 1);
    const stale = changeItemDate(db, { coeId: w.coeId, itemId: item.id, baseVersion: item.version, actor: as(w.owner), now: at }, "2026-12-20", "vendor late");
    await expect(stale).rejects.toBeInstanceOf(StaleItemError);
    await expect(stale).rejects.toMatchObject({ currentVersion: item.version + 1 });
    expect(await actionItemRow(db, item.id)).toMatchObject({ status: "in_progress", promisedDate: "2026-12-01" });
    // Another item of the same COE is not locked by the first one's change.
    const other = w.items[1]!;
    await expect(
      changeItemStatus(db, { coeId: w.coeId, itemId: other.id, baseVersion: other.version, actor: as(w.owner), now: at }, "in_progress", null),
    ).resolves.toMatchObject({ status: "in_progress" });
  });

  it.each([
    ["author after approval", "approved", "author"],
    ["reviewer", "approved", "reviewer"],
    ["member who does not own it", "draft", "member"],
  ] as const)("refuses status and date changes by a %s, changing nothing", async (_, status, who) => {
    const w = await world(db, status);
    const item = w.items[0]!;
    const write: ItemWrite = { coeId: w.coeId, itemId: item.id, baseVersion: item.version, actor: as(w[who]), now: at };
    await expect(changeItemStatus(db, write, "in_progress", null)).rejects.toBeInstanceOf(ItemForbiddenError);
    await expect(changeItemDate(db, write, "2027-01-01", "later")).rejects.toBeInstanceOf(ItemForbiddenError);
    expect(await actionItemRow(db, item.id)).toEqual(item);
    expect(await db.select().from(actionItemRevisions)).toEqual([]);
  });

  it("keeps the original promise, logs every date change with its reason, and refuses a change without one", async () => {
    const w = await world(db, "approved");
    const item = w.items[0]!;
    const write = (baseVersion: number): ItemWrite => ({ coeId: w.coeId, itemId: item.id, baseVersion, actor: as(w.owner), now: at });
    await expect(changeItemDate(db, write(item.version), "2026-12-05", "  ")).rejects.toMatchObject({ field: "dateChangeReason" });
    const moved = await changeItemDate(db, write(item.version), "2026-12-05", "Waiting for the vendor's patch");
    const again = await changeItemDate(db, write(moved.version), "2027-01-15", "Patch failed validation");
    expect(again).toMatchObject({ originalPromisedDate: "2026-12-01", promisedDate: "2027-01-15" });
    const log = await db.select().from(actionItemDateChanges).where(eq(actionItemDateChanges.actionItemId, item.id)).orderBy(actionItemDateChanges.id);
    expect(log.slice(-2).map((c) => [c.fromDate, c.toDate, c.reason, c.changedById])).toEqual([
      ["2026-12-01", "2026-12-05", "Waiting for the vendor's patch", w.owner.id],
      ["2026-12-05", "2027-01-15", "Patch failed validation", w.owner.id],
    ]);
  });

  it("validates only with a note and, by default, not by the owner; a reviewer may; the setting lets the owner", async () => {
    const w = await world(db, "approved");
    const item = w.items[0]!;
    const write = (baseVersion: number, who: { id: number; role: Role }): ItemWrite => ({
      coeId: w.coeId,
      itemId: item.id,
      baseVersion,
      actor: as(who),
      now: at,
    });
    const implemented = await changeItemStatus(db, write(item.version, w.owner), "implemented", null);
    await expect(changeItemStatus(db, write(implemented.version, w.owner), "validated", "Replayed the traffic")).rejects.toMatchObject({
      message: expect.stringContaining("other than the owner"),
    });
    await expect(changeItemStatus(db, write(implemented.version, w.reviewer), "validated", "")).rejects.toBeInstanceOf(FieldError);
    await expect(changeItemStatus(db, write(implemented.version, w.member), "validated", "I looked")).rejects.toBeInstanceOf(ItemForbiddenError);
    const validated = await changeItemStatus(db, write(implemented.version, w.reviewer), "validated", "Filled a disk in staging: logs rotated, no alarm");
    expect(validated).toMatchObject({
      status: "validated",
      validatedById: w.reviewer.id,
      validatedAt: at,
      validationNote: "Filled a disk in staging: logs rotated, no alarm",
    });

    await saveActionItemSettings(db, { validatorMustDiffer: false }, w.reviewer.id, at);
    const other = w.items[1]!;
    const otherImplemented = await changeItemStatus(db, { ...write(other.version, w.owner), itemId: other.id }, "implemented", null);
    await expect(
      changeItemStatus(db, { ...write(otherImplemented.version, w.owner), itemId: other.id }, "validated", "Alarm fired in the game day"),
    ).resolves.toMatchObject({
      validatedById: w.owner.id,
    });
  });

  it("reviewers reassign (the new owner is notified); owners and members may not", async () => {
    const w = await world(db, "approved");
    const item = w.items[0]!;
    const write = (who: { id: number; role: Role }): ItemWrite => ({ coeId: w.coeId, itemId: item.id, baseVersion: item.version, actor: as(who), now: at });
    await expect(reassignItem(db, write(w.owner), w.member.id)).rejects.toBeInstanceOf(ItemForbiddenError);
    await expect(reassignItem(db, write(w.reviewer), 999_999)).rejects.toMatchObject({ field: "ownerId" });
    await expect(reassignItem(db, write(w.reviewer), w.member.id)).resolves.toMatchObject({ ownerId: w.member.id });
    expect(await db.select({ userId: notifications.userId, kind: notifications.kind }).from(notifications)).toEqual([
      { userId: w.member.id, kind: "action_item.assigned" },
    ]);
  });
});

describe("the COE page's item forms", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });
  const post = async (coeId: number, fields: Record<string, string | number>, userId: number) =>
    readingAction(routeArgs(`http://t/coes/${coeId}`, { coeId: String(coeId) }, postForm(`http://t/coes/${coeId}`, fields, await sessionCookieFor(userId))));

  it("answer 200, 400 by field, 403 and 409 with the current version, writing only on 200", async () => {
    const w = await world(db, "approved");
    const item = w.items[0]!;
    const status = (version: number, extra: Record<string, string> = {}) => ({
      intent: "item-status",
      formId: "f",
      itemId: item.id,
      itemVersion: version,
      status: "in_progress",
      ...extra,
    });

    const refused = await post(w.coeId, status(item.version), w.member.id);
    expect(returnedStatus(refused)).toBe(403);
    const bad = await post(w.coeId, status(item.version, { status: "done" }), w.owner.id);
    expect([returnedStatus(bad), Object.keys(returnedData<ItemResult>(bad).errors ?? {})]).toEqual([400, ["status"]]);
    expect(await actionItemRow(db, item.id)).toEqual(item);

    const ok = await post(w.coeId, status(item.version), w.owner.id);
    expect([returnedStatus(ok), returnedData<ItemResult>(ok).ok]).toEqual([200, true]);
    const stale = await post(
      w.coeId,
      { intent: "item-date", formId: "d", itemId: item.id, itemVersion: item.version, promisedDate: "2027-01-01", dateChangeReason: "later" },
      w.owner.id,
    );
    expect([returnedStatus(stale), returnedData<ItemResult>(stale).currentVersion]).toEqual([409, item.version + 1]);
    const noReason = await post(
      w.coeId,
      { intent: "item-date", formId: "d", itemId: item.id, itemVersion: item.version + 1, promisedDate: "2027-01-01" },
      w.owner.id,
    );
    expect([returnedStatus(noReason), Object.keys(returnedData<ItemResult>(noReason).errors ?? {})]).toEqual([400, ["dateChangeReason"]]);
    expect(await actionItemRow(db, item.id)).toMatchObject({ status: "in_progress", promisedDate: "2026-12-01", version: item.version + 1 });
  });
});

describe("an imported item's recorded time (what slip is measured from)", () => {
  it("is its first logged promise, else the incident's start, never after the import", async () => {
    const db = await freshDb();
    await insertTeam(db, "Storage");
    const author = await insertUser(db, "author");
    const coeId = await insertCoe(
      db,
      {
        team: "Storage",
        customerImpact: { startedAt: "2025-03-01T10:00:00Z", regions: [] },
        actionItems: [
          { title: "From the incident", horizon: "short", owner: null, promisedDate: "2025-03-10", status: "open", customerFacing: false, scaling: null },
          {
            title: "Logged",
            horizon: "mid",
            owner: null,
            promisedDate: "2025-04-01",
            status: "open",
            customerFacing: false,
            scaling: null,
            dateChanges: [{ at: "2025-03-05T09:00:00Z", from: null, to: "2025-04-01", reason: "First promise" }],
          },
        ],
      },
      { actorId: author.id },
    );
    const rows = await db
      .select({ title: actionItems.title, createdAt: actionItems.createdAt })
      .from(actionItems)
      .where(eq(actionItems.coeId, coeId))
      .orderBy(actionItems.id);
    expect(rows.map((r) => [r.title, r.createdAt.toISOString()])).toEqual([
      ["From the incident", "2025-03-01T10:00:00.000Z"],
      ["Logged", "2025-03-05T09:00:00.000Z"],
    ]);
  });
});

describe("My action items", () => {
  const page = async (path: string, userId: number) => itemsLoader(routeArgs(`http://t${path}`, {}, { headers: { Cookie: await sessionCookieFor(userId) } }));
  const titles = (data: Awaited<ReturnType<typeof page>>) => fromPayload(data.groups).flatMap((g) => g.rows.map((i) => i.title));

  it("lists the viewer's own items; the team view is for reviewers and admins only", async () => {
    const db = await freshDb();
    const w = await world(db, "approved");
    expect(titles(await page("/action-items", w.owner.id)).sort()).toEqual(["Alarm on disk", "Rotate logs"]);
    expect(titles(await page("/action-items", w.member.id))).toEqual([]);
    const asMember = await page(`/action-items?team=${w.teamId}`, w.member.id);
    expect([asMember.teamView, titles(asMember)]).toEqual([false, []]);
    const asReviewer = await page(`/action-items?team=${w.teamId}&status=all`, w.reviewer.id);
    expect([asReviewer.teamView, titles(asReviewer).length, asReviewer.figures.measured]).toEqual([true, 2, 2]);
  });

  it("counts for the navigation the open items due within a week or overdue", async () => {
    const db = await freshDb();
    const w = await world(db, "approved");
    expect(await dueSoonCount(db, w.owner.id, "2026-11-25")).toBe(1);
    expect(await dueSoonCount(db, w.owner.id, "2026-12-05")).toBe(2);
    expect(await dueSoonCount(db, w.member.id, "2026-12-05")).toBe(0);
  });

  it("shows a bucket's first 50 rows with its count, and all of it when asked", async () => {
    const db = await freshDb();
    await insertTeam(db, "Storage");
    const owner = await insertUser(db, "member");
    const item = (n: number) => ({
      title: `Item ${n}`,
      horizon: "long" as const,
      owner: owner.email,
      promisedDate: "2027-06-01",
      status: "open" as const,
      customerFacing: false,
      scaling: null,
    });
    await insertCoe(db, { team: "Storage", actionItems: Array.from({ length: 55 }, (_, n) => item(n)) });
    const shown = async (path: string) => fromPayload((await page(path, owner.id)).groups).map((g) => [g.bucket, g.count, g.rows.length]);
    expect(await shown("/action-items")).toEqual([["rest", 55, 50]]);
    expect(await shown("/action-items?show=rest")).toEqual([["rest", 55, 55]]);
  });

  it("moves ticked items one by one, naming each it could not move", async () => {
    const db = await freshDb();
    const w = await world(db, "approved");
    const [a, b] = w.items as [ItemRow, ItemRow];
    const fields = { status: "in_progress", [`item-${a.id}`]: a.version, [`item-${b.id}`]: b.version - 1 };
    const moved = await itemsAction(routeArgs("http://t/action-items", {}, postForm("http://t/action-items", fields, await sessionCookieFor(w.owner.id))));
    expect(returnedData<BulkResult>(moved)).toMatchObject({
      ok: true,
      message: "1 item moved to In progress.",
      refused: [{ title: "Alarm on disk", why: expect.stringContaining("changed since") }],
    });
    expect((await actionItemRow(db, a.id)).status).toBe("in_progress");
    expect((await actionItemRow(db, b.id)).status).toBe("open");
    const stranger = await itemsAction(
      routeArgs(
        "http://t/action-items",
        {},
        postForm("http://t/action-items", { status: "cancelled", note: "no", [`item-${b.id}`]: b.version }, await sessionCookieFor(w.member.id)),
      ),
    );
    expect([returnedStatus(stranger), returnedData<BulkResult>(stranger).refused?.length]).toEqual([400, 1]);
    expect((await actionItemRow(db, b.id)).status).toBe("open");
  });
});

describe("the action item settings page", () => {
  it("is for admins only; what an admin saves is what validation then follows", async () => {
    const db = await freshDb();
    const reviewer = await insertUser(db, "reviewer");
    const admin = await insertUser(db, "admin");
    const post = async (userId: number, value: string) =>
      settingsAction(
        routeArgs("http://t/admin/action-items", {}, postForm("http://t/admin/action-items", { validatorMustDiffer: value }, await sessionCookieFor(userId))),
      );
    expect((await thrownStatus(post(reviewer.id, "no"))).status).toBe(403);
    expect(await getActionItemSettings(db)).toEqual({ validatorMustDiffer: true });
    expect(((await post(admin.id, "no")) as Response).status).toBe(302);
    expect(await getActionItemSettings(db)).toEqual({ validatorMustDiffer: false });
  });
});
