import { and, asc, eq, gte, inArray, isNotNull, isNull, or } from "drizzle-orm";
import { withTransaction, type Db } from "../../db/client";
import { actionItems, auditEvents, calendarFeeds, coes, users } from "../../db/schema";
import { hashToken, newSecretToken, SECRET_TOKEN } from "../auth/secret-token.server";
import { cancelledSince, FEED_STATUSES, type FeedItem } from "../domain/action-items/ics";
import { LISTED_ITEM_COLUMNS } from "./action-item-lists.server";

/**
 * A user's private calendar feed (issue 12). The feed's URL carries a secret token; only the
 * token's SHA-256 is stored (as sessions are), so the URL is shown once, when it is made, and a
 * lost one is replaced, never recovered. One feed per user: making a new one replaces the old,
 * which stops working at once; turning it off deletes the row.
 */
export type FeedChange = { userId: number; now: Date; clientAddress: string };

/** Makes the user's feed, or replaces it: returns the new token (the only time it exists outside the caller's calendar) and whether an old one stopped working. */
export function makeCalendarFeed(db: Db, { userId, now, clientAddress }: FeedChange): Promise<{ token: string; replaced: boolean }> {
  const token = newSecretToken();
  return withTransaction(db, async (tx) => {
    const old = await tx.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId)).returning({ userId: calendarFeeds.userId });
    await tx.insert(calendarFeeds).values({ userId, tokenHash: hashToken(token), createdAt: now });
    const replaced = old.length > 0;
    await tx.insert(auditEvents).values(feedEvent(replaced ? "calendar_feed.rotate" : "calendar_feed.create", { userId, now, clientAddress }));
    return { token, replaced };
  });
}

/** Turns the user's feed off (its URL answers 404 from now on); false when there was none. */
export function revokeCalendarFeed(db: Db, change: FeedChange): Promise<boolean> {
  return withTransaction(db, async (tx) => {
    const removed = await tx.delete(calendarFeeds).where(eq(calendarFeeds.userId, change.userId)).returning({ userId: calendarFeeds.userId });
    if (removed.length) await tx.insert(auditEvents).values(feedEvent("calendar_feed.revoke", change));
    return removed.length > 0;
  });
}

/** The audit row of a change to a feed: who and from where; never the token or its hash. */
const feedEvent = (action: string, { userId, now, clientAddress }: FeedChange) => ({
  actorId: userId,
  action,
  entityType: "user",
  entityId: userId,
  clientAddress,
  createdAt: now,
});

/** When the user's current feed was made, if they have one (the page offers to replace or turn it off). */
export async function calendarFeedOf(db: Db, userId: number): Promise<{ createdAt: Date } | undefined> {
  const [row] = await db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  return row;
}

/** Whose feed a token opens: an enabled user's, or nothing (unknown, replaced, turned off or malformed tokens alike). */
export async function calendarFeedOwner(db: Db, token: string): Promise<{ id: number; name: string } | undefined> {
  if (!SECRET_TOKEN.test(token)) return undefined;
  const [owner] = await db
    .select({ id: users.id, name: users.name })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, hashToken(token)), isNull(users.disabledAt)));
  return owner;
}

/** The items a feed lists (see ics.ts): the owner's dated open work and recently cancelled items, with their COE's title, by promised date. */
export async function calendarFeedItems(db: Db, ownerId: number, now: Date): Promise<FeedItem[]> {
  const rows = await db
    .select({
      ...LISTED_ITEM_COLUMNS,
      updatedAt: actionItems.updatedAt,
      coeId: actionItems.coeId,
      coeTitle: coes.title,
    })
    .from(actionItems)
    .innerJoin(coes, eq(coes.id, actionItems.coeId))
    .where(
      and(
        eq(actionItems.ownerId, ownerId),
        isNotNull(actionItems.promisedDate),
        or(inArray(actionItems.status, [...FEED_STATUSES]), and(eq(actionItems.status, "cancelled"), gte(actionItems.updatedAt, cancelledSince(now)))),
      ),
    )
    .orderBy(asc(actionItems.promisedDate), asc(actionItems.id));
  return rows.map((r) => ({ ...r, promisedDate: r.promisedDate! }));
}
