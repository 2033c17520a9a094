import { asc, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { commentEdits } from "../../db/schema";
import { anchorChoices } from "../domain/comments/anchor-choices";
import { anchorKey, describeAnchor, locateQuote, type PartLookups } from "../domain/comments/anchors";
import { mentionDirectory, mentionHandle, mentionSpans, type MentionUser } from "../domain/comments/mentions";
import { buildThreads, canEditComment, canResolve, unresolvedCounts, type CommentNode } from "../domain/comments/threads";
import type { Actor } from "../domain/coe/permissions";
import { docToPlainText } from "../domain/coe/plain-text-doc";
import type { DocJSON } from "../domain/enums";
import { flattenWhyTree } from "../domain/whys/tree";
import type { CoeView } from "./coe-reading.server";
import { commentsOf, type StoredComment } from "./comments.server";
import { listActiveUsers } from "./users.server";

/** One comment as the page shows it: words split at mentions, what it is about, what the viewer may do. */
export type CommentView = {
  id: number;
  authorName: string;
  spans: { text: string; mention: boolean }[];
  createdAt: number;
  /** The last change the viewer saw (an edit from this page is based on it). */
  base: number;
  editedAt: number | null;
  earlier: { body: string; at: number }[];
  canEdit: boolean;
  replies: CommentView[];
};
export type ThreadView = CommentView & {
  isOpen: boolean;
  canResolve: boolean;
  about: { text: string; deleted: boolean; href: string | null; key: string };
  /** A quoted selection whose words are no longer in the section. */
  quoteGone: boolean;
};

/** The parts of the COE as comment lookups. */
function lookupsOf(coe: CoeView) {
  const whys = flattenWhyTree(coe.whyTree);
  const byId = <T extends { id: number }>(rows: readonly T[], text: (r: T) => string) => {
    const map = new Map(rows.map((r) => [r.id, text(r)]));
    return (id: number) => map.get(id);
  };
  const lookups: PartLookups = {
    whyText: byId(whys, (w) => w.text),
    actionItemTitle: byId(coe.actionItems, (i) => i.title),
    timelineText: byId(coe.timeline, (t) => t.text),
    lessonText: byId(coe.lessons, (l) => l.text),
  };
  return lookups;
}

/** The plain words of a rich section, to find a quoted selection again. */
function sectionText(coe: CoeView, section: string): string | undefined {
  const plain = (doc: DocJSON | null) => (doc ? docToPlainText(doc) : "");
  if (section === "impact-summary") return plain(coe.impactSummary);
  if (section === "customer-rca") return plain(coe.customerRca);
  if (section === "detection") return [coe.detectionFastEnough, coe.detectionMetricsReflectedCustomers, coe.detectionSimilarEventsDetectable].map(plain).join("\n");
  if (section === "lessons") return coe.lessons.map((l) => l.text).join("\n");
  return undefined;
}

/**
 * Everything the comments panel shows for one COE and viewer: threads (open first is the page's
 * choice; here oldest first), open counts per anchor, the anchor choices and the people one can
 * mention. One query for the comments, one for their earlier wordings (when any was edited);
 * pass the active users when the caller has them already.
 */
export async function commentsPanelData(db: Db, coe: CoeView, viewer: Actor, activeUsers?: readonly MentionUser[]) {
  const stored = await commentsOf(db, coe.id);
  const earlier = await earlierWordings(db, stored);
  const people = activeUsers ?? (await listActiveUsers(db));
  const directory = mentionDirectory(people);
  const lookups = lookupsOf(coe);
  const authorIds = coe.authors.map((a) => a.id);
  const byId = new Map(stored.map((c) => [c.id, c]));
  const view = (node: CommentNode): CommentView => {
    const c = byId.get(node.id)!;
    return {
      id: c.id,
      authorName: c.authorName ?? "A former user",
      spans: mentionSpans(c.body, directory).map((s) => ({ text: s.text, mention: s.userId !== undefined })),
      createdAt: c.createdAt.getTime(),
      base: c.updatedAt.getTime(),
      editedAt: c.editedAt?.getTime() ?? null,
      earlier: earlier.get(c.id) ?? [],
      canEdit: canEditComment(viewer, c),
      replies: node.replies.map(view),
    };
  };
  const threads: ThreadView[] = buildThreads(stored).map((t) => {
    const about = describeAnchor(t.anchor, lookups);
    const text = t.anchor.type === "section" && t.anchor.quote ? sectionText(coe, t.anchor.section) : undefined;
    const quoteGone = t.anchor.type === "section" && !!t.anchor.quote && text !== undefined && !locateQuote(text, t.anchor.quote, t.anchor.prefix, t.anchor.suffix).found;
    return { ...view(t), isOpen: t.isOpen, canResolve: canResolve(viewer, t, authorIds), about: { ...about, key: anchorKey(t.anchor) }, quoteGone };
  });
  const counts = unresolvedCounts(stored);
  return {
    coeId: coe.id,
    threads,
    openCount: counts.total,
    openByAnchor: Object.fromEntries(counts.byAnchor),
    mentionable: people.map((p) => ({ handle: mentionHandle(p, directory), name: p.name })),
  };
}
export type CommentsPanelData = Awaited<ReturnType<typeof commentsPanelData>>;

/**
 * The "Comment on" choices for a page that does not hold the COE's parts itself (presenting mode);
 * the reading view builds them from its own copy with the same anchorChoices. Whys already
 * discussed stay listed on a big tree.
 */
export function commentChoices(coe: CoeView, threads: readonly ThreadView[]) {
  const parts = { whys: flattenWhyTree(coe.whyTree), timeline: coe.timeline, lessons: coe.lessons, actionItems: coe.actionItems };
  return anchorChoices(parts, new Set(threads.map((t) => t.about.key)));
}

async function earlierWordings(db: Db, stored: readonly StoredComment[]) {
  const edited = stored.filter((c) => c.edits > 0).map((c) => c.id);
  const out = new Map<number, { body: string; at: number }[]>();
  if (!edited.length) return out;
  const rows = await db
    .select({ commentId: commentEdits.commentId, body: commentEdits.body, createdAt: commentEdits.createdAt })
    .from(commentEdits)
    .where(inArray(commentEdits.commentId, edited))
    .orderBy(asc(commentEdits.id));
  for (const r of rows) out.set(r.commentId, [...(out.get(r.commentId) ?? []), { body: r.body, at: r.createdAt.getTime() }]);
  return out;
}
