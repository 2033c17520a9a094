import { asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  addComment,
  commentHistory,
  CommentForbiddenError,
  commentsOf,
  editComment,
  markNotificationsRead,
  notificationsOf,
  setCommentResolved,
  StaleCommentError,
  unreadNotificationCount,
} from "~/data/comments.server";
import { writeCoe } from "~/data/coe-write.server";
import { restoreRevision } from "~/data/revisions.server";
import { sectionVersionOf, sectionVersionsOf } from "~/data/section-versions.server";
import { deleteWhy, undoDeleteWhy } from "~/data/whys.server";
import { FieldError } from "~/data/write-errors.server";
import { describeAnchor, type PartLookups } from "~/domain/comments/anchors";
import type { Db } from "../../db/client";
import { revisions, whyNodes } from "../../db/schema";
import { insertCoe } from "../factories";
import { freshDb } from "../setup/test-db";
import { insertUser } from "../setup/users";

/* Issue 11: comments anchored to the exact part they concern, and anchors that survive deletes, undo and restores. */

async function whyIdByText(db: Db, coeId: number, text: string | RegExp) {
  const all = await db.select({ id: whyNodes.id, text: whyNodes.text }).from(whyNodes).where(eq(whyNodes.coeId, coeId));
  return all.find((r) => (typeof text === "string" ? r.text === text : text.test(r.text)))?.id;
}

/** What the page would say each comment is about, from the COE as it is now. */
async function described(db: Db, coeId: number) {
  const whys = await db.select({ id: whyNodes.id, text: whyNodes.text }).from(whyNodes).where(eq(whyNodes.coeId, coeId));
  const lookups: PartLookups = {
    whyText: (id) => whys.find((w) => w.id === id)?.text,
    actionItemTitle: () => undefined,
    timelineText: () => undefined,
    lessonText: () => undefined,
  };
  return (await commentsOf(db, coeId)).map((c) => describeAnchor(c.anchor, lookups).text);
}

const CANARY = "The pipeline has no canary stage for this service";

