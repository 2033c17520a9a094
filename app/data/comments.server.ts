import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { withTransaction, type Db } from "../../db/client";
import { actionItems, auditEvents, coes, commentEdits, comments, lessons, notifications, timelineEntries, users, whyNodes } from "../../db/schema";
import { labelAnchor, PART_ANCHOR_TYPES, type AnchorInput, type CommentAnchor, type PartAnchorType, type PartLookups } from "../domain/comments/anchors";
import { findMentions } from "../domain/comments/mentions";
import { relinkAnchors, type AnchoredPart } from "../domain/comments/relink";
import { canEditComment, canResolve, type CommentRow } from "../domain/comments/threads";
import type { Actor } from "../domain/coe/permissions";
import { docToPlainText } from "../domain/coe/plain-text-doc";
import type { PageSectionId } from "../domain/coe/page-sections";
import { getCoeAuthorIds } from "./coe-reading.server";
import { listActiveUsers } from "./users.server";
import { FieldError, MissingPartError } from "./write-errors.server";
import { perConnection } from "./per-connection.server";

/** A comment that changed since the page showed it (edited by its author in another tab): 409. */
export class StaleCommentError extends Error {}
/** Not this person's to change: 403. */
export class CommentForbiddenError extends Error {}

export type StoredComment = CommentRow & { authorName: string | null; edits: number; updatedAt: Date };

/** A stored row's anchor columns as the domain's anchor. */
function anchorOf(r: { anchorType: string; anchorId: number | null; anchorSection: string | null; anchorLabel: string | null; anchorQuote: string | null; anchorPrefix: string | null; anchorSuffix: string | null }): CommentAnchor {
  if (r.anchorType === "section")
    return { type: "section", section: r.anchorSection as PageSectionId, ...(r.anchorQuote ? { quote: r.anchorQuote, prefix: r.anchorPrefix ?? undefined, suffix: r.anchorSuffix ?? undefined } : {}) };
  if (r.anchorType === "coe") return { type: "coe" };
  return { type: r.anchorType as PartAnchorType, id: r.anchorId, label: r.anchorLabel ?? "" };
}

// Every COE page and every page's navigation read these: prepared once per connection.
const reads = perConnection((db) => {
  const edits = sql<number>`(select count(*) from comment_edits e where e.comment_id = ${comments.id})`;
  return {
    comments: db
      .select({ c: comments, authorName: users.name, edits })
      .from(comments)
      .leftJoin(users, eq(users.id, comments.authorId))
      .where(eq(comments.coeId, sql.placeholder("coeId")))
      .orderBy(asc(comments.createdAt), asc(comments.id))
      .prepare("comments_of_coe"),
    unread: db
      .select({ n: sql<number>`count(*)` })
      .from(notifications)
      .where(and(eq(notifications.userId, sql.placeholder("userId")), isNull(notifications.readAt)))
      .prepare("unread_notifications"),
  };
});

/** Every comment of a COE with its author's name and how often it was edited, oldest first. */
export async function commentsOf(db: Db, coeId: number): Promise<StoredComment[]> {
  const rows = await reads(db).comments.execute({ coeId });
  return rows.map(({ c, authorName, edits }) => ({
    id: c.id,
    parentId: c.parentId,
    authorId: c.authorId,
    authorName,
    body: c.body,
    anchor: anchorOf(c),
    resolvedAt: c.resolvedAt,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    updatedAt: c.updatedAt,
    edits: Number(edits),
  }));
}

/** The earlier wordings of a comment, oldest first. */
export async function commentHistory(db: Db, commentId: number) {
  return db.select({ body: commentEdits.body, createdAt: commentEdits.createdAt }).from(commentEdits).where(eq(commentEdits.commentId, commentId)).orderBy(asc(commentEdits.id));
}

