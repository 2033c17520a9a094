import { tooLongMessage } from "../limits";
import { anchorKey, type CommentAnchor } from "./anchors";

/** The longest comment body, in characters after trimming. */
export const COMMENT_BODY_MAX = 5000;

/**
 * A stored comment. Bodies are plain text and, unlike the COE itself, are not checked by the
 * blameless lint: comments are conversation, and naming who to ask is part of it.
 */
export type CommentRow = {
  id: number;
  parentId: number | null;
  authorId: number | null;
  body: string;
  anchor: CommentAnchor;
  resolvedAt: Date | null;
  createdAt: Date;
  editedAt: Date | null;
};

/** A comment with its replies, oldest first. */
export type CommentNode = CommentRow & { replies: CommentNode[] };

/** A top-level comment and everything under it. Open while its root is unresolved; replies' own `resolvedAt` does not count. */
export type CommentThread = CommentNode & { isOpen: boolean };

const oldestFirst = (a: CommentRow, b: CommentRow) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id;

/**
 * Comments as threads: top-level comments oldest first, each with its replies (to any depth)
 * oldest first. A reply whose parent is missing (deleted, or not loaded) starts a thread of its
 * own rather than vanishing; so does the oldest comment of a parent loop, which only bad data makes.
 */
export function buildThreads(rows: readonly CommentRow[]): CommentThread[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const children = new Map<number, CommentRow[]>();
  const roots: CommentRow[] = [];
  for (const row of rows) {
    const hasParent = row.parentId !== null && row.parentId !== row.id && byId.has(row.parentId);
    if (hasParent) children.set(row.parentId!, [...(children.get(row.parentId!) ?? []), row]);
    else roots.push(row);
  }

  const placed = new Set<number>();
  const node = (row: CommentRow): CommentNode => {
    placed.add(row.id);
    const replies = (children.get(row.id) ?? []).filter((c) => !placed.has(c.id)).sort(oldestFirst);
    return { ...row, replies: replies.map(node) };
  };
  const threads = roots.sort(oldestFirst).map(node);
  // Rows never reached sit in parent loops: break each loop at its oldest comment.
  for (const row of [...rows].sort(oldestFirst)) if (!placed.has(row.id)) threads.push(node(row));
  return threads.sort(oldestFirst).map((t) => ({ ...t, isOpen: t.resolvedAt === null }));
}

/** Open threads, in all and per anchor (`anchorKey` of the thread's root): what the page's margin badges show. */
export function unresolvedCounts(rows: readonly CommentRow[]): { total: number; byAnchor: Map<string, number> } {
  const byAnchor = new Map<string, number>();
  let total = 0;
  for (const thread of buildThreads(rows)) {
    if (!thread.isOpen) continue;
    total++;
    const key = anchorKey(thread.anchor);
    byAnchor.set(key, (byAnchor.get(key) ?? 0) + 1);
  }
  return { total, byAnchor };
}

/** Only the author edits a comment: words put in someone's mouth, even by an admin, would be a false record. */
export function canEditComment(actor: { id: number; role: string }, row: Pick<CommentRow, "authorId">): boolean {
  return row.authorId !== null && row.authorId === actor.id;
}

/**
 * Who may resolve or reopen a thread (`row` is its root): whoever started it, the COE's authors
 * (who answer the point), and reviewers and admins (who judge it answered).
 */
export function canResolve(actor: { id: number; role: string }, row: Pick<CommentRow, "authorId">, coeAuthorIds: readonly number[]): boolean {
  if (actor.role === "reviewer" || actor.role === "admin") return true;
  return (row.authorId !== null && row.authorId === actor.id) || coeAuthorIds.includes(actor.id);
}

/** What is wrong with a comment body, if anything: nothing but blanks, or longer than the limit once trimmed. */
export function commentBodyProblem(body: string): string | undefined {
  const text = body.trim();
  if (text === "") return "Write something first.";
  if (text.length > COMMENT_BODY_MAX) return tooLongMessage("The comment", text.length, COMMENT_BODY_MAX);
  return undefined;
}