describe("comments", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("a comment on a why follows it through a delete, its undo, a restore that re-inserts every why, and says when its why is really gone", async () => {
    const author = await insertUser(db, "author");
    const reviewer = await insertUser(db, "reviewer");
    const coeId = await insertCoe(db, { status: "in_review" }, { actorId: author.id });
    const canary = (await whyIdByText(db, coeId, CANARY))!;
    await addComment(db, { coeId, actor: reviewer, body: "Which services lack one?", anchor: { type: "why_node", id: canary } });
    expect(await described(db, coeId)).toEqual([`on why: ${CANARY}`]);

    // Deleted, then undone: the same id comes back, and the comment with it.
    const base = () => sectionVersionOf(db, coeId, "whys");
    const { result: trash } = await deleteWhy(db, { coeId, actorId: author.id, baseVersion: await base() }, canary);
    expect(await described(db, coeId)).toEqual([`on a deleted why: ${CANARY}`]);
    await undoDeleteWhy(db, { coeId, actorId: author.id, baseVersion: await base() }, trash.trashId);
    expect(await described(db, coeId)).toEqual([`on why: ${CANARY}`]);

    // A restore deletes and re-inserts every why with new ids: the comment follows its words.
    const [first] = await db.select({ id: revisions.id }).from(revisions).where(eq(revisions.coeId, coeId)).orderBy(asc(revisions.id));
    const detection = (await whyIdByText(db, coeId, /^Detection took/))!;
    await writeCoe(db, { coeId, actorId: author.id, baseVersion: await base(), section: "whys", summary: "reword" }, (tx) =>
      tx.update(whyNodes).set({ text: "Reworded detection" }).where(eq(whyNodes.id, detection)),
    );
    await restoreRevision(db, { coeId, revisionId: first!.id, actorId: author.id, baseVersions: await sectionVersionsOf(db, coeId) });
    const moved = (await whyIdByText(db, coeId, CANARY))!;
    expect(moved).not.toBe(canary);
    expect((await commentsOf(db, coeId))[0]!.anchor).toMatchObject({ type: "why_node", id: moved });
    expect(await described(db, coeId)).toEqual([`on why: ${CANARY}`]);

    // Really deleted (and a restore to a version without it changes nothing): readable, named by its words.
    await deleteWhy(db, { coeId, actorId: author.id, baseVersion: await base() }, moved);
    const [latest] = await db
      .select({ id: revisions.id })
      .from(revisions)
      .where(eq(revisions.coeId, coeId))
      .orderBy(asc(revisions.id))
      .then((r) => r.slice(-1));
    await restoreRevision(db, { coeId, revisionId: latest!.id, actorId: author.id, baseVersions: await sectionVersionsOf(db, coeId) });
    expect(await described(db, coeId)).toEqual([`on a deleted why: ${CANARY}`]);

    // Restoring a version that has it again brings the comment back to it.
    await restoreRevision(db, { coeId, revisionId: first!.id, actorId: author.id, baseVersions: await sectionVersionsOf(db, coeId) });
    expect(await described(db, coeId)).toEqual([`on why: ${CANARY}`]);
  });

  it("refuses an anchor on a part of another COE, and a reply takes its thread's anchor", async () => {
    const author = await insertUser(db, "author");
    const coeA = await insertCoe(db, {}, { actorId: author.id });
    const coeB = await insertCoe(db, {}, { actorId: author.id });
    const foreign = (await whyIdByText(db, coeB, CANARY))!;
    const refused = await addComment(db, { coeId: coeA, actor: author, body: "x", anchor: { type: "why_node", id: foreign } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FieldError);
    expect((refused as FieldError).field).toBe("anchorId");
    const root = await addComment(db, {
      coeId: coeA,
      actor: author,
      body: "On the summary",
      anchor: { type: "section", section: "impact-summary", quote: "Customers retried" },
    });
    await addComment(db, { coeId: coeA, actor: author, body: "A reply", anchor: { type: "coe" }, parentId: root });
    const [, reply] = await commentsOf(db, coeA);
    expect(reply!.anchor).toEqual({ type: "section", section: "impact-summary", quote: "Customers retried" });
    await expect(addComment(db, { coeId: coeB, actor: author, body: "cross", anchor: { type: "coe" }, parentId: root })).rejects.toBeInstanceOf(FieldError);
  });

  it("mentions notify the people named, once, and not the writer; an ambiguous handle is a field error", async () => {
    const reviewer = await insertUser(db, "reviewer", "rita@example.com");
    const author = await insertUser(db, "author", "ana@example.com");
    await insertUser(db, "member", "sam@one.example");
    await insertUser(db, "member", "sam@two.example");
    const coeId = await insertCoe(db, {}, { actorId: author.id });
    await addComment(db, { coeId, actor: reviewer, body: "@ana can you check? cc @rita and @ana", anchor: { type: "coe" } });
    expect(await unreadNotificationCount(db, author.id)).toBe(1);
    expect(await unreadNotificationCount(db, reviewer.id)).toBe(0);
    const [n] = await notificationsOf(db, author.id);
    expect(n!.href).toMatch(new RegExp(`^/coes/${coeId}#comment-\\d+$`));
    const ambiguous = await addComment(db, { coeId, actor: reviewer, body: "@sam?", anchor: { type: "coe" } }).catch((e: unknown) => e);
    expect((ambiguous as FieldError).field).toBe("body");
    await markNotificationsRead(db, reviewer.id, [n!.id]); // someone else's: no effect
    expect(await unreadNotificationCount(db, author.id)).toBe(1);
    await markNotificationsRead(db, author.id, "all");
    expect(await unreadNotificationCount(db, author.id)).toBe(0);
  });

  it("only its author edits a comment, the old wording is kept, a stale edit is refused; resolving is for the thread's people", async () => {
    const author = await insertUser(db, "author");
    const reviewer = await insertUser(db, "reviewer");
    const member = await insertUser(db, "member");
    const coeId = await insertCoe(db, {}, { actorId: author.id });
    const id = await addComment(db, { coeId, actor: reviewer, body: "First wording", anchor: { type: "coe" } });
    const base = (await commentsOf(db, coeId))[0]!.updatedAt.getTime();
    await expect(editComment(db, { coeId, commentId: id, actor: author, body: "Hijacked", base })).rejects.toBeInstanceOf(CommentForbiddenError);
    await editComment(db, { coeId, commentId: id, actor: reviewer, body: "Second wording", base, now: new Date(base + 1000) });
    await expect(editComment(db, { coeId, commentId: id, actor: reviewer, body: "From a stale tab", base })).rejects.toBeInstanceOf(StaleCommentError);
    const [c] = await commentsOf(db, coeId);
    expect(c).toMatchObject({ body: "Second wording", edits: 1 });
    expect((await commentHistory(db, id)).map((e) => e.body)).toEqual(["First wording"]);
    await expect(setCommentResolved(db, { coeId, commentId: id, actor: member, resolved: true })).rejects.toBeInstanceOf(CommentForbiddenError);
    await setCommentResolved(db, { coeId, commentId: id, actor: author, resolved: true });
    expect((await commentsOf(db, coeId))[0]!.resolvedAt).not.toBeNull();
    await setCommentResolved(db, { coeId, commentId: id, actor: reviewer, resolved: false });
    expect((await commentsOf(db, coeId))[0]!.resolvedAt).toBeNull();
  });

  it("two people commenting at the same moment both land", async () => {
    const a = await insertUser(db, "reviewer");
    const b = await insertUser(db, "reviewer");
    const coeId = await insertCoe(db, {}, { actorId: a.id });
    await Promise.all([
      addComment(db, { coeId, actor: a, body: "From A", anchor: { type: "coe" } }),
      addComment(db, { coeId, actor: b, body: "From B", anchor: { type: "coe" } }),
    ]);
    expect((await commentsOf(db, coeId)).map((c) => c.body).sort()).toEqual(["From A", "From B"]);
  });
});