/** The current text of one part of a COE, read only when a comment names it. */
async function partLookups(tx: Db, coeId: number, input: AnchorInput): Promise<PartLookups> {
  const none = () => undefined;
  const lookups: PartLookups = { whyText: none, actionItemTitle: none, timelineText: none, lessonText: none };
  if (input.type === "coe" || input.type === "section") return lookups;
  const id = input.id;
  if (input.type === "why_node") {
    const [r] = await tx.select({ text: whyNodes.text }).from(whyNodes).where(and(eq(whyNodes.id, id), eq(whyNodes.coeId, coeId)));
    return { ...lookups, whyText: (n) => (n === id ? r?.text : undefined) };
  }
  if (input.type === "action_item") {
    const [r] = await tx.select({ text: actionItems.title }).from(actionItems).where(and(eq(actionItems.id, id), eq(actionItems.coeId, coeId)));
    return { ...lookups, actionItemTitle: (n) => (n === id ? r?.text : undefined) };
  }
  if (input.type === "timeline_entry") {
    const [r] = await tx.select({ text: timelineEntries.text }).from(timelineEntries).where(and(eq(timelineEntries.id, id), eq(timelineEntries.coeId, coeId)));
    return { ...lookups, timelineText: (n) => (n === id ? r?.text : undefined) };
  }
  const [r] = await tx.select({ text: lessons.text }).from(lessons).where(and(eq(lessons.id, id), eq(lessons.coeId, coeId)));
  return { ...lookups, lessonText: (n) => (n === id && r ? docToPlainText(r.text) : undefined) };
}

/** The anchor columns of a new comment. */
function anchorColumns(anchor: CommentAnchor) {
  const empty = { anchorId: null, anchorSection: null, anchorLabel: null, anchorQuote: null, anchorPrefix: null, anchorSuffix: null };
  if (anchor.type === "coe") return { ...empty, anchorType: "coe" as const };
  if (anchor.type === "section")
    return { ...empty, anchorType: "section" as const, anchorSection: anchor.section, anchorQuote: anchor.quote ?? null, anchorPrefix: anchor.prefix ?? null, anchorSuffix: anchor.suffix ?? null };
  return { ...empty, anchorType: anchor.type, anchorId: anchor.id, anchorLabel: anchor.label };
}

export type NewComment = { coeId: number; actor: Actor; body: string; anchor: AnchorInput; parentId?: number; now?: Date };

/**
 * Adds a comment (or a reply, which shares its thread's anchor). The anchor is labelled with the
 * part's current words; people it @mentions get a notification. Two people commenting at once
 * both land: a comment is a new row and takes no lock on the COE.
 */
export async function addComment(db: Db, input: NewComment): Promise<number> {
  const now = input.now ?? new Date();
  return withTransaction(db, async (tx) => {
    const [coe] = await tx.select({ title: coes.title }).from(coes).where(eq(coes.id, input.coeId));
    if (!coe) throw new MissingPartError("That COE does not exist.");
    let anchor: CommentAnchor;
    if (input.parentId !== undefined) {
      const [parent] = await tx.select().from(comments).where(and(eq(comments.id, input.parentId), eq(comments.coeId, input.coeId)));
      if (!parent) throw new FieldError("parentId", "The comment you replied to was deleted or is not on this COE.", true);
      anchor = anchorOf(parent);
    } else {
      const labelled = labelAnchor(input.anchor, await partLookups(tx, input.coeId, input.anchor));
      if (!labelled.ok) throw new FieldError(Object.keys(labelled.errors)[0]!, Object.values(labelled.errors)[0]!, true);
      anchor = labelled.anchor;
    }
    const mentioned = await mentionedUsers(tx, input.body);
    const [row] = await tx
      .insert(comments)
      .values({ coeId: input.coeId, parentId: input.parentId ?? null, authorId: input.actor.id, body: input.body.trim(), ...anchorColumns(anchor), createdAt: now, updatedAt: now })
      .returning({ id: comments.id });
    const commentId = row!.id;
    const [actor] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.actor.id));
    const notify = mentioned.filter((id) => id !== input.actor.id);
    if (notify.length)
      await tx.insert(notifications).values(
        notify.map((userId) => ({
          userId,
          kind: "comment.mention",
          text: `${actor?.name ?? "Someone"} mentioned you on “${coe.title}”`,
          href: `/coes/${input.coeId}#comment-${commentId}`,
          actorId: input.actor.id,
          coeId: input.coeId,
          createdAt: now,
        })),
      );
    await tx.insert(auditEvents).values({ actorId: input.actor.id, action: "comment.add", entityType: "coe", entityId: input.coeId, detail: { commentId, anchor: anchor.type, mentions: notify.length }, createdAt: now });
    return commentId;
  });
}

