import { asc, desc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { updateHeader, addTimelineEntry, updateCoeFields } from "~/data/coe-edit.server";
import { createCoe } from "~/data/coe-create.server";
import { saveRichField } from "~/data/coe-rich-text.server";
import { parseRichField } from "~/domain/coe/rich-fields";
import { exportCoe } from "~/data/coe-export.server";
import { REVISION_COALESCE_MS, StaleWriteError, writeCoe } from "~/data/coe-write.server";
import { listRevisions, restoreRevision } from "~/data/revisions.server";
import { sectionVersionOf, sectionVersionsOf } from "~/data/section-versions.server";
import { addActionItemFromWhy, deleteWhy, editWhy, getWhyRows } from "~/data/whys.server";
import type { CoeExport } from "~/domain/coe/interchange";
import { plainTextToDoc } from "~/domain/coe/plain-text-doc";
import { changedRestorableSections, diffCoeDocuments, RESTORABLE_SECTIONS } from "~/domain/coe/revision-diff";
import { sectionVersion, type SectionVersions } from "~/domain/coe/sections";
import { action as historyAction, loader as historyLoader } from "~/routes/coes.$coeId.history";
import { withTransaction, type Db } from "../../db/client";
import { actionItems, coes, revisions } from "../../db/schema";
import { insertCoe, revisionCount } from "../factories";
import { coeContent, columnsLeftAtDefault, columnsUnchanged, NOT_RESTORED } from "../coe-content";
import { insertFullCoe, overwriteWithFullCoe } from "../full-coe";
import { COE_SECTIONS } from "~/domain/coe/sections";
import { postForm, returnedData, returnedStatus, routeArgs, thrownStatus } from "../setup/route-args";
import { freshDb } from "../setup/test-db";
import { insertTeam, insertUser, sessionCookieFor } from "../setup/users";

const T0 = new Date("2026-03-02T09:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

async function setup(db: Db) {
  const author = await insertUser(db, "author");
  const admin = await insertUser(db, "admin");
  const member = await insertUser(db, "member");
  const reviewer = await insertUser(db, "reviewer");
  const otherAuthor = await insertUser(db, "author");
  const coeId = await insertCoe(
    db,
    { status: "draft", title: "Disk full on storage nodes", impactSummary: "For 40 minutes uploads were rejected." },
    { actorId: author.id, now: minutes(-60), seed: 7 },
  );
  return { author, admin, member, reviewer, otherAuthor, coeId };
}

const revisionRows = (db: Db, coeId: number) => db.select().from(revisions).where(eq(revisions.coeId, coeId)).orderBy(asc(revisions.id));
const coeRow = async (db: Db, coeId: number) => (await db.select().from(coes).where(eq(coes.id, coeId)))[0];
const newestRevision = async (db: Db, coeId: number) =>
  (await db.select().from(revisions).where(eq(revisions.coeId, coeId)).orderBy(desc(revisions.id)).limit(1))[0]!;

/** A one-column change through writeCoe, as every section's save does. */
async function setTitle(db: Db, coeId: number, actorId: number, title: string, now: Date, section: "header" | "detection" = "header") {
  const baseVersion = await sectionVersionOf(db, coeId, section);
  return writeCoe(db, { coeId, actorId, baseVersion, section, summary: `Set the title to ${title}`, now }, (tx) =>
    tx.update(coes).set({ title }).where(eq(coes.id, coeId)),
  );
}

async function headerBase(db: Db, coeId: number, actorId: number, now?: Date) {
  return { coeId, actorId, baseVersion: await sectionVersionOf(db, coeId, "header"), now };
}

async function headerForm(db: Db, coeId: number, title: string) {
  const [{ teamId }] = (await db.select({ teamId: coes.teamId }).from(coes).where(eq(coes.id, coeId))) as [{ teamId: number }];
  return { title, severity: 2, teamId, services: ["Object store"], tags: ["capacity"], event: undefined };
}

describe("revision coalescing", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("folds saves by one author to one section within five minutes into one revision holding the latest", async () => {
    const { author, coeId } = await setup(db);
    expect(REVISION_COALESCE_MS).toBe(5 * 60_000);
    const before = await revisionCount(db, coeId);
    await setTitle(db, coeId, author.id, "First", minutes(0));
    await setTitle(db, coeId, author.id, "Second", minutes(2));
    const last = await setTitle(db, coeId, author.id, "Third", minutes(6)); // 4 minutes after the previous save: the window slides
    expect(await revisionCount(db, coeId)).toBe(before + 1);
    const rev = await newestRevision(db, coeId);
    expect(rev).toMatchObject({
      authorId: author.id,
      section: "header",
      summary: "Set the title to Third",
      coeVersion: last.coeVersion,
      createdAt: minutes(6),
    });
    expect((rev.snapshot as CoeExport).title).toBe("Third");
    // Every save still moved the versions on.
    expect(await sectionVersionOf(db, coeId, "header")).toBe(3);
  });

  it("keeps separate revisions for another author, another section, or after five minutes", async () => {
    const { author, admin, coeId } = await setup(db);
    const before = await revisionCount(db, coeId);
    await setTitle(db, coeId, author.id, "A1", minutes(0));
    await setTitle(db, coeId, admin.id, "B1", minutes(1)); // another author
    await setTitle(db, coeId, author.id, "A2", minutes(2)); // alternating authors never fold
    await setTitle(db, coeId, author.id, "A3", minutes(3), "detection"); // another section
    await setTitle(db, coeId, author.id, "A4", minutes(8)); // "header" again, and the newest is "detection"
    await setTitle(db, coeId, author.id, "A5", minutes(8 + 5)); // exactly five minutes later: a new one
    const rows = (await revisionRows(db, coeId)).slice(before);
    expect(rows.map((r) => [r.authorId, r.section, (r.snapshot as CoeExport).title])).toEqual([
      [author.id, "header", "A1"],
      [admin.id, "header", "B1"],
      [author.id, "header", "A2"],
      [author.id, "detection", "A3"],
      [author.id, "header", "A4"],
      [author.id, "header", "A5"],
    ]);
  });

  it("folds two header saves through the real edit path (no clock passed)", async () => {
    const { author, coeId } = await setup(db);
    const before = await revisionCount(db, coeId);
    await updateHeader(db, await headerBase(db, coeId, author.id), await headerForm(db, coeId, "Disk full (draft 1)"));
    await updateHeader(db, await headerBase(db, coeId, author.id), await headerForm(db, coeId, "Disk full (draft 2)"));
    expect(await revisionCount(db, coeId)).toBe(before + 1);
    expect(((await newestRevision(db, coeId)).snapshot as CoeExport).title).toBe("Disk full (draft 2)");
  });
});

describe("restoring a revision", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  /** Changes header, summary, timeline, whys and detection as the author, an hour after the import. */
  async function reviseEverything(db: Db, coeId: number, actorId: number) {
    const now = minutes(0);
    await updateHeader(db, await headerBase(db, coeId, actorId, now), await headerForm(db, coeId, "A rewritten title"));
    await writeCoe(
      db,
      {
        coeId,
        actorId,
        baseVersion: await sectionVersionOf(db, coeId, "impact-summary"),
        section: "impact-summary",
        summary: "Edited the impact summary",
        now,
      },
      (tx) =>
        tx
          .update(coes)
          .set({ impactSummary: plainTextToDoc("A summary that lost the numbers.") })
          .where(eq(coes.id, coeId)),
    );
    const at = "2026-03-01T23:59:00Z";
    await addTimelineEntry(
      db,
      { coeId, actorId, baseVersion: await sectionVersionOf(db, coeId, "timeline"), now },
      { at, atMs: Date.parse(at), kind: "observation", text: "A late note", link: null },
    );
    const whyBase = async () => ({ coeId, actorId, baseVersion: await sectionVersionOf(db, coeId, "whys"), now });
    const rows = await getWhyRows(db, coeId);
    const root = rows.find((r) => r.parentId === null)!;
    const [first, second] = rows.filter((r) => r.parentId === root.id).sort((a, b) => a.position - b.position);
    await editWhy(db, await whyBase(), first!.id, { text: "A reworded why", evidence: null });
    await deleteWhy(db, await whyBase(), second!.id); // unlinks a lesson and an action item
    await saveRichField(
      db,
      { coeId, actorId, baseVersion: await sectionVersionOf(db, coeId, "detection"), now },
      parseRichField("detection-fast-enough")!,
      plainTextToDoc("Changed answer"),
    );
  }

  it("brings back text, whys and timeline as a new revision, keeps action items and re-links them", async () => {
    const { author, coeId } = await setup(db);
    const imported = await newestRevision(db, coeId);
    const original = imported.snapshot as CoeExport;
    const itemIds = await db.select({ id: actionItems.id }).from(actionItems).where(eq(actionItems.coeId, coeId)).orderBy(asc(actionItems.id));
    await reviseEverything(db, coeId, author.id);
    const changed = (await exportCoe(db, coeId))!;
    // Deleting a why also unlinked a lesson from it.
    // Deleting a why also unlinked a lesson and an action item from it.
    expect(changedRestorableSections(changed, original)).toEqual(["header", "impact-summary", "timeline", "whys", "detection", "lessons", "action-items"]);
    expect(changed.actionItems.filter((i) => i.whyPath !== undefined)).toHaveLength(1);
    const revsBefore = await revisionCount(db, coeId);

    const { sections } = await restoreRevision(db, {
      coeId,
      revisionId: imported.id,
      actorId: author.id,
      baseVersions: await sectionVersionsOf(db, coeId),
      now: minutes(1),
    });

    expect(sections).toEqual(["header", "impact-summary", "timeline", "whys", "detection", "lessons", "action-items"]);
    const restored = (await exportCoe(db, coeId))!;
    expect(changedRestorableSections(restored, original)).toEqual([]);
    expect(restored.title).toBe("Disk full on storage nodes");
    expect(restored.impactSummary).toEqual(plainTextToDoc("For 40 minutes uploads were rejected."));
    expect(restored.timeline).toEqual(original.timeline);
    expect(restored.whys).toEqual(original.whys);
    expect(restored.lessons).toEqual(original.lessons); // lesson links follow the restored tree
    // The same action-item rows, linked again to the whys and lessons the snapshot names.
    expect(await db.select({ id: actionItems.id }).from(actionItems).where(eq(actionItems.coeId, coeId)).orderBy(asc(actionItems.id))).toEqual(itemIds);
    expect(restored.actionItems).toEqual(original.actionItems);

    // One new revision on top of the history, filed as a restore; nothing older was touched.
    expect(await revisionCount(db, coeId)).toBe(revsBefore + 1);
    const rev = await newestRevision(db, coeId);
    expect(rev).toMatchObject({ section: "restore", authorId: author.id, summary: `Restored the version of 2026-03-02 08:00 UTC` });
    expect((rev.snapshot as CoeExport).whys).toEqual(original.whys);
  });

  it("removes an action item added since that version (it was not there then; the newer version keeps it)", async () => {
    const { author, coeId } = await setup(db);
    const imported = await newestRevision(db, coeId);
    const root = (await getWhyRows(db, coeId)).find((r) => r.parentId === null)!;
    const whyBase = { coeId, actorId: author.id, baseVersion: await sectionVersionOf(db, coeId, "whys"), now: minutes(0) };
    const itemId = (await addActionItemFromWhy(db, whyBase, root.id, { title: "A later item", horizon: "long" })).result;
    const withItem = await newestRevision(db, coeId);
    await restoreRevision(db, { coeId, revisionId: imported.id, actorId: author.id, baseVersions: await sectionVersionsOf(db, coeId), now: minutes(1) });
    expect(await db.select().from(actionItems).where(eq(actionItems.id, itemId))).toEqual([]);
    await restoreRevision(db, { coeId, revisionId: withItem.id, actorId: author.id, baseVersions: await sectionVersionsOf(db, coeId), now: minutes(2) });
    expect((await exportCoe(db, coeId))!.actionItems.map((i) => i.title)).toContain("A later item");
  });

  it("restoring an old revision (written before snapshots recorded everything) keeps an item added since, linked to the why with the same text", async () => {
    const { author, coeId } = await setup(db);
    const imported = await legacyRevision(db, await newestRevision(db, coeId));
    const whyBase = async () => ({ coeId, actorId: author.id, baseVersion: await sectionVersionOf(db, coeId, "whys"), now: minutes(0) });
    const root = (await getWhyRows(db, coeId)).find((r) => r.parentId === null)!;
    const itemId = (await addActionItemFromWhy(db, await whyBase(), root.id, { title: "A later item", horizon: "long" })).result;
    await editWhy(db, await whyBase(), root.id, { text: "A reworded problem statement", evidence: null });
    await editWhy(db, await whyBase(), root.id, { text: (imported.snapshot as CoeExport).whys!.text, evidence: "the graph" });
    await restoreRevision(db, { coeId, revisionId: imported.id, actorId: author.id, baseVersions: await sectionVersionsOf(db, coeId), now: minutes(1) });
    const newRoot = (await getWhyRows(db, coeId)).find((r) => r.parentId === null)!;
    expect(newRoot.id).not.toBe(root.id);
    expect(newRoot.evidence).toBeNull();
    expect(await db.select({ whyNodeId: actionItems.whyNodeId }).from(actionItems).where(eq(actionItems.id, itemId))).toEqual([{ whyNodeId: newRoot.id }]);
  });

  it("is never folded into another revision, and a later save is not folded into it", async () => {
    const { author, coeId } = await setup(db);
    const imported = await newestRevision(db, coeId);
    await setTitle(db, coeId, author.id, "Changed once", minutes(0));
    const first = await newestRevision(db, coeId);
    await restoreRevision(db, { coeId, revisionId: imported.id, actorId: author.id, baseVersions: await sectionVersionsOf(db, coeId), now: minutes(1) });
    await restoreRevision(db, { coeId, revisionId: first.id, actorId: author.id, baseVersions: await sectionVersionsOf(db, coeId), now: minutes(2) });
    await setTitle(db, coeId, author.id, "Changed again", minutes(3));
    expect((await revisionRows(db, coeId)).slice(-4).map((r) => r.section)).toEqual(["header", "restore", "restore", "header"]);
    expect((await exportCoe(db, coeId))!.title).toBe("Changed again");
  });

  it("writes nothing when the COE already reads like that version", async () => {
    const { author, coeId } = await setup(db);
    await setTitle(db, coeId, author.id, "Changed", minutes(0));
    const newest = await newestRevision(db, coeId);
    const before = { revs: await revisionCount(db, coeId), versions: await sectionVersionsOf(db, coeId) };
    expect(await restoreRevision(db, { coeId, revisionId: newest.id, actorId: author.id, baseVersions: {} })).toEqual({ sections: [], keptDates: [] });
    expect({ revs: await revisionCount(db, coeId), versions: await sectionVersionsOf(db, coeId) }).toEqual(before);
  });

  it("refuses with StaleWriteError, writing nothing, when a section it would rewrite changed since the page was loaded", async () => {
    const { author, admin, coeId } = await setup(db);
    const imported = await newestRevision(db, coeId);
    await setTitle(db, coeId, author.id, "Changed by the author", minutes(0));
    const loaded = await sectionVersionsOf(db, coeId); // what the history page showed
    await saveRichField(
      db,
      { coeId, actorId: admin.id, baseVersion: sectionVersion(loaded, "detection") },
      parseRichField("detection-fast-enough")!,
      plainTextToDoc("The admin's answer"),
    );
    const before = { doc: await exportCoe(db, coeId), revs: await revisionCount(db, coeId), versions: await sectionVersionsOf(db, coeId) };
    let error: unknown;
    try {
      await restoreRevision(db, { coeId, revisionId: imported.id, actorId: author.id, baseVersions: loaded });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StaleWriteError);
    expect(error).toMatchObject({
      section: "detection",
      baseVersion: sectionVersion(loaded, "detection"),
      currentVersion: sectionVersion(loaded, "detection") + 1,
    });
    expect({ doc: await exportCoe(db, coeId), revs: await revisionCount(db, coeId), versions: await sectionVersionsOf(db, coeId) }).toEqual(before);
  });
});

