import { describe, expect, it } from "vitest";
import { mulberry32 } from "../random";
import { DEFAULT_SCHEDULE, nextMeeting, offsetAt, scheduleProblem, upcomingMeetings, WEEKDAYS, zonedToInstant, type MeetingSchedule } from "./schedule";

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();
const berlin: MeetingSchedule = { weekday: "wednesday", time: "10:00", timeZone: "Europe/Berlin" };

describe("nextMeeting", () => {
  it("is Wednesday by default, later the same week", () => {
    expect(DEFAULT_SCHEDULE.weekday).toBe("wednesday");
    const m = nextMeeting(DEFAULT_SCHEDULE, at("2026-11-23T12:00:00Z")); // a Monday
    expect(m.date).toBe("2026-11-25");
    expect(iso(m.startsAt)).toBe("2026-11-25T10:00:00.000Z");
  });

  it("is today's meeting until it starts, and next week's from the minute it starts", () => {
    expect(nextMeeting(DEFAULT_SCHEDULE, at("2026-11-25T09:59:59.999Z")).date).toBe("2026-11-25");
    expect(nextMeeting(DEFAULT_SCHEDULE, at("2026-11-25T10:00:00.000Z")).date).toBe("2026-12-02");
    expect(nextMeeting(DEFAULT_SCHEDULE, at("2026-11-25T18:00:00.000Z")).date).toBe("2026-12-02");
  });

  it("crosses the year end", () => {
    expect(nextMeeting(DEFAULT_SCHEDULE, at("2026-12-31T08:00:00Z")).date).toBe("2027-01-06"); // a Thursday
    expect(nextMeeting(DEFAULT_SCHEDULE, at("2025-12-31T11:00:00Z")).date).toBe("2026-01-07"); // a Wednesday, after the meeting
    expect(nextMeeting(DEFAULT_SCHEDULE, at("2024-12-31T23:59:00Z")).date).toBe("2025-01-01"); // New Year's Day is a Wednesday
    expect(nextMeeting({ ...DEFAULT_SCHEDULE, weekday: "monday" }, at("2028-02-28T12:00:00Z")).date).toBe("2028-03-06"); // over a 29 February
  });

  it("keeps the local time across a daylight-saving change, so the UTC instant moves by an hour", () => {
    const [before, after] = upcomingMeetings(berlin, at("2026-03-24T00:00:00Z"), 2); // clocks go forward on Sunday 29 March
    expect([before!.date, iso(before!.startsAt)]).toEqual(["2026-03-25", "2026-03-25T09:00:00.000Z"]);
    expect([after!.date, iso(after!.startsAt)]).toEqual(["2026-04-01", "2026-04-01T08:00:00.000Z"]);
    const [summer, winter] = upcomingMeetings(berlin, at("2026-10-20T00:00:00Z"), 2); // and back on Sunday 25 October
    expect(iso(summer!.startsAt)).toBe("2026-10-21T08:00:00.000Z");
    expect(iso(winter!.startsAt)).toBe("2026-10-28T09:00:00.000Z");
  });

  it("names the meeting by its day in the meeting's zone, which may not be the UTC day", () => {
    const auckland: MeetingSchedule = { weekday: "wednesday", time: "10:00", timeZone: "Pacific/Auckland" };
    // 23:00 UTC on Tuesday 24 November is 12:00 on Wednesday 25 November in Auckland: that meeting is over.
    const m = nextMeeting(auckland, at("2026-11-24T23:00:00Z"));
    expect([m.date, iso(m.startsAt)]).toEqual(["2026-12-02", "2026-12-01T21:00:00.000Z"]);
    const honolulu: MeetingSchedule = { weekday: "tuesday", time: "18:00", timeZone: "Pacific/Honolulu" };
    expect(iso(nextMeeting(honolulu, at("2026-11-25T01:00:00Z")).startsAt)).toBe("2026-11-25T04:00:00.000Z"); // still Tuesday there
  });

  it("works with half-hour zones and across the date line", () => {
    const stJohns: MeetingSchedule = { weekday: "wednesday", time: "10:00", timeZone: "America/St_Johns" };
    expect(iso(nextMeeting(stJohns, at("2026-11-23T00:00:00Z")).startsAt)).toBe("2026-11-25T13:30:00.000Z");
    const kiritimati: MeetingSchedule = { weekday: "monday", time: "09:00", timeZone: "Pacific/Kiritimati" };
    expect(nextMeeting(kiritimati, at("2026-11-22T18:00:00Z"))).toEqual({ date: "2026-11-23", startsAt: at("2026-11-22T19:00:00Z") });
  });

  it("moves a meeting whose local time is skipped by the clock change forward by the gap", () => {
    const newYork: MeetingSchedule = { weekday: "sunday", time: "02:30", timeZone: "America/New_York" };
    // 8 March 2026: 02:00 EST becomes 03:00 EDT, so 02:30 does not exist; it is read as 03:30 EDT.
    expect(iso(nextMeeting(newYork, at("2026-03-07T00:00:00Z")).startsAt)).toBe("2026-03-08T07:30:00.000Z");
  });

  it("takes the first of a local time that happens twice", () => {
    const newYork: MeetingSchedule = { weekday: "sunday", time: "01:30", timeZone: "America/New_York" };
    // 1 November 2026: 02:00 EDT becomes 01:00 EST, so 01:30 happens at 05:30 and at 06:30 UTC.
    expect(iso(nextMeeting(newYork, at("2026-10-31T00:00:00Z")).startsAt)).toBe("2026-11-01T05:30:00.000Z");
  });

  it("lists the coming weeks one meeting a week, in order", () => {
    const weeks = upcomingMeetings(DEFAULT_SCHEDULE, at("2026-11-23T00:00:00Z"), 6).map((m) => m.date);
    expect(weeks).toEqual(["2026-11-25", "2026-12-02", "2026-12-09", "2026-12-16", "2026-12-23", "2026-12-30"]);
  });

  it("for random instants and zones: after now, on the weekday at the time in that zone, and no meeting skipped", () => {
    const random = mulberry32(20261126);
    const zones = [
      "UTC",
      "Europe/Berlin",
      "America/New_York",
      "America/Sao_Paulo",
      "Australia/Sydney",
      "Pacific/Auckland",
      "Asia/Kolkata",
      "America/St_Johns",
      "Pacific/Chatham",
    ];
    const local = (instant: Date, timeZone: string) => {
      const parts = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(
        instant,
      );
      const get = (t: string) => parts.find((p) => p.type === t)!.value;
      return { weekday: get("weekday").toLowerCase(), time: `${get("hour")}:${get("minute")}` };
    };
    for (let i = 0; i < 300; i++) {
      const schedule: MeetingSchedule = {
        weekday: WEEKDAYS[Math.floor(random() * 7)]!,
        time: `${String(Math.floor(random() * 24)).padStart(2, "0")}:${String(Math.floor(random() * 4) * 15).padStart(2, "0")}`,
        timeZone: zones[Math.floor(random() * zones.length)]!,
      };
      const now = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 6 * 365 * 86_400_000));
      const [next, after] = upcomingMeetings(schedule, now, 2);
      const label = JSON.stringify({ schedule, now });
      expect(next!.startsAt.getTime(), label).toBeGreaterThan(now.getTime());
      expect(next!.startsAt.getTime() - now.getTime(), label).toBeLessThanOrEqual(7 * 86_400_000 + 3_600_000);
      expect(after!.startsAt.getTime() - next!.startsAt.getTime(), label).toBeGreaterThanOrEqual(7 * 86_400_000 - 3_600_000);
      const seen = local(next!.startsAt, schedule.timeZone);
      expect(seen.weekday, label).toBe(schedule.weekday);
      // Only a time the clock change skipped may differ (it moves forward by the gap).
      if (seen.time !== schedule.time)
        expect(offsetAt(next!.startsAt.getTime(), schedule.timeZone), label).not.toBe(offsetAt(next!.startsAt.getTime() - 86_400_000, schedule.timeZone));
    }
  });
});

