import { describe, expect, it } from "vitest";
import {
  composeDigest,
  nextReminderRun,
  reminderKindOf,
  reminderPeriod,
  reminderRunAt,
  selectReminders,
  type ReminderCandidate,
  type SentReminder,
} from "./reminders";

const today = "2026-11-25";
const ada = { id: 1, email: "ada@example.org", name: "Ada", isDisabled: false };
const bob = { id: 2, email: "bob@example.org", name: "Bob", isDisabled: false };
const item = (over: Partial<ReminderCandidate> = {}): ReminderCandidate => ({
  itemId: 10,
  title: "Rotate logs",
  status: "open",
  promisedDate: "2026-11-20",
  coeId: 3,
  coeTitle: "Storage stale reads",
  owner: ada,
  ...over,
});
const sent = (over: Partial<SentReminder> = {}): SentReminder => ({ actionItemId: 10, userId: 1, kind: "overdue", promisedDate: "2026-11-20", ...over });
/** What is selected for one candidate: its kind, or undefined. */
const selected = (c: ReminderCandidate, already: SentReminder[] = []) => selectReminders({ today, candidates: [c], sent: already })[0]?.reminders[0]?.kind;

describe("reminder selection", () => {
  it.each([
    ["open, promised before today", item(), [], "overdue"],
    ["in progress, due today", item({ status: "in_progress", promisedDate: today }), [], "due_soon"],
    ["implemented but past its date (not done until validated)", item({ status: "implemented" }), [], "overdue"],
    ["due tomorrow", item({ promisedDate: "2026-11-26" }), [], "due_soon"],
    ["due in 7 days", item({ promisedDate: "2026-12-02" }), [], "due_soon"],
    ["due in 8 days", item({ promisedDate: "2026-12-03" }), [], undefined],
    ["validated", item({ status: "validated" }), [], undefined],
    ["cancelled", item({ status: "cancelled", promisedDate: "2026-11-26" }), [], undefined],
    ["without a promised date", item({ promisedDate: null }), [], undefined],
    ["without an owner", item({ owner: null }), [], undefined],
    ["owned by a disabled user", item({ owner: { ...ada, isDisabled: true } }), [], undefined],
    ["overdue, already reminded as overdue for this date", item(), [sent()], undefined],
    ["overdue, reminded as due soon for this date", item(), [sent({ kind: "due_soon" })], "overdue"],
    [
      "due soon, already reminded as due soon for this date",
      item({ promisedDate: "2026-11-27" }),
      [sent({ kind: "due_soon", promisedDate: "2026-11-27" })],
      undefined,
    ],
    [
      "due soon, reminded for the date it had before it moved",
      item({ promisedDate: "2026-11-27" }),
      [sent({ kind: "due_soon", promisedDate: "2026-11-22" })],
      "due_soon",
    ],
    [
      "overdue again after moving, reminded as overdue for the old date",
      item({ promisedDate: "2026-11-24" }),
      [sent({ promisedDate: "2026-11-20" })],
      "overdue",
    ],
    ["reminded to its previous owner, now owned by someone else", item({ owner: bob }), [sent({ userId: 1 })], "overdue"],
    ["another item's reminder", item(), [sent({ actionItemId: 11 })], "overdue"],
  ] as const)("%s → %s", (_, candidate, already, kind) => {
    expect(selected(candidate, [...already])).toBe(kind);
  });

  it("groups by owner (by id), overdue first (longest overdue first), then due soon (soonest first)", () => {
    const owners = selectReminders({
      today,
      sent: [],
      candidates: [
        item({ itemId: 1, owner: bob, promisedDate: "2026-11-26" }),
        item({ itemId: 2, promisedDate: "2026-11-30" }),
        item({ itemId: 3, promisedDate: "2026-11-24" }),
        item({ itemId: 4, promisedDate: "2026-10-01" }),
        item({ itemId: 5, promisedDate: today }),
        item({ itemId: 6, promisedDate: "2027-01-01" }),
      ],
    });
    expect(owners.map((o) => [o.owner.name, o.reminders.map((r) => `${r.itemId}:${r.kind}`)])).toEqual([
      ["Ada", ["4:overdue", "3:overdue", "5:due_soon", "2:due_soon"]],
      ["Bob", ["1:due_soon"]],
    ]);
    expect(owners[0]!.owner).toEqual({ id: 1, email: "ada@example.org", name: "Ada" });
  });

  it("nobody is listed when nothing is due", () => {
    expect(selectReminders({ today, sent: [sent()], candidates: [item(), item({ itemId: 11, status: "validated" })] })).toEqual([]);
  });

  it("reminderKindOf agrees with the owner's page: overdue before today, due soon from today to 7 days ahead", () => {
    expect(reminderKindOf({ status: "open", promisedDate: "2026-11-24" }, today)).toBe("overdue");
    expect(reminderKindOf({ status: "open", promisedDate: today }, today)).toBe("due_soon");
    expect(reminderKindOf({ status: "open", promisedDate: "2026-12-03" }, today)).toBeUndefined();
  });
});