/** Makes a revision look as revisions did before they recorded everything: without the parts added to the format since. */
async function legacyRevision(db: Db, revision: typeof revisions.$inferSelect) {
  const added = new Set(["closeout", "tenets", "category", "whyPaths", "originalPromisedDate", "dateChanges"]);
  const snapshot: unknown = JSON.parse(JSON.stringify(revision.snapshot), (key, value: unknown) => (added.has(key) ? undefined : value));
  await withTransaction(db, (tx) => tx.update(revisions).set({ snapshot }).where(eq(revisions.id, revision.id)));
  return { ...revision, snapshot };
}

describe("restore puts back every column of every table that belongs to a COE", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  /** A revision of the COE as it is, the way every save records one. */
  async function recordRevision(coeId: number, actorId: number, now: Date) {
    await writeCoe(
      db,
      { coeId, actorId, baseVersion: await sectionVersionOf(db, coeId, "closeout"), section: "closeout", summary: "Recorded", now },
      async () => undefined,
    );
    return await newestRevision(db, coeId);
  }

  it("change everything, restore the earlier revision: every compared column is as it was", async () => {
    const author = await insertUser(db, "author");
    const coeId = await insertFullCoe(db, 0);
    const revision = await recordRevision(coeId, author.id, minutes(0));
    const before = await coeContent(db, coeId, NOT_RESTORED);
    expect(columnsLeftAtDefault(await coeContent(db, coeId))).toEqual([]);

    await overwriteWithFullCoe(db, coeId, 1);
    // The change really touches every compared column, so the restore has to write every one back.
    expect(columnsUnchanged(before, await coeContent(db, coeId, NOT_RESTORED), NOT_RESTORED)).toEqual([]);

    const { sections } = await restoreRevision(db, {
      coeId,
      revisionId: revision.id,
      actorId: author.id,
      baseVersions: await sectionVersionsOf(db, coeId),
      now: minutes(1),
    });
    expect(sections).toEqual([...COE_SECTIONS]);
    expect(await coeContent(db, coeId, NOT_RESTORED)).toEqual(before);
    // The status is the lifecycle's, and stays.
    expect(await db.select({ status: coes.status }).from(coes).where(eq(coes.id, coeId))).toEqual([{ status: "in_review" }]);
  });

  it("restores an old revision, and keeps what it did not record (close-out, tenets, categories, further links, date logs)", async () => {
    const author = await insertUser(db, "author");
    const coeId = await insertFullCoe(db, 0);
    const old = await legacyRevision(db, await recordRevision(coeId, author.id, minutes(0)));
    const full = await coeContent(db, coeId, NOT_RESTORED);
    // Only the title changes since: everything the old revision did not record must survive its restore.
    await setTitle(db, coeId, author.id, "A newer title", minutes(1));
    const { sections } = await restoreRevision(db, {
      coeId,
      revisionId: old.id,
      actorId: author.id,
      baseVersions: await sectionVersionsOf(db, coeId),
      now: minutes(2),
    });
    expect(sections).toEqual(["header"]);
    expect(await coeContent(db, coeId, NOT_RESTORED)).toEqual(full);
  });
});

