import { data, type RouterContextProvider } from "react-router";
import { makeCalendarFeed, revokeCalendarFeed } from "~/data/calendar-feeds.server";
import { db } from "~/data/db.server";
import { calendarFeedUrls } from "~/domain/action-items/ics";
import { requestInfo } from "./request-info.server";

export const CALENDAR_INTENTS = ["new-calendar-link", "turn-off-calendar-link"] as const;
type CalendarIntent = (typeof CALENDAR_INTENTS)[number];
export const isCalendarIntent = (intent: string | undefined): intent is CalendarIntent => (CALENDAR_INTENTS as readonly string[]).includes(intent ?? "");

/** What the calendar link's forms get back: a message, and, once only, the new link. */
export type CalendarFeedResult = { calendarFeed: { message: string; made?: { url: string; webcalUrl: string } } };

/**
 * The calendar link's forms on My action items: any signed-in person makes, replaces or turns off
 * their own link (the user is always the session's: no form names whose). The new link is in this
 * answer and nowhere else, as only its fingerprint is kept.
 */
export async function calendarFeedAction(
  intent: CalendarIntent,
  { userId, request, context }: { userId: number; request: Request; context: Readonly<RouterContextProvider> },
) {
  const change = { userId, now: new Date(), clientAddress: requestInfo(context).clientAddress };
  if (intent === "turn-off-calendar-link") {
    const removed = await revokeCalendarFeed(db(), change);
    const message = removed
      ? "Your calendar link is turned off: calendars subscribed to it get nothing from now on."
      : "You have no calendar link to turn off.";
    return data<CalendarFeedResult>({ calendarFeed: { message } });
  }
  const { token, replaced } = await makeCalendarFeed(db(), change);
  const message = replaced ? "Here is your new calendar link; the old one no longer works." : "Here is your calendar link.";
  return data<CalendarFeedResult>({ calendarFeed: { message, made: calendarFeedUrls(new URL(request.url).origin, token) } });
}
