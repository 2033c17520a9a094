import type { Db } from "../../db/client";
import type { WhyNode } from "../../app/domain/coe/interchange";

/** Filler sentences, cut to ~60 characters with the node number so every node's text differs. */
const PHRASES = [
  "the deploy pipeline skipped the canary for this service",
  "the alarm watched the average instead of the tail latency",
  "a retry storm amplified the load on the metadata tier",
  "the runbook pointed at a dashboard that no longer exists",
  "the config change was not validated against production data",
] as const;

/** A whys tree of exactly `size` nodes, filled breadth-first with `branching` children per node; leaves are root causes. */
export function bigWhyTree(size: number, branching = 3): WhyNode {
  const nodes: WhyNode[] = [];
  for (let i = 0; i < size; i++) {
    const phrase = PHRASES[i % PHRASES.length]!;
    nodes.push({ text: `Why ${i + 1}: ${phrase}`.slice(0, 60).padEnd(60, "."), rootCause: false, children: [] });
  }
  for (let i = 1; i < size; i++) nodes[Math.floor((i - 1) / branching)]!.children.push(nodes[i]!);
  nodes.forEach((n, i) => {
    if (n.children.length === 0 && i % 7 === 0) n.rootCause = true;
  });
  nodes[size - 1]!.rootCause = true;
  return nodes[0]!;
}

export const BIG_TREE_TITLE = "Bench COE with a 500-node whys tree";

export type SeedResult = { userId: number; typicalCoeId: number; bigCoeId: number; coeCount: number; seedMs: number; perCoeMs: number };

/**
 * Seeds `count` factory COEs (one user as their author) plus one COE with a 500-node whys tree.
 * COEs are written through the real import path; 500 per outer transaction so the run is not
 * bound by one fsync per COE (synchronous=FULL). updatedAt is spread over a year so sorts mean something.
 */
export async function seed(db: Db, count: number): Promise<SeedResult> {
  const { users } = await import("../../db/schema");
  const { insertCoe } = await import("../factories");
  const { withTransaction } = await import("../../db/client");
  const [user] = await withTransaction(db, (tx) =>
    tx
      .insert(users)
      .values({ email: "bench@example.com", name: "Bench Author", role: "author", passwordHash: "bench-not-a-real-hash" })
      .returning({ id: users.id }),
  );
  const userId = user!.id;

  const start = Date.UTC(2024, 0, 1);
  const step = Math.floor((365 * 24 * 3600 * 1000) / count);
  const BATCH = 500;
  const t0 = performance.now();
  let typicalCoeId = 0;
  for (let i = 0; i < count; i += BATCH) {
    // One transaction per batch: each import joins it instead of committing (and syncing) on its own.
    await withTransaction(db, async (tx) => {
      for (let j = i; j < Math.min(i + BATCH, count); j++) {
        const id = await insertCoe(tx, {}, { actorId: userId, seed: j + 1, now: new Date(start + j * step) });
        if (j === Math.floor(count / 2)) typicalCoeId = id;
      }
    });
  }
  const bigCoeId = await insertCoe(
    db,
    { title: BIG_TREE_TITLE, whys: bigWhyTree(500) },
    { actorId: userId, seed: count + 1, now: new Date(start + Math.floor(count / 3) * step) },
  );
  const seedMs = performance.now() - t0;
  return { userId, typicalCoeId, bigCoeId, coeCount: count + 1, seedMs, perCoeMs: seedMs / (count + 1) };
}

export const COMMENTED_TITLE = "Bench COE with 200 comments";
export const MEETING_DATE = "2099-01-07";

/**
 * The review scenes issue 11 measures: a COE with 200 comments (threads and replies on the whole
 * COE, its sections and its whys; some resolved, some edited), and a meeting far ahead with 40
 * COEs on its agenda.
 */
export async function seedReviewScenes(db: Db, userId: number, agendaCoeIds: readonly number[]) {
  const { comments, commentEdits, meetings, meetingItems, whyNodes } = await import("../../db/schema");
  const { withTransaction } = await import("../../db/client");
  const { insertCoe } = await import("../factories");
  const { eq } = await import("drizzle-orm");
  const commentedCoeId = await insertCoe(db, { title: COMMENTED_TITLE, status: "in_review" }, { actorId: userId, seed: 424242 });
  await withTransaction(db, async (tx) => {
    const whys = await tx.select({ id: whyNodes.id, text: whyNodes.text }).from(whyNodes).where(eq(whyNodes.coeId, commentedCoeId));
    const sections = ["impact-summary", "timeline", "five-whys", "detection", "lessons", "action-items"] as const;
    let lastRoot = 0;
    for (let i = 0; i < 200; i++) {
      const isReply = i % 4 === 3;
      const why = whys[i % whys.length]!;
      const anchor =
        i % 3 === 0
          ? { anchorType: "why_node" as const, anchorId: why.id, anchorLabel: why.text }
          : i % 3 === 1
            ? { anchorType: "section" as const, anchorSection: sections[i % sections.length]! }
            : { anchorType: "coe" as const };
      const [row] = await tx
        .insert(comments)
        .values({
          coeId: commentedCoeId,
          authorId: userId,
          parentId: isReply ? lastRoot : null,
          body: `Comment ${i + 1}: what did the dashboards show at that point, @bench? ${"Context for the question. ".repeat(1 + (i % 3))}`,
          ...anchor,
          resolvedAt: i % 5 === 0 && !isReply ? new Date() : null,
          editedAt: i % 10 === 1 ? new Date() : null,
        })
        .returning({ id: comments.id });
      if (!isReply) lastRoot = row!.id;
      if (i % 10 === 1) await tx.insert(commentEdits).values({ commentId: row!.id, body: `Comment ${i + 1}, first wording` });
    }
    const [meeting] = await tx
      .insert(meetings)
      .values({ scheduledFor: MEETING_DATE, startsAt: new Date(`${MEETING_DATE}T10:00:00Z`) })
      .returning({ id: meetings.id });
    await tx.insert(meetingItems).values(agendaCoeIds.slice(0, 40).map((coeId, position) => ({ meetingId: meeting!.id, coeId, position })));
  });
  const [meeting] = await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.scheduledFor, MEETING_DATE));
  return { commentedCoeId, meetingId: meeting!.id };
}

/** A busy owner: the first `count` action items of the factory COEs given to the bench user (My action items at that size). Returns a title the page must show. */
export async function seedOwnedItems(db: Db, userId: number, count = 2000): Promise<string> {
  const { actionItems } = await import("../../db/schema");
  const { withTransaction } = await import("../../db/client");
  const { asc, inArray } = await import("drizzle-orm");
  const rows = await db
    .select({ id: actionItems.id, title: actionItems.title, status: actionItems.status })
    .from(actionItems)
    .orderBy(asc(actionItems.id))
    .limit(count);
  await withTransaction(db, (tx) =>
    tx
      .update(actionItems)
      .set({ ownerId: userId })
      .where(
        inArray(
          actionItems.id,
          rows.map((r) => r.id),
        ),
      ),
  );
  return rows.find((r) => r.status === "open" || r.status === "in_progress" || r.status === "implemented")!.title;
}