describe("the compare view shows every difference a restore would make", () => {
  type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
  /** Every way to change one thing: each leaf altered, each list one item shorter. */
  function* mutations(value: Json, path: (string | number)[] = []): Generator<{ path: string; apply: (doc: Json) => void }> {
    const at = (doc: Json, p: (string | number)[]) => p.reduce<Json>((node, key) => (node as Record<string, Json>)[key]!, doc);
    if (Array.isArray(value)) {
      if (value.length) yield { path: `${path.join(".")} (one fewer)`, apply: (doc) => void (at(doc, path) as Json[]).pop() };
      for (let i = 0; i < value.length; i++) yield* mutations(value[i]!, [...path, i]);
    } else if (value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) yield* mutations(child, [...path, key]);
    } else {
      const changed = value === null ? "2031-01-01" : typeof value === "boolean" ? !value : typeof value === "number" ? value + 1 : `${value} (edited)`;
      yield { path: path.join("."), apply: (doc) => void ((at(doc, path.slice(0, -1)) as Record<string, Json>)[path.at(-1)!] = changed) };
    }
  }

  it("for every single change to a COE with every column filled, the view reports each section the restore would rewrite", async () => {
    const db = await freshDb();
    const { metrics: _derived, status: _lifecycle, schemaVersion: _format, ...content } = (await exportCoe(db, await insertFullCoe(db)))!;
    const doc = content as unknown as Json;
    let count = 0;
    for (const { path, apply } of mutations(doc)) {
      const changed = structuredClone(doc);
      apply(changed);
      const restore = changedRestorableSections(content, changed as typeof content);
      expect(restore.length, `${path} is content a restore puts back`).toBeGreaterThan(0);
      const shown = diffCoeDocuments(content, changed as typeof content).map((d) => d.section);
      expect(shown, path).toEqual(expect.arrayContaining(restore));
      expect(
        diffCoeDocuments(changed as typeof content, content).map((d) => d.section),
        path,
      ).toEqual(expect.arrayContaining(restore));
      count++;
    }
    expect(count).toBeGreaterThan(150);
  });

  it("shows the links, categories, checklist, tenets, original promise and date changes in words", async () => {
    const db = await freshDb();
    const before = (await exportCoe(db, await insertFullCoe(db, 0)))!;
    const after = (await exportCoe(db, await insertFullCoe(db, 1)))!;
    const lines = (kind: "added" | "removed") => diffCoeDocuments(before, after).flatMap((d) => d.parts.filter((p) => p.kind === kind).map((p) => p.text));
    const removed = lines("removed").join("\n");
    expect(removed).toContain("Lesson 0 (from whys “The disk filled up”, “Cleanup was paused”, “Nobody was paged”)");
    expect(removed).toContain("[category: capacity]");
    expect(removed).toContain("Tenets cited: Customer obsession");
    expect(removed).toContain("Short-term fixes validated: yes");
    expect(removed).toContain("first promised 2026-02-01");
    expect(removed).toContain("2026-01-11 09:30 UTC: promised date 2026-02-01 → 2026-03-11 by owner-b@example.com (Re-planned 1)");
    expect(removed).toContain("cancelled because: Superseded");
    expect(removed).toContain("validation: Replayed the traffic 0");
  });
});

