import { describe, expect, it } from "vitest";
import { describeAction, describeAuditEvent, describeDetail, type AuditRow } from "./describe";

const row = (over: Partial<AuditRow> = {}): AuditRow => ({
  id: 1,
  createdAt: new Date("2025-01-02T03:04:05Z"),
  actorName: "Alex Author",
  action: "coe.header",
  entityType: "coe",
  entityId: 12,
  coeTitle: "Checkout errors",
  outcome: "done",
  status: null,
  count: 1,
  clientAddress: null,
  detail: { summary: "Edited the header", version: 4 },
  ...over,
});

describe("describeAction", () => {
  it.each([
    ["coe.header", "Edited the header"],
    ["coe.whys", "Edited the five whys"],
    ["coe.restore", "Restored an earlier version"],
    ["coe.import", "Created the COE"],
    ["user.sign_in", "Signed in"],
    ["user.sign_out", "Signed out"],
    ["user.create", "Added a user"],
    ["calendar_feed.create", "Made their private calendar link"],
    ["calendar_feed.rotate", "Replaced their private calendar link (the old one stopped working)"],
    ["calendar_feed.revoke", "Turned off their private calendar link"],
    ["POST /coes/:id/edit", "POST /coes/:id/edit refused"],
    ["GET /admin/audit", "GET /admin/audit refused"],
    ["something.new", "something.new"],
  ])("%s → %s", (action, text) => expect(describeAction(action)).toBe(text));
});

describe("describeDetail", () => {
  it("says what a section write was, with its version", () => {
    expect(describeDetail("coe.whys", { summary: 'Added why "disk full"', version: 7 })).toBe('Added why "disk full" · version 7');
  });
  it("counts deleted whys instead of showing the rows kept for undo", () => {
    expect(describeDetail("why.delete", { kind: "why-subtree", rows: [{}, {}, {}] })).toBe("3 whys removed");
  });
  it("names a foreign origin", () => {
    expect(describeDetail("POST /coes/:id/edit", { reason: "foreign origin", origin: "http://evil.example" })).toBe(
      "Sent from another site: http://evil.example",
    );
    expect(describeDetail("POST /coes/:id/edit", { reason: "foreign origin", origin: "" })).toMatch(/no Origin or Referer/);
  });
  it("leaves the tried email to the who column", () => {
    expect(describeDetail("POST /login", { email: "a@example.com" })).toBeUndefined();
  });
  it("clips long text", () => {
    expect(describeDetail("coe.header", { summary: "x".repeat(1000) })!.length).toBeLessThanOrEqual(160);
  });
  it("shows simple values of details it does not know, and nothing of nested ones", () => {
    expect(describeDetail("x.y", { a: 1, b: "two", c: { deep: true } })).toBe("a: 1, b: two");
    expect(describeDetail("x.y", null)).toBeUndefined();
  });
  it("an import adds only its warnings (the title is the COE link's)", () => {
    expect(describeDetail("coe.import", { title: "Disk full", warnings: [] })).toBeUndefined();
    expect(describeDetail("coe.import", { title: "Disk full", warnings: ["owner x unknown", "y"] })).toBe("2 warnings on import");
  });
  it("describes a new user", () => {
    expect(describeDetail("user.create", { email: "new@example.com", role: "author", team: "Storage" })).toBe("new@example.com (author) team Storage");
  });
});

describe("describeAuditEvent", () => {
  it("a change: who, what, which COE, done", () => {
    expect(describeAuditEvent(row())).toEqual({
      id: 1,
      atMs: Date.parse("2025-01-02T03:04:05Z"),
      who: "Alex Author",
      what: "Edited the header",
      coe: { id: 12, title: "Checkout errors" },
      outcome: "done",
      count: 1,
      detail: "Edited the header · version 4",
    });
  });

  it("a throttled sign-in: signed out, with the email it tried, refused 429 and folded", () => {
    const view = describeAuditEvent(
      row({
        actorName: null,
        action: "POST /login",
        entityType: "request",
        entityId: null,
        coeTitle: null,
        outcome: "refused",
        status: 429,
        count: 6,
        clientAddress: "127.0.0.1",
        detail: { email: "admin@example.com" },
      }),
    );
    expect(view).toMatchObject({
      who: "Signed out",
      emailTried: "admin@example.com",
      what: "POST /login refused",
      status: 429,
      statusText: "throttled",
      count: 6,
      clientAddress: "127.0.0.1",
    });
    expect(view.coe).toBeUndefined();
    expect(view.detail).toBeUndefined();
  });

  it("a 401 from the sign-in form is a wrong password; from anywhere else, not signed in", () => {
    const refused = (action: string) =>
      describeAuditEvent(
        row({ actorName: null, action, entityType: "request", entityId: null, coeTitle: null, outcome: "refused", status: 401, detail: null }),
      );
    expect(refused("POST /login").statusText).toBe("wrong email or password");
    expect(refused("POST /coes/:id/sections/impact-summary").statusText).toBe("not signed in");
  });

  it('a change with no one signed in is the "System" (command line, seed), and its email is not an attempt', () => {
    const view = describeAuditEvent(
      row({ actorName: null, action: "user.create", entityType: "user", entityId: 5, detail: { email: "n@example.com", role: "member" } }),
    );
    expect(view.who).toBe("System");
    expect(view.emailTried).toBeUndefined();
    expect(view.coe).toBeUndefined();
  });

  it("a COE that no longer exists still links by number", () => {
    expect(describeAuditEvent(row({ coeTitle: null })).coe).toEqual({ id: 12 });
  });
});

describe("action item events", () => {
  it("read as what happened to which item", () => {
    expect(describeAction("action_item.update")).toBe("Updated an action item");
    expect(describeDetail("action_item.update", { coeId: 3, summary: 'Validated: "Rotate logs"', version: 4 })).toBe('Validated: "Rotate logs" · version 4');
  });
});

describe("the reminder job", () => {
  it("is the System, and says what the day's run sent", () => {
    const view = describeAuditEvent(
      row({
        actorName: null,
        action: "reminders.run",
        entityType: "job",
        entityId: null,
        coeTitle: null,
        detail: { period: "2026-11-25", owners: 2, reminders: 3, emailed: 1, emailFailures: 1 },
      }),
    );
    expect(view).toMatchObject({
      who: "System",
      what: "Sent the day's action item reminders",
      detail: "2026-11-25: 3 reminders to 2 owners, 1 e-mailed, 1 e-mail failed",
    });
    expect(describeDetail("reminders.run", { period: "2026-11-26", owners: 1, reminders: 1, emailed: 0, emailFailures: 0 })).toBe(
      "2026-11-26: 1 reminder to 1 owner, 0 e-mailed",
    );
  });
});

describe("team review events", () => {
  it("read as the team picked or reviewed, with the follow-up", () => {
    expect(describeAction("meeting.spin_team")).toBe("Spun the wheel for a team");
    expect(describeDetail("meeting.spin_team", { teamId: 2, team: "Payments", candidates: [1, 2] })).toBe("Picked Payments");
    expect(describeAction("meeting.team_review")).toBe("Recorded a team's review");
    expect(describeDetail("meeting.team_review", { teamId: 2, team: "Payments", followUp: "Bring the p90 down", isUpdate: false })).toBe(
      "Payments, follow-up: Bring the p90 down",
    );
    expect(describeDetail("meeting.team_review", { teamId: 2, team: "Payments", followUp: null, isUpdate: true })).toBe(
      "Payments, no follow-up (recorded again)",
    );
  });
});
