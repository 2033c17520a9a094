import type { Route } from "./+types/calendar.$feed";
import { calendarFeedItems, calendarFeedOwner } from "~/data/calendar-feeds.server";
import { db } from "~/data/db.server";
import { actionItemsCalendar } from "~/domain/action-items/ics";

/** "<token>.ics": the token is the rest (anything else names no feed). */
const FEED_FILE = /^(.+)\.ics$/;

/**
 * GET /calendar/<token>.ics: an owner's private calendar feed (issue 12). Calendar programs send no
 * cookie, so the secret in the URL is the only credential: no session is asked for. A token that
 * is malformed, unknown, replaced or turned off, or a disabled owner's, answers the same 404.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const token = FEED_FILE.exec(params.feed)?.[1];
  const owner = token === undefined ? undefined : await calendarFeedOwner(db(), token);
  if (!owner)
    return new Response("No such calendar.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  const now = new Date();
  const items = await calendarFeedItems(db(), owner.id, now);
  const body = actionItemsCalendar(items, { origin: new URL(request.url).origin, ownerName: owner.name, now });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="action-items.ics"',
      // The calendar program's own cache only (never a shared one): the feed is one person's.
      "Cache-Control": "private, max-age=300",
    },
  });
}