describe("the history page", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  const page = (coeId: number, cookie: string, search = "") =>
    historyLoader(routeArgs(`http://t/coes/${coeId}/history${search}`, { coeId: String(coeId) }, { headers: { Cookie: cookie } }));
  const restore = (coeId: number, cookie: string, revisionId: number, versions: SectionVersions) =>
    historyAction(
      routeArgs(
        `http://t/coes/${coeId}/history`,
        { coeId: String(coeId) },
        postForm(
          `http://t/coes/${coeId}/history`,
          { intent: "restore", revisionId, ...Object.fromEntries(RESTORABLE_SECTIONS.map((s) => [`base-${s}`, sectionVersion(versions, s)])) },
          cookie,
        ),
      ),
    );

  it("lists revisions newest first to any signed-in user and diffs the previous one against the newest by default", async () => {
    const { author, admin, member, coeId } = await setup(db);
    await setTitle(db, coeId, author.id, "Disk full on two storage nodes", minutes(0));
    await setTitle(db, coeId, admin.id, "Disk full on three storage nodes", minutes(1));
    const data = await page(coeId, await sessionCookieFor(member.id));
    expect(data.canRestore).toBe(false);
    expect(data.revisions.map((r) => [r.section, r.authorName])).toEqual([
      ["header", "admin person"],
      ["header", "author person"],
      ["import", "author person"],
    ]);
    expect(data.revisions.map((r) => r.id)).toEqual((await listRevisions(db, coeId)).map((r) => r.id));
    const [newest, previous, imported] = data.revisions;
    expect(data.compare).toMatchObject({ fromId: previous!.id, toId: newest!.id });
    expect(data.compare!.sections).toHaveLength(1);
    expect(data.compare!.sections[0]!.parts.filter((p) => p.kind !== "same")).toEqual([
      { kind: "removed", text: "Title: Disk full on two storage nodes" },
      { kind: "added", text: "Title: Disk full on three storage nodes" },
    ]);

    // Any two, by version number; unknown versions fall back to the defaults.
    const chosen = await page(coeId, await sessionCookieFor(member.id), `?from-version=${imported!.coeVersion}&to-version=${previous!.coeVersion}`);
    expect(chosen.compare).toMatchObject({ fromId: imported!.id, toId: previous!.id });
    const fallback = await page(coeId, await sessionCookieFor(member.id), `?from-version=999999&to-version=abc`);
    expect(fallback.compare).toMatchObject({ fromId: previous!.id, toId: newest!.id });
  });

  it("names versions, not internal ids, in compare links, and sends links with revision ids to the same comparison", async () => {
    const { author, member, coeId } = await setup(db);
    await setTitle(db, coeId, author.id, "Disk full on two storage nodes", minutes(0));
    await setTitle(db, coeId, author.id, "Disk full on three storage nodes", minutes(10));
    const cookie = await sessionCookieFor(member.id);
    const [newest, , imported] = (await page(coeId, cookie)).revisions;
    expect([imported!.coeVersion, newest!.coeVersion]).toEqual([1, 3]);
    expect(await thrownStatus(page(coeId, cookie, `?from=${imported!.id}&to=${newest!.id}`))).toMatchObject({
      status: 301,
      location: `/coes/${coeId}/history?from-version=1&to-version=3`,
    });
    expect(await thrownStatus(page(coeId, cookie, `?from=999999`))).toMatchObject({ status: 301, location: `/coes/${coeId}/history` });
  });

  it("says a COE created with the form was created, not imported", async () => {
    const { author } = await setup(db);
    const team = await insertTeam(db, "Storage");
    const { coeId } = await createCoe(db, author.id, {
      title: "Made with the form",
      severity: 3,
      teamId: team.id,
      services: [],
      tags: [],
      event: undefined,
    } as Parameters<typeof createCoe>[2]);
    expect((await listRevisions(db, coeId)).map((r) => [r.coeVersion, r.summary])).toEqual([[1, "Created the COE"]]);
  });

  it("never says two versions read the same when a restore would change something (the close-out checklist is shown)", async () => {
    const { author, member, coeId } = await setup(db);
    const base = { coeId, actorId: author.id, baseVersion: await sectionVersionOf(db, coeId, "closeout"), now: minutes(0) };
    await updateCoeFields(db, base, "closeout", { closeoutFixesValidated: true, closeoutDataPreserved: false, closeoutFollowupsAssigned: false });
    const data = await page(coeId, await sessionCookieFor(member.id));
    expect(data.compare!.sections.map((s) => [s.section, s.parts.filter((p) => p.kind !== "same").map((p) => `${p.kind}: ${p.text}`)])).toEqual([
      ["closeout", ["removed: Short-term fixes validated: no", "added: Short-term fixes validated: yes"]],
    ]);
  });

  it("answers 404 for an unknown COE", async () => {
    const { member } = await setup(db);
    expect((await thrownStatus(page(999_999, await sessionCookieFor(member.id)))).status).toBe(404);
  });

  it("restores for an author and redirects back to the history", async () => {
    const { author, coeId } = await setup(db);
    const imported = await newestRevision(db, coeId);
    await setTitle(db, coeId, author.id, "Changed", minutes(0));
    const cookie = await sessionCookieFor(author.id);
    const before = await page(coeId, cookie);
    expect(before.canRestore).toBe(true);
    const res = await thrownStatus(restore(coeId, cookie, imported.id, before.baseVersions));
    expect(res).toMatchObject({ status: 302, location: `/coes/${coeId}/history` });
    expect((await exportCoe(db, coeId))!.title).toBe("Disk full on storage nodes");
    expect((await page(coeId, cookie)).revisions[0]).toMatchObject({
      section: "restore",
      summary: expect.stringMatching(/^Restored the version of \d{4}-\d\d-\d\d \d\d:\d\d UTC$/),
    });
  });

  it("answers 409 with a clear message on stale versions, and nothing changes", async () => {
    const { author, admin, coeId } = await setup(db);
    const imported = await newestRevision(db, coeId);
    const cookie = await sessionCookieFor(author.id);
    const loaded = (await page(coeId, cookie)).baseVersions;
    await setTitle(db, coeId, admin.id, "The admin's title", minutes(0));
    const before = { doc: await exportCoe(db, coeId), revs: await revisionCount(db, coeId) };
    const res = await restore(coeId, cookie, imported.id, loaded);
    expect(returnedStatus(res)).toBe(409);
    expect(returnedData<{ error: string }>(res).error).toMatch(/Nothing was restored: someone changed the header section after this page was loaded/);
    expect({ doc: await exportCoe(db, coeId), revs: await revisionCount(db, coeId) }).toEqual(before);
  });

  it("answers 403 to members, reviewers and other authors, and nothing changes", async () => {
    const { author, member, reviewer, otherAuthor, coeId } = await setup(db);
    const imported = await newestRevision(db, coeId);
    await setTitle(db, coeId, author.id, "Changed", minutes(0));
    const before = { doc: await exportCoe(db, coeId), revs: await revisionCount(db, coeId), row: await coeRow(db, coeId) };
    for (const who of [member, reviewer, otherAuthor]) {
      const res = await thrownStatus(restore(coeId, await sessionCookieFor(who.id), imported.id, await sectionVersionsOf(db, coeId)));
      expect(res.status).toBe(403);
    }
    expect({ doc: await exportCoe(db, coeId), revs: await revisionCount(db, coeId), row: await coeRow(db, coeId) }).toEqual(before);
  });

  it("answers 400 to a form without the section versions and 404 to another COE's revision", async () => {
    const { author, coeId } = await setup(db);
    const otherCoe = await insertCoe(db, { status: "draft" }, { actorId: author.id });
    const foreign = await newestRevision(db, otherCoe);
    const cookie = await sessionCookieFor(author.id);
    const bare = await historyAction(
      routeArgs(
        `http://t/coes/${coeId}/history`,
        { coeId: String(coeId) },
        postForm(`http://t/coes/${coeId}/history`, { intent: "restore", revisionId: foreign.id }, cookie),
      ),
    );
    expect(returnedStatus(bare)).toBe(400);
    expect((await thrownStatus(restore(coeId, cookie, foreign.id, await sectionVersionsOf(db, coeId)))).status).toBe(404);
  });
});
