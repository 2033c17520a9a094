import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { actionItemsCalendar, calendarFeedUrls, CANCELLED_DAYS, cancelledSince, foldLine, LINE_OCTETS, text, utcStamp, type FeedItem } from "./ics";

const now = new Date("2026-11-25T12:00:00Z");
const origin = "https://coe.example.com";
const item = (over: Partial<FeedItem> = {}): FeedItem => ({
  id: 7,
  title: "Rotate logs",
  horizon: "short",
  status: "open",
  promisedDate: "2026-12-01",
  originalPromisedDate: "2026-12-01",
  version: 1,
  updatedAt: new Date("2026-11-20T08:30:00Z"),
  coeId: 3,
  coeTitle: "Disk full on storage nodes",
  ...over,
});
const calendar = (items: FeedItem[], ownerName = "Morgan Member") => actionItemsCalendar(items, { origin, ownerName, now });
const octets = (line: string) => new TextEncoder().encode(line).length;
/** No lone surrogate (in a /u pattern a surrogate pair is one code point, so only a half of one matches). */
const wellFormed = (line: string) => !/[\uD800-\uDFFF]/u.test(line);

/** The calendar as a maintained parser reads it: its events by UID. */
function parsed(ics: string) {
  const root = new ICAL.Component(ICAL.parse(ics));
  const events = root.getAllSubcomponents("vevent");
  return { root, events, event: (i: number) => new ICAL.Event(events[i]!) };
}

const EVENT_PROPERTIES = ["uid", "sequence", "dtstamp", "last-modified", "dtstart", "dtend", "summary", "description", "url", "status", "transp"];