describe("zonedToInstant", () => {
  it("is the inverse of the zone's offset for ordinary times", () => {
    const wall = Date.UTC(2026, 6, 15, 14, 45);
    expect(new Date(zonedToInstant(wall, "Europe/Berlin")).toISOString()).toBe("2026-07-15T12:45:00.000Z");
    expect(new Date(zonedToInstant(wall, "Asia/Kolkata")).toISOString()).toBe("2026-07-15T09:15:00.000Z");
    expect(zonedToInstant(wall, "UTC")).toBe(wall);
  });
});

describe("scheduleProblem", () => {
  it("accepts a usable schedule", () => {
    expect(scheduleProblem(berlin)).toBeUndefined();
    expect(scheduleProblem({ ...berlin, time: "00:00" })).toBeUndefined();
    expect(scheduleProblem({ ...berlin, time: "23:59" })).toBeUndefined();
  });

  it.each([
    [{ weekday: "wednesdays" }, "weekday"],
    [{ time: "9:00" }, "time"],
    [{ time: "24:00" }, "time"],
    [{ time: "10:60" }, "time"],
    [{ time: "10:00 " }, "time"],
    [{ timeZone: "Mars/Olympus_Mons" }, "timeZone"],
    [{ timeZone: "" }, "timeZone"],
    [{ timeZone: "x".repeat(65) }, "timeZone"],
  ] as const)("names the field of %j", (change, field) => {
    expect(scheduleProblem({ ...berlin, ...change } as MeetingSchedule)?.field).toBe(field);
  });

  it("refuses to plan with an unusable schedule instead of guessing", () => {
    expect(() => nextMeeting({ ...berlin, timeZone: "Nowhere/Else" }, at("2026-11-25T00:00:00Z"))).toThrow(RangeError);
  });
});
