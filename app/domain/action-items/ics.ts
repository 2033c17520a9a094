import { addDays, calendarDateProblem } from "../calendar-date";
import { ACTION_STATUS_LABELS, HORIZON_LABELS } from "../coe/labels";
import type { ActionStatus, Horizon } from "../enums";
import { OPEN_WORK } from "./owner-view";

/**
 * An owner's private calendar feed (SPEC §4, issue 12): their action items as all-day events on
 * their promised dates, as iCalendar text (RFC 5545) that a calendar program subscribes to.
 *
 * Which items: every item of the owner with a promised date that is still open work (open, in
 * progress, implemented: implemented is not done, SPEC §4), and items cancelled within the last
 * CANCELLED_DAYS days, as STATUS:CANCELLED so that a subscribed calendar strikes or removes the
 * event it already shows rather than keeping a stale one. Validated items drop off: the work is
 * done, and VEVENT has no "completed" status; a calendar that loses an event on refresh removes
 * it, which is what a finished promise should do. Undated items have no day to appear on.
 */
export const CANCELLED_DAYS = 90;
const DAY_MS = 86_400_000;

/** The feed lists open work and, for CANCELLED_DAYS after their last change, cancelled items. */
export const FEED_STATUSES: readonly ActionStatus[] = OPEN_WORK;

/** The earliest last change of a cancelled item still in the feed (an item has no "cancelled at": a cancelled item's last change is its cancellation or later). */
export function cancelledSince(now: Date): Date {
  return new Date(now.getTime() - CANCELLED_DAYS * DAY_MS);
}

/** One item as the feed shows it. */
export type FeedItem = {
  id: number;
  title: string;
  horizon: Horizon;
  status: ActionStatus;
  /** YYYY-MM-DD */
  promisedDate: string;
  originalPromisedDate: string | null;
  /** Moves on every write of the item (owner's forms and the author's COE form alike). */
  version: number;
  updatedAt: Date;
  coeId: number;
  coeTitle: string;
};

export type FeedOptions = {
  /** The app's origin ("https://coe.example.com"): the items' links, and the right-hand side of their UIDs. */
  origin: string;
  ownerName: string;
  now: Date;
};

/** Where a feed is found: its https (or http) URL, and the same as webcal:, which offers it to the visitor's calendar program. */
export function calendarFeedUrls(origin: string, token: string): { url: string; webcalUrl: string } {
  const url = `${origin}/calendar/${token}.ics`;
  return { url, webcalUrl: url.replace(/^https?:/, "webcal:") };
}

/** The longest a content line may be, in octets without its CRLF (RFC 5545 §3.1). */
export const LINE_OCTETS = 75;

/**
 * The whole calendar. Each event's UID is the item's id at this site, so a calendar updates the
 * event it has rather than adding another; SEQUENCE is the item's version less one (a new item,
 * version 1, is sequence 0 as RFC 5545 starts), so it grows with every change of the item. A
 * COE's title appears only in DESCRIPTION, which RFC 5545 does not count as a revision.
 */
export function actionItemsCalendar(items: readonly FeedItem[], { origin, ownerName, now }: FeedOptions): string {
  const host = new URL(origin).host;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//COE platform//Action items//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${text(`Action items of ${ownerName}`)}`,
    `X-WR-CALDESC:${text("Promised dates of your open COE action items")}`,
    // How often to look again (RFC 7986; X-PUBLISHED-TTL for the calendars that predate it).
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    "X-PUBLISHED-TTL:PT1H",
  ];
  // A date that is not a real day (none should be stored) leaves its item out rather than the whole feed failing.
  for (const item of items) if (!calendarDateProblem(item.promisedDate)) lines.push(...event(item, { origin, host, stamp: utcStamp(now) }));
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

function event(item: FeedItem, { origin, host, stamp }: { origin: string; host: string; stamp: string }): string[] {
  const link = `${origin}/coes/${item.coeId}#action-item-${item.id}`;
  const moved = item.originalPromisedDate && item.originalPromisedDate !== item.promisedDate ? [`Originally promised: ${item.originalPromisedDate}`] : [];
  const description = [
    `COE: ${item.coeTitle}`,
    `Horizon: ${HORIZON_LABELS[item.horizon]}`,
    `Status: ${ACTION_STATUS_LABELS[item.status]}`,
    ...moved,
    link,
  ].join("\n");
  return [
    "BEGIN:VEVENT",
    `UID:${text(`action-item-${item.id}@${host}`)}`,
    `SEQUENCE:${Math.max(0, item.version - 1)}`,
    `DTSTAMP:${stamp}`,
    `LAST-MODIFIED:${utcStamp(item.updatedAt)}`,
    `DTSTART;VALUE=DATE:${basicDate(item.promisedDate)}`,
    `DTEND;VALUE=DATE:${basicDate(addDays(item.promisedDate, 1))}`,
    `SUMMARY:${text(item.title)}`,
    `DESCRIPTION:${text(description)}`,
    `URL:${link}`,
    // A promised date is a commitment whatever the progress; only a cancelled item is not.
    `STATUS:${item.status === "cancelled" ? "CANCELLED" : "CONFIRMED"}`,
    // A due date does not make its owner busy that day.
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
  ];
}

// eslint-disable-next-line no-control-regex -- RFC 5545 TEXT may hold no control character but HTAB (newlines are escaped first)
const CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f]/g;

/**
 * A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, every kind of line
 * break written as \n, other control characters dropped. Nothing in a value can then end its
 * line or start a property or parameter of its own.
 */
export function text(value: string): string {
  return value
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(CONTROLS, "");
}

/** How many octets a code point takes in UTF-8. */
const octets = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/**
 * A content line folded (RFC 5545 §3.1): no line longer than 75 octets, each continuation starting
 * with one space (which counts). Folds fall between code points, never inside one's UTF-8 bytes
 * or between the halves of a surrogate pair.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let used = 0;
  let room = LINE_OCTETS;
  for (const char of line) {
    const size = octets(char.codePointAt(0)!);
    if (used + size > room) {
      parts.push(current);
      current = "";
      used = 0;
      room = LINE_OCTETS - 1;
    }
    current += char;
    used += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** "2026-12-01" → "20261201" (a DATE value). */
const basicDate = (date: string) => date.replaceAll("-", "");

/** A UTC DATE-TIME value: "20261125T120000Z". */
export function utcStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}/, "")
    .replace(/[-:]/g, "");
}
