import { zonedParts } from "../zoned-parts";

/**
 * When the weekly review meeting happens (SPEC §3: every Wednesday by default; the weekday, time
 * and time zone are settings). Pure: the instant to plan from is passed in. Local times that a
 * daylight-saving change skips or repeats are read as the `compatible` rule of Temporal and
 * of most calendars does: a skipped time moves forward by the gap, a repeated one is the first.
 */
export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type MeetingSchedule = {
  weekday: Weekday;
  /** Local wall-clock start, "HH:MM" (24 h). */
  time: string;
  /** IANA zone, e.g. "Europe/Berlin". */
  timeZone: string;
};

export const DEFAULT_SCHEDULE: MeetingSchedule = { weekday: "wednesday", time: "10:00", timeZone: "UTC" };

/** One meeting: its local calendar day (what people call it: "the meeting of 2 December") and the instant it starts. */
export type MeetingSlot = { date: string; startsAt: Date };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Whether a string is a wall-clock time "HH:MM" (24 h). */
export const isClockTime = (value: string) => TIME.test(value);

/** What is wrong with a schedule (for a settings form), or undefined when it is usable. */
export function scheduleProblem(s: MeetingSchedule): { field: keyof MeetingSchedule; message: string } | undefined {
  if (!WEEKDAYS.includes(s.weekday)) return { field: "weekday", message: "Choose a day of the week." };
  if (!isClockTime(s.time)) return { field: "time", message: "Write the time as HH:MM, 24-hour (for example 10:00)." };
  if (!isTimeZone(s.timeZone)) return { field: "timeZone", message: "Choose a time zone by its name, for example Europe/Berlin." };
  return undefined;
}

export function isTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The first meeting that starts strictly after `now`: a COE queued during a meeting goes to the next one. */
export function nextMeeting(schedule: MeetingSchedule, now: Date): MeetingSlot {
  return upcomingMeetings(schedule, now, 1)[0]!;
}

/** The `count` meetings that start strictly after `now`, in order (one a week). */
export function upcomingMeetings(schedule: MeetingSchedule, now: Date, count: number): MeetingSlot[] {
  const problem = scheduleProblem(schedule);
  if (problem) throw new RangeError(`meeting schedule: ${problem.field}: ${problem.message}`);
  const [hour, minute] = schedule.time.split(":").map(Number) as [number, number];
  // Start from the local day of `now` and walk forward day by day to the meeting weekday.
  let day = localDayOf(now.getTime(), schedule.timeZone);
  const slots: MeetingSlot[] = [];
  for (let guard = 0; slots.length < count && guard < count * 7 + 14; guard++, day += DAY_MS) {
    if (weekdayOfDay(day) !== schedule.weekday) continue;
    const startsAt = zonedToInstant(day + (hour * 60 + minute) * MINUTE_MS, schedule.timeZone);
    if (startsAt > now.getTime()) slots.push({ date: isoDate(day), startsAt: new Date(startsAt) });
  }
  return slots;
}

// Days are represented as the UTC midnight of their calendar date (a "floating" date, no zone).

function localDayOf(instant: number, timeZone: string): number {
  const wall = instant + offsetAt(instant, timeZone);
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

function weekdayOfDay(day: number): Weekday {
  // 1970-01-01 was a Thursday (index 3 in WEEKDAYS).
  return WEEKDAYS[(((Math.floor(day / DAY_MS) + 3) % 7) + 7) % 7]!;
}

const isoDate = (day: number) => new Date(day).toISOString().slice(0, 10);

/**
 * The instant at which the wall clock of `timeZone` shows `wall` (wall-clock time written as if UTC).
 * A wall time that exists twice (clocks set back) is the earlier instant; one that never exists
 * (clocks set forward) is read with the offset before the change, which lands after the gap.
 */
export function zonedToInstant(wall: number, timeZone: string): number {
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const fits = [before, after].filter((o) => offsetAt(wall - o, timeZone) === o).map((o) => wall - o);
  return fits.length ? Math.min(...fits) : wall - before;
}

/** The zone's offset from UTC at `instant`, in ms (positive east of Greenwich). */
export function offsetAt(instant: number, timeZone: string): number {
  const seconds = Math.floor(instant / 1000) * 1000;
  const p = zonedParts(seconds, timeZone);
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - seconds;
}