/** The users a body mentions; a handle several people share is a field error asking for the email. */
async function mentionedUsers(tx: Db, body: string): Promise<number[]> {
  const found = findMentions(body, await listActiveUsers(tx));
  if (found.ambiguous.length)
    throw new FieldError("body", `${found.ambiguous.join(", ")} could mean several people; write their email instead (for example @name@example.com).`);
  return found.userIds;
}

/** The comment `id` of this COE, or a 404. */
async function commentOn(tx: Db, coeId: number, id: number) {
  const [row] = await tx.select().from(comments).where(and(eq(comments.id, id), eq(comments.coeId, coeId)));
  if (!row) throw new MissingPartError("That comment was deleted or is not on this COE.");
  return row;
}

/**
 * Its author rewords a comment; the previous wording is kept. `base` is the last change the page
 * showed (updatedAt, ms): an edit from a stale tab is refused, not silently lost.
 */
export async function editComment(db: Db, input: { coeId: number; commentId: number; actor: Actor; body: string; base: number; now?: Date }) {
  const now = input.now ?? new Date();
  await withTransaction(db, async (tx) => {
    const row = await commentOn(tx, input.coeId, input.commentId);
    if (!canEditComment(input.actor, row)) throw new CommentForbiddenError("Only its author can edit a comment.");
    if (row.updatedAt.getTime() !== input.base) throw new StaleCommentError("This comment changed since the page was loaded.");
    if (row.body === input.body.trim()) return;
    await mentionedUsers(tx, input.body);
    await tx.insert(commentEdits).values({ commentId: row.id, body: row.body, createdAt: now });
    await tx.update(comments).set({ body: input.body.trim(), editedAt: now, updatedAt: now }).where(eq(comments.id, row.id));
    await tx.insert(auditEvents).values({ actorId: input.actor.id, action: "comment.edit", entityType: "coe", entityId: input.coeId, detail: { commentId: row.id }, createdAt: now });
  });
}

/** Resolves or reopens a thread (its first comment): its author, the COE's authors, reviewers and admins may. */
export async function setCommentResolved(db: Db, input: { coeId: number; commentId: number; actor: Actor; resolved: boolean; now?: Date }) {
  const now = input.now ?? new Date();
  await withTransaction(db, async (tx) => {
    const row = await commentOn(tx, input.coeId, input.commentId);
    if (row.parentId !== null) throw new FieldError("commentId", "Resolve the thread from its first comment.", true);
    if (!canResolve(input.actor, row, await getCoeAuthorIds(tx, input.coeId))) throw new CommentForbiddenError("Only the comment's author, the COE's authors and reviewers can resolve it.");
    if ((row.resolvedAt !== null) === input.resolved) return;
    await tx
      .update(comments)
      .set(input.resolved ? { resolvedAt: now, resolvedById: input.actor.id, updatedAt: now } : { resolvedAt: null, resolvedById: null, updatedAt: now })
      .where(eq(comments.id, row.id));
    await tx.insert(auditEvents).values({ actorId: input.actor.id, action: input.resolved ? "comment.resolve" : "comment.reopen", entityType: "coe", entityId: input.coeId, detail: { commentId: row.id }, createdAt: now });
  });
}

// ─── Anchors that outlive the parts they name ────────────────────────────────────────────

/** The parts of a COE comments point at, with their words and a positional identity, for relinking across a restore. */
export async function anchoredParts(tx: Db, coeId: number): Promise<AnchoredPart[]> {
  const whys = await tx.select({ id: whyNodes.id, parentId: whyNodes.parentId, text: whyNodes.text }).from(whyNodes).where(eq(whyNodes.coeId, coeId)).orderBy(asc(whyNodes.position), asc(whyNodes.id));
  const pathOf = whyPaths(whys);
  const timeline = await tx.select({ id: timelineEntries.id, text: timelineEntries.text }).from(timelineEntries).where(eq(timelineEntries.coeId, coeId)).orderBy(asc(timelineEntries.atMs), asc(timelineEntries.id));
  const lessonRows = await tx.select({ id: lessons.id, text: lessons.text }).from(lessons).where(eq(lessons.coeId, coeId)).orderBy(asc(lessons.position), asc(lessons.id));
  const items = await tx.select({ id: actionItems.id, text: actionItems.title }).from(actionItems).where(eq(actionItems.coeId, coeId)).orderBy(asc(actionItems.position), asc(actionItems.id));
  return [
    ...whys.map((w) => ({ type: "why_node" as const, id: w.id, text: w.text, path: pathOf.get(w.id) ?? "" })),
    ...timeline.map((t, i) => ({ type: "timeline_entry" as const, id: t.id, text: t.text, path: String(i) })),
    ...lessonRows.map((l, i) => ({ type: "lesson" as const, id: l.id, text: docToPlainText(l.text), path: String(i) })),
    ...items.map((a, i) => ({ type: "action_item" as const, id: a.id, text: a.text, path: String(i) })),
  ];
}