describe("the calendar", () => {
  it("is a published Gregorian calendar named for its owner, with CRLF line ends throughout", () => {
    const ics = calendar([item()]);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    const { root } = parsed(ics);
    expect(root.getFirstPropertyValue("version")).toBe("2.0");
    expect(root.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    expect(root.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(root.getFirstPropertyValue("x-wr-calname")).toBe("Action items of Morgan Member");
  });

  it("has one all-day event per item: the promised date to the next day, the item's title, its COE and a link to it", () => {
    const ics = calendar([item(), item({ id: 8, title: "Alarm on disk", promisedDate: "2026-12-31", horizon: "mid", status: "in_progress" })]);
    const { events, event } = parsed(ics);
    expect(events).toHaveLength(2);
    const first = event(0);
    expect(first.uid).toBe("action-item-7@coe.example.com");
    expect(first.summary).toBe("Rotate logs");
    expect(first.startDate.isDate).toBe(true);
    expect(first.startDate.toString()).toBe("2026-12-01");
    expect(first.endDate.toString()).toBe("2026-12-02");
    expect(events[0]!.getFirstPropertyValue("url")).toBe("https://coe.example.com/coes/3#action-item-7");
    expect(first.description).toBe(
      ["COE: Disk full on storage nodes", "Horizon: Short-term", "Status: Open", "https://coe.example.com/coes/3#action-item-7"].join("\n"),
    );
    expect(events[0]!.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(String(events[0]!.getFirstPropertyValue("dtstamp"))).toBe("2026-11-25T12:00:00Z");
    expect(String(events[0]!.getFirstPropertyValue("last-modified"))).toBe("2026-11-20T08:30:00Z");
    // The year's last day ends on the next year's first.
    expect(event(1).endDate.toString()).toBe("2027-01-01");
    expect(event(1).description).toContain("Status: In progress");
  });

  it("says when the promise moved from the original date", () => {
    const { event } = parsed(calendar([item({ originalPromisedDate: "2026-11-01" })]));
    expect(event(0).description).toContain("Originally promised: 2026-11-01");
  });

  it("keeps an item's UID through every change, and its SEQUENCE grows with the item's version", () => {
    const versions = [1, 2, 5];
    const seen = versions.map((version, i) =>
      parsed(calendar([item({ version, title: `Rotate logs, take ${i}`, promisedDate: `2026-12-0${i + 1}`, status: i === 2 ? "cancelled" : "open" })])).event(
        0,
      ),
    );
    expect(new Set(seen.map((e) => e.uid))).toEqual(new Set(["action-item-7@coe.example.com"]));
    expect(seen.map((e) => e.sequence)).toEqual([0, 1, 4]);
  });

  it("marks a cancelled item STATUS:CANCELLED and every other CONFIRMED", () => {
    const statuses = ["open", "in_progress", "implemented", "cancelled"] as const;
    const { events } = parsed(calendar(statuses.map((status, i) => item({ id: i + 1, status }))));
    expect(events.map((e) => e.getFirstPropertyValue("status"))).toEqual(["CONFIRMED", "CONFIRMED", "CONFIRMED", "CANCELLED"]);
  });

  it("leaves out an item whose date is not a real day rather than failing the whole feed", () => {
    const { events } = parsed(calendar([item({ id: 1, promisedDate: "2026-02-30" }), item({ id: 2 })]));
    expect(events.map((e) => e.getFirstPropertyValue("uid"))).toEqual(["action-item-2@coe.example.com"]);
  });

  it("is empty but valid for an owner with nothing due", () => {
    const { root, events } = parsed(calendar([]));
    expect(events).toEqual([]);
    expect(root.name).toBe("vcalendar");
  });
});

describe("hostile text", () => {
  const hostile = [
    "Line one\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:forged@evil.example",
    "Semi;colons, commas\\ and back\\slashes\\",
    "Bare\nline\rbreaks",
    "Emoji 🔥🧯👩🏽‍🚒 and accents éü and CJK 日本語 ".repeat(40),
    "x".repeat(10_000),
    "🔥".repeat(2_500),
    "Controls\u0000\u0007\u001b[31m and a tab\tkept",
    "DESCRIPTION:forged",
    ";X-INJECTED=1:forged",
  ];

  it("cannot add properties or events, and reads back as written (line breaks as \\n, control characters dropped)", () => {
    const items = hostile.map((title, i) => item({ id: i + 1, title, coeTitle: title }));
    const ics = calendar(items, "Eve\r\nX-WR-CALNAME:forged");
    const { root, events } = parsed(ics);
    expect(events).toHaveLength(items.length);
    expect(root.getAllProperties("x-wr-calname")).toHaveLength(1);
    // ical.js reads an X- property's value as it stands, escapes and all.
    expect(root.getFirstPropertyValue("x-wr-calname")).toBe("Action items of Eve\\nX-WR-CALNAME:forged");
    events.forEach((e, i) => {
      expect(e.getAllProperties().map((p) => p.name)).toEqual(EVENT_PROPERTIES);
      const wanted = hostile[i]!.replace(/\r\n|\r/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ""); // eslint-disable-line no-control-regex -- the test strips what the feed drops
      expect(e.getFirstPropertyValue("summary")).toBe(wanted);
      expect(new ICAL.Event(e).description.startsWith(`COE: ${wanted}\n`)).toBe(true);
      expect(e.getFirstPropertyValue("uid")).toBe(`action-item-${i + 1}@coe.example.com`);
      expect(e.getFirstPropertyValue("status")).toBe("CONFIRMED");
    });
  });

  it("is folded to lines of at most 75 octets, never inside a character", () => {
    const ics = calendar(hostile.map((title, i) => item({ id: i + 1, title })));
    const lines = ics.split("\r\n").slice(0, -1);
    expect(Math.max(...lines.map(octets))).toBeLessThanOrEqual(LINE_OCTETS);
    // A fold inside a UTF-8 sequence or a surrogate pair would leave a lone surrogate or U+FFFD.
    for (const line of lines) {
      expect(line).not.toMatch(/\uFFFD/);
      expect(wellFormed(line)).toBe(true);
    }
  });
});

describe("text", () => {
  it("escapes backslash, semicolon, comma and line breaks, in that order", () => {
    expect(text("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
    expect(text("\\n")).toBe("\\\\n");
  });
  it("drops control characters but keeps tabs and every printable character", () => {
    expect(text("a\u0000b\u001fc\u007fd\te😀")).toBe("abcd\te😀");
  });
});

describe("foldLine", () => {
  it("leaves a line of 75 octets alone and folds the 76th onto a line that starts with a space", () => {
    expect(foldLine("a".repeat(75))).toBe("a".repeat(75));
    expect(foldLine("a".repeat(76))).toBe(`${"a".repeat(75)}\r\n a`);
    expect(foldLine("a".repeat(75 + 74 + 1))).toBe(`${"a".repeat(75)}\r\n ${"a".repeat(74)}\r\n a`);
  });

  it("moves a multi-byte character that would straddle the limit whole onto the next line", () => {
    for (const char of ["é", "日", "🔥"]) {
      for (let pad = 70; pad <= 75; pad++) {
        const line = "a".repeat(pad) + char.repeat(3);
        const folded = foldLine(line);
        const parts = folded.split("\r\n");
        expect(
          parts.every((p) => octets(p) <= LINE_OCTETS && wellFormed(p)),
          `${char} after ${pad}`,
        ).toBe(true);
        expect(folded.replaceAll("\r\n ", "")).toBe(line);
      }
    }
  });
});

describe("which cancelled items are still listed", () => {
  it(`those whose last change is within ${CANCELLED_DAYS} days`, () => {
    expect(cancelledSince(now).toISOString()).toBe("2026-08-27T12:00:00.000Z");
  });
});

describe("utcStamp", () => {
  it("writes an instant as a UTC DATE-TIME without milliseconds", () => {
    expect(utcStamp(new Date("2026-01-02T03:04:05.678Z"))).toBe("20260102T030405Z");
  });
});

describe("calendarFeedUrls", () => {
  it("gives the feed's address and its webcal: twin, for https and http origins", () => {
    expect(calendarFeedUrls("https://coe.example.com", "abc")).toEqual({
      url: "https://coe.example.com/calendar/abc.ics",
      webcalUrl: "webcal://coe.example.com/calendar/abc.ics",
    });
    expect(calendarFeedUrls("http://127.0.0.1:3401", "abc").webcalUrl).toBe("webcal://127.0.0.1:3401/calendar/abc.ics");
  });
});