describe("composeDigest", () => {
  const [owner] = selectReminders({
    today,
    sent: [],
    candidates: [
      item({ itemId: 7, promisedDate: "2026-11-24" }),
      item({ itemId: 8, title: "Alarm on disk", promisedDate: "2026-11-28", coeId: 4, coeTitle: "Payments timeouts" }),
      item({ itemId: 9, title: "Add canary", promisedDate: today, coeId: 4, coeTitle: "Payments timeouts" }),
    ],
  });

  it("writes the subject, the plain-text body (overdue first, each with its COE, promised date and link) and the notification", () => {
    const digest = composeDigest(owner!, { today, origin: "https://coe.example.org" });
    expect(digest.subject).toBe("Action items: 1 overdue, 2 due in the next 7 days");
    expect(digest.text).toBe(
      [
        "Hello Ada,",
        "",
        "Action items you own that need you, as of 2026-11-25:",
        "",
        "Overdue",
        "  - Rotate logs",
        "    COE: Storage stale reads",
        "    promised 2026-11-24 (1 day ago)",
        "    https://coe.example.org/coes/3#action-item-7",
        "",
        "Due in the next 7 days",
        "  - Add canary",
        "    COE: Payments timeouts",
        "    promised 2026-11-25 (today)",
        "    https://coe.example.org/coes/4#action-item-9",
        "  - Alarm on disk",
        "    COE: Payments timeouts",
        "    promised 2026-11-28 (in 3 days)",
        "    https://coe.example.org/coes/4#action-item-8",
        "",
        "All your action items: https://coe.example.org/action-items",
        "",
        "You are reminded once when an item is due soon and once when it is overdue; moving its promised date starts again.",
        "",
      ].join("\n"),
    );
    expect(digest.notification).toEqual({
      kind: "action_items.reminder",
      text: "Action item reminder: 1 overdue, 2 due in the next 7 days",
      href: "/action-items",
    });
  });

  it("leaves out an empty section, keeps typed words out of the subject, and writes paths when the origin is unknown", () => {
    const [one] = selectReminders({ today, sent: [], candidates: [item({ promisedDate: "2026-11-26", title: 'Say "hi"\r\nBcc: x@y' })] });
    const digest = composeDigest(one!, { today });
    expect(digest.subject).toBe("Action items: 1 due in the next 7 days");
    expect(digest.text).toContain('  - Say "hi"\r\nBcc: x@y\n');
    expect(digest.text).not.toContain("Overdue");
    expect(digest.text).toContain("promised 2026-11-26 (tomorrow)\n    /coes/3#action-item-10\n");
    expect(digest.text).toContain("All your action items: /action-items");
    expect(digest.notification.text).toBe("Action item reminder: 1 due in the next 7 days");
  });

  it("says how long ago in days", () => {
    const [late] = selectReminders({ today, sent: [], candidates: [item({ promisedDate: "2026-10-26" })] });
    expect(composeDigest(late!, { today }).text).toContain("promised 2026-10-26 (30 days ago)");
  });
});