/** "0", "0.1", … for each why (siblings in position order, as export numbers them). */
function whyPaths(rows: readonly { id: number; parentId: number | null }[]): Map<number, string> {
  const paths = new Map<number, string>();
  const childrenOf = new Map<number | null, number[]>();
  for (const r of rows) childrenOf.set(r.parentId, [...(childrenOf.get(r.parentId) ?? []), r.id]);
  const root = childrenOf.get(null)?.[0];
  const stack: [number, string][] = root === undefined ? [] : [[root, "0"]];
  while (stack.length) {
    const [id, path] = stack.pop()!;
    paths.set(id, path);
    (childrenOf.get(id) ?? []).forEach((child, i) => stack.push([child, `${path}.${i}`]));
  }
  return paths;
}

/**
 * After a restore re-inserted parts with new ids: each comment follows its part to its new id
 * (matched by words, then place), and a comment whose part had been deleted before finds it again
 * when the restore brings those words back.
 *
 * Outside restores a comment simply keeps the id of its part. Ids are never reused (AUTOINCREMENT,
 * sequences), so an id whose row is gone means "deleted" ("on a deleted why: <label>") and can
 * never come to name something else; an undone delete puts the same ids back, and with them the
 * comments.
 */
export async function relinkComments(tx: Db, coeId: number, before: readonly AnchoredPart[]) {
  const anchored = await tx
    .select({ id: comments.id, type: comments.anchorType, anchorId: comments.anchorId, label: comments.anchorLabel })
    .from(comments)
    .where(and(eq(comments.coeId, coeId), inArray(comments.anchorType, [...PART_ANCHOR_TYPES])));
  if (!anchored.length) return;
  const existed = new Set(before.map((p) => `${p.type}:${p.id}`));
  // A comment on a part already gone takes part as a part of its own, named by its label, with a negative id.
  const orphans = anchored
    .filter((c) => c.anchorId === null || !existed.has(`${c.type}:${c.anchorId}`))
    .map((c) => ({ type: c.type as PartAnchorType, id: -c.id, text: c.label ?? "", path: "" }));
  const maps = relinkAnchors([...before, ...orphans], await anchoredParts(tx, coeId));
  for (const [type, map] of Object.entries(maps)) {
    for (const [from, to] of map) {
      if (from < 0) await tx.update(comments).set({ anchorId: to }).where(eq(comments.id, -from));
      else if (from !== to)
        await tx
          .update(comments)
          .set({ anchorId: to })
          .where(and(eq(comments.coeId, coeId), eq(comments.anchorType, type as PartAnchorType), eq(comments.anchorId, from)));
    }
  }
}

// ─── Notifications ───────────────────────────────────────────────────────────────────────

/** A user's notifications, newest first, and how many are unread. */
export async function notificationsOf(db: Db, userId: number, limit = 50) {
  const rows = await db
    .select({ id: notifications.id, text: notifications.text, href: notifications.href, readAt: notifications.readAt, createdAt: notifications.createdAt })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(sql`${notifications.id} desc`)
    .limit(limit);
  return rows;
}

export async function unreadNotificationCount(db: Db, userId: number): Promise<number> {
  const [row] = await reads(db).unread.execute({ userId });
  return Number(row?.n ?? 0);
}

/** Marks some (or, with no ids, all) of a user's notifications read; another user's ids change nothing. */
export async function markNotificationsRead(db: Db, userId: number, ids: readonly number[] | "all", now = new Date()) {
  await withTransaction(db, (tx) =>
    tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.userId, userId), sql`${notifications.readAt} is null`, ids === "all" ? undefined : inArray(notifications.id, [...ids, 0]))),
  );
}