describe("the daily period and run time", () => {
  it.each([
    ["UTC, just before midnight", "2026-11-25T23:59:59Z", "UTC", "2026-11-25"],
    ["Berlin is already on the next day", "2026-11-25T23:30:00Z", "Europe/Berlin", "2026-11-26"],
    ["New York is still on the same day", "2026-11-26T04:59:00Z", "America/New_York", "2026-11-25"],
    ["Los Angeles is still on the day before", "2026-11-25T03:00:00Z", "America/Los_Angeles", "2026-11-24"],
    ["Kolkata (+5:30), one minute before its midnight", "2026-11-25T18:29:00Z", "Asia/Kolkata", "2026-11-25"],
    ["Kolkata at its midnight", "2026-11-25T18:30:00Z", "Asia/Kolkata", "2026-11-26"],
    ["Kiritimati (+14) is a day ahead of UTC", "2026-11-25T10:00:00Z", "Pacific/Kiritimati", "2026-11-26"],
    ["Berlin on the night clocks go forward", "2026-03-29T01:30:00Z", "Europe/Berlin", "2026-03-29"],
    ["Berlin in the repeated hour when clocks go back", "2026-10-25T00:30:00Z", "Europe/Berlin", "2026-10-25"],
  ])("%s: %s in %s is period %s", (_, instant, timeZone, period) => {
    expect(reminderPeriod(new Date(instant), timeZone)).toBe(period);
  });

  it.each([
    ["08:00 in Berlin in winter", "2026-11-25", "Europe/Berlin", "08:00", "2026-11-25T07:00:00.000Z"],
    ["08:00 in Berlin in summer", "2026-07-01", "Europe/Berlin", "08:00", "2026-07-01T06:00:00.000Z"],
    ["08:00 in New York", "2026-11-25", "America/New_York", "08:00", "2026-11-25T13:00:00.000Z"],
    ["08:00 in Berlin the day clocks go forward", "2026-03-29", "Europe/Berlin", "08:00", "2026-03-29T06:00:00.000Z"],
    ["02:30 in Berlin, skipped by the clocks going forward: 03:30", "2026-03-29", "Europe/Berlin", "02:30", "2026-03-29T01:30:00.000Z"],
    ["02:30 in Berlin, repeated when the clocks go back: the first", "2026-10-25", "Europe/Berlin", "02:30", "2026-10-25T00:30:00.000Z"],
    ["midnight in Kolkata", "2026-11-25", "Asia/Kolkata", "00:00", "2026-11-24T18:30:00.000Z"],
  ])("%s", (_, date, timeZone, at, instant) => {
    expect(reminderRunAt(date, { timeZone, at }).toISOString()).toBe(instant);
  });

  it("refuses a time that is not HH:MM", () => {
    expect(() => reminderRunAt(today, { timeZone: "UTC", at: "8am" })).toThrow(RangeError);
  });

  const berlin = { timeZone: "Europe/Berlin", at: "08:00" };
  it.each([
    ["before today's time: today's time", "2026-11-25T06:59:00Z", berlin, undefined, "2026-11-25T07:00:00.000Z"],
    ["at today's time: now", "2026-11-25T07:00:00Z", berlin, undefined, "2026-11-25T07:00:00.000Z"],
    ["started at noon, today not run: now", "2026-11-25T12:00:00Z", berlin, "2026-11-24", "2026-11-25T12:00:00.000Z"],
    ["today ran: tomorrow's time", "2026-11-25T12:00:00Z", berlin, "2026-11-25", "2026-11-26T07:00:00.000Z"],
    ["today ran, clocks go forward tonight: 08:00 summer time", "2026-03-28T12:00:00Z", berlin, "2026-03-28", "2026-03-29T06:00:00.000Z"],
    [
      "today ran, clocks go back tonight: 08:00 standard time",
      "2026-10-31T20:00:00Z",
      { timeZone: "America/New_York", at: "08:00" },
      "2026-10-31",
      "2026-11-01T13:00:00.000Z",
    ],
    // Samoa skipped 30 December 2011 (it moved west of the date line): the next day that exists locally.
    [
      "today ran, and tomorrow never happens locally: the day after",
      "2011-12-29T20:00:00Z",
      { timeZone: "Pacific/Apia", at: "08:00" },
      "2011-12-29",
      "2011-12-30T18:00:00.000Z",
    ],
  ])("%s", (_, now, schedule, lastPeriod, next) => {
    const at = nextReminderRun(new Date(now), schedule, lastPeriod);
    expect(at.toISOString()).toBe(next);
    // However the day is found, the run it names is due within its own period's day.
    expect(reminderPeriod(at, schedule.timeZone) >= (lastPeriod ?? "")).toBe(true);
  });

  it("the run after Samoa's skipped day belongs to 31 December", () => {
    expect(reminderPeriod(new Date("2011-12-30T18:00:00Z"), "Pacific/Apia")).toBe("2011-12-31");
  });
});
