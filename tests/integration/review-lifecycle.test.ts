import { and, asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { transitionCoe, TransitionRefusedError, type TransitionRequest } from "~/data/coe-lifecycle.server";
import { NotEditableError, StaleWriteError, writeCoe } from "~/data/coe-write.server";
import { endMeeting, ensureMeetings, getMeetingSchedule, saveMeetingSchedule } from "~/data/meeting-schedule.server";
import { lateCustomerRcas } from "~/data/meeting-pages.server";
import { listCoes } from "~/data/coe-list.server";
import { parseCoeListQuery } from "~/domain/coe/list-query";
import { sectionVersionOf } from "~/data/section-versions.server";
import { FieldError } from "~/data/write-errors.server";
import { nextMeeting } from "~/domain/meetings/schedule";
import { withTransaction, type Db } from "../../db/client";
import { auditEvents, coeTransitions, coes, comments, meetingItems, meetings, notifications, reviewDecisions, revisions } from "../../db/schema";
import { insertCoe } from "../factories";
import { freshDb } from "../setup/test-db";
import { insertUser } from "../setup/users";

/* Issue 11: the review lifecycle through the data layer, on whichever engine the run uses. */

const NOW = new Date("2026-11-23T12:00:00Z"); // a Monday: the next meeting is Wednesday 25 November, 10:00 UTC

async function world(db: Db) {
  const author = await insertUser(db, "author");
  const reviewer = await insertUser(db, "reviewer");
  const member = await insertUser(db, "member");
  return { author, reviewer, member };
}

async function versions(db: Db, coeId: number) {
  const [row] = await db.select({ version: coes.version, status: coes.status }).from(coes).where(eq(coes.id, coeId));
  return { coeVersion: row!.version, statusVersion: await sectionVersionOf(db, coeId, "status"), status: row!.status };
}

async function move(
  db: Db,
  coeId: number,
  actor: { id: number; role: TransitionRequest["actor"]["role"] },
  transition: TransitionRequest["transition"],
  extra: Partial<TransitionRequest> = {},
) {
  const v = await versions(db, coeId);
  return transitionCoe(db, { coeId, actor, transition, statusVersion: v.statusVersion, coeVersion: v.coeVersion, now: NOW, ...extra });
}

async function agendaCoes(db: Db, date: string) {
  const rows = await db
    .select({ coeId: meetingItems.coeId })
    .from(meetingItems)
    .innerJoin(meetings, eq(meetings.id, meetingItems.meetingId))
    .where(eq(meetings.scheduledFor, date))
    .orderBy(asc(meetingItems.position));
  return rows.map((r) => r.coeId);
}

async function openComment(db: Db, coeId: number, authorId: number, body = "Why was the canary skipped?") {
  const [row] = await withTransaction(db, (tx) => tx.insert(comments).values({ coeId, authorId, body }).returning({ id: comments.id }));
  return row!.id;
}

describe("the review lifecycle", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("submitting a complete COE records who, when, from and to, audits it, keeps a revision and queues it for the next meeting", async () => {
    const { author } = await world(db);
    const coeId = await insertCoe(db, { status: "draft" }, { actorId: author.id });
    const revisionsBefore = (await db.select().from(revisions).where(eq(revisions.coeId, coeId))).length;
    await move(db, coeId, author, "submit");
    expect((await versions(db, coeId)).status).toBe("in_review");
    const [t] = await db.select().from(coeTransitions).where(eq(coeTransitions.coeId, coeId));
    expect(t).toMatchObject({ actorId: author.id, transition: "submit", fromStatus: "draft", toStatus: "in_review" });
    expect(t!.createdAt.getTime()).toBe(NOW.getTime());
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, coeId), eq(auditEvents.action, "coe.status")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ transition: "submit" });
    expect((await db.select().from(revisions).where(eq(revisions.coeId, coeId))).length).toBe(revisionsBefore + 1);
    const slot = nextMeeting(await getMeetingSchedule(db), NOW);
    expect(slot.date).toBe("2026-11-25");
    expect(await agendaCoes(db, slot.date)).toEqual([coeId]);
  });

  it("refuses an incomplete COE, saying what is missing, and writes nothing", async () => {
    const { author } = await world(db);
    const coeId = await insertCoe(db, { status: "draft", impactSummary: undefined, timeline: [] }, { actorId: author.id });
    const before = await versions(db, coeId);
    const refused = await move(db, coeId, author, "submit").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TransitionRefusedError);
    const decision = (refused as TransitionRefusedError).decision;
    expect(decision.reason).toBe("incomplete");
    const kinds = decision.reason === "incomplete" ? decision.missing.map((m) => m.kind) : [];
    expect(kinds).toEqual(expect.arrayContaining(["impact_summary", "impact_start", "mitigated"]));
    expect(await versions(db, coeId)).toEqual(before);
    expect(await db.select().from(coeTransitions)).toEqual([]);
    expect(await db.select().from(meetingItems)).toEqual([]);
  });

  it("a transition based on an older COE version, or racing another transition, is a 409 on the status", async () => {
    const { author, reviewer } = await world(db);
    const coeId = await insertCoe(db, { status: "in_review" }, { actorId: author.id });
    const seen = await versions(db, coeId);
    // The author saves an edit after the reviewer loaded the page.
    await writeCoe(
      db,
      { coeId, baseVersion: await sectionVersionOf(db, coeId, "header"), actorId: author.id, section: "header", summary: "edit" },
      async (tx) => {
        await tx.update(coes).set({ title: "Edited while the reviewer read it" }).where(eq(coes.id, coeId));
      },
    );
    const stale = await transitionCoe(db, { coeId, actor: reviewer, transition: "approve", ...seen, now: NOW }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleWriteError);
    expect((stale as StaleWriteError).section).toBe("status");
    expect((await versions(db, coeId)).status).toBe("in_review");
    // Two reviewers deciding on the same view: the first wins, the second is stale.
    const fresh = await versions(db, coeId);
    await transitionCoe(db, { coeId, actor: reviewer, transition: "approve", ...fresh, now: NOW });
    await expect(transitionCoe(db, { coeId, actor: reviewer, transition: "approve", ...fresh, now: NOW })).rejects.toBeInstanceOf(StaleWriteError);
  });

  it("an edit that commits after an approval is refused and changes nothing", async () => {
    const { author, reviewer } = await world(db);
    const coeId = await insertCoe(db, { status: "in_review" }, { actorId: author.id });
    const headerBase = await sectionVersionOf(db, coeId, "header");
    await move(db, coeId, reviewer, "approve");
    const edit = writeCoe(db, { coeId, baseVersion: headerBase, actorId: author.id, section: "header", summary: "late edit" }, async (tx) => {
      await tx.update(coes).set({ title: "Too late" }).where(eq(coes.id, coeId));
    });
    await expect(edit).rejects.toBeInstanceOf(NotEditableError);
    const [row] = await db.select({ title: coes.title, status: coes.status }).from(coes).where(eq(coes.id, coeId));
    expect(row!.title).not.toBe("Too late");
    expect(row!.status).toBe("approved");
  });

  it("only reviewers decide, only authors submit; a member can do neither", async () => {
    const { author, reviewer, member } = await world(db);
    const coeId = await insertCoe(db, { status: "in_review" }, { actorId: author.id });
    for (const [actor, transition] of [
      [author, "approve"],
      [member, "approve"],
      [member, "withdraw"],
      [reviewer, "withdraw"],
    ] as const) {
      const refused = await move(db, coeId, actor, transition).catch((e: unknown) => e);
      expect((refused as TransitionRefusedError).decision.reason, `${actor.role} ${transition}`).toBe("forbidden");
    }
    expect(await db.select().from(coeTransitions)).toEqual([]);
  });

  it("requesting changes names at least one open comment; the decision and the authors' notification are recorded", async () => {
    const { author, reviewer } = await world(db);
    const coeId = await insertCoe(db, { status: "in_review" }, { actorId: author.id });
    const none = await move(db, coeId, reviewer, "request_changes", { commentIds: [] }).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(FieldError);
    expect((none as FieldError).field).toBe("commentIds");
    const resolved = await openComment(db, coeId, reviewer.id, "Already answered");
    await withTransaction(db, (tx) => tx.update(comments).set({ resolvedAt: NOW }).where(eq(comments.id, resolved)));
    await expect(move(db, coeId, reviewer, "request_changes", { commentIds: [resolved] })).rejects.toBeInstanceOf(FieldError);
    const open = await openComment(db, coeId, reviewer.id);
    await move(db, coeId, reviewer, "request_changes", { commentIds: [open], note: "See the comment on the canary" });
    const [decision] = await db.select().from(reviewDecisions).where(eq(reviewDecisions.coeId, coeId));
    expect(decision).toMatchObject({ reviewerId: reviewer.id, decision: "changes_requested", commentIds: [open], note: "See the comment on the canary" });
    const told = await db.select().from(notifications).where(eq(notifications.userId, author.id));
    expect(told).toHaveLength(1);
    expect(told[0]!.href).toBe(`/coes/${coeId}#review`);
    expect((await versions(db, coeId)).status).toBe("changes_requested");
  });

  it("a COE imported in review is queued; withdrawn, it leaves the agenda; resubmitted, it comes back once", async () => {
    const { author } = await world(db);
    const a = await insertCoe(db, { status: "in_review" }, { actorId: author.id, now: NOW });
    const b = await insertCoe(db, { status: "in_review" }, { actorId: author.id, now: NOW });
    expect(await agendaCoes(db, "2026-11-25")).toEqual([a, b]);
    await move(db, a, author, "withdraw");
    expect(await agendaCoes(db, "2026-11-25")).toEqual([b]);
    await move(db, a, author, "submit");
    await move(db, a, author, "withdraw");
    await move(db, a, author, "submit");
    expect(await agendaCoes(db, "2026-11-25")).toEqual([b, a]);
  });

  it("items not presented carry over to the front of the next meeting and stay on the minutes as carried over", async () => {
    const { author } = await world(db);
    const a = await insertCoe(db, { status: "in_review" }, { actorId: author.id, now: NOW });
    const b = await insertCoe(db, { status: "in_review" }, { actorId: author.id, now: NOW });
    const [first] = await db.select().from(meetings).where(eq(meetings.scheduledFor, "2026-11-25"));
    await withTransaction(db, (tx) => tx.update(meetingItems).set({ presentedAt: NOW }).where(eq(meetingItems.coeId, a)));
    // Something already queued for the week after.
    const later = new Date("2026-11-25T11:00:00Z");
    const c = await insertCoe(db, { status: "in_review" }, { actorId: author.id, now: later });
    expect(await agendaCoes(db, "2026-12-02")).toEqual([c]);
    const nextId = await withTransaction(db, async (tx) => endMeeting(tx, first!.id, await getMeetingSchedule(tx), later));
    expect(await agendaCoes(db, "2026-12-02")).toEqual([b, c]);
    const [second] = await db.select().from(meetings).where(eq(meetings.scheduledFor, "2026-12-02"));
    expect(nextId).toBe(second!.id);
    const minutes = await db.select().from(meetingItems).where(eq(meetingItems.meetingId, first!.id)).orderBy(asc(meetingItems.position));
    expect(minutes.map((m) => [m.coeId, m.carriedToMeetingId])).toEqual([
      [a, null],
      [b, second!.id],
    ]);
  });

  it("a planned meeting nobody held carries its agenda over by itself", async () => {
    const { author } = await world(db);
    const a = await insertCoe(db, { status: "in_review" }, { actorId: author.id, now: NOW });
    // Two days after the meeting that never started, another COE enters review, and someone opens the meetings.
    const later = new Date("2026-11-27T09:00:00Z");
    const b = await insertCoe(db, { status: "in_review" }, { actorId: author.id, now: later });
    await withTransaction(db, async (tx) => ensureMeetings(tx, await getMeetingSchedule(tx), later));
    expect(await agendaCoes(db, "2026-12-02")).toEqual([a, b]);
    const [held] = await db.select().from(meetings).where(eq(meetings.scheduledFor, "2026-11-25"));
    expect(held!.status).toBe("done");
  });

  it("changing the weekday moves what was queued to the new day and drops the old meetings", async () => {
    const { author } = await world(db);
    const admin = await insertUser(db, "admin");
    const a = await insertCoe(db, { status: "in_review" }, { actorId: author.id, now: NOW });
    await saveMeetingSchedule(db, { schedule: { weekday: "thursday", time: "15:30", timeZone: "Europe/Berlin" }, actorId: admin.id, now: NOW });
    expect(await agendaCoes(db, "2026-11-26")).toEqual([a]);
    expect(await db.select().from(meetings).where(eq(meetings.scheduledFor, "2026-11-25"))).toEqual([]);
    const [thursday] = await db.select().from(meetings).where(eq(meetings.scheduledFor, "2026-11-26"));
    expect(thursday!.startsAt!.toISOString()).toBe("2026-11-26T14:30:00.000Z");
  });
});

describe("when a customer RCA is owed", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  const owedAt = async (coeId: number) => (await db.select({ at: coes.rcaOwedAt }).from(coes).where(eq(coes.id, coeId)))[0]!.at;

  it("is set on import, moves with impact start, clears once the RCA has words, and lists the late ones most overdue first", async () => {
    const author = await insertUser(db, "author");
    const start = "2026-11-01T10:00:00Z";
    const late = await insertCoe(db, { customerImpact: { startedAt: start, regions: [] }, customerRca: undefined }, { actorId: author.id });
    expect((await owedAt(late))!.toISOString()).toBe("2026-11-08T10:00:00.000Z");
    // Impact start from the timeline when Customer impact has none.
    const fromTimeline = await insertCoe(
      db,
      { customerImpact: { regions: [] }, customerRca: undefined, timeline: [{ at: "2026-10-01T00:00:00Z", kind: "impact_start", text: "Errors start" }] },
      { actorId: author.id },
    );
    expect((await owedAt(fromTimeline))!.toISOString()).toBe("2026-10-08T00:00:00.000Z");
    const written = await insertCoe(
      db,
      { customerImpact: { startedAt: start, regions: [] }, customerRca: "We are sorry: a config push broke checkout." },
      { actorId: author.id },
    );
    expect(await owedAt(written)).toBeNull();
    const now = new Date("2026-11-26T00:00:00Z");
    expect((await lateCustomerRcas(db, now)).rows.map((r) => r.id)).toEqual([fromTimeline, late]);

    // Writing the RCA (a write to its section) clears it; the list follows.
    await writeCoe(
      db,
      { coeId: late, baseVersion: await sectionVersionOf(db, late, "customer-rca"), actorId: author.id, section: "customer-rca", summary: "RCA" },
      (tx) =>
        tx
          .update(coes)
          .set({ customerRca: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Sorry." }] }] } })
          .where(eq(coes.id, late)),
    );
    expect(await owedAt(late)).toBeNull();
    expect((await lateCustomerRcas(db, now)).rows.map((r) => r.id)).toEqual([fromTimeline]);
  });

  it("records when an owed RCA is first written, so on time tells from late; an import does not know, and emptying the RCA forgets", async () => {
    const author = await insertUser(db, "author");
    const impact = { startedAt: "2026-11-01T10:00:00Z", regions: [] };
    const due = new Date("2026-11-08T10:00:00Z");
    const onTime = await insertCoe(db, { customerImpact: impact, customerRca: undefined }, { actorId: author.id });
    const late = await insertCoe(db, { customerImpact: impact, customerRca: undefined }, { actorId: author.id });
    const imported = await insertCoe(db, { customerImpact: impact, customerRca: "Written before it was imported." }, { actorId: author.id });
    const writeRca = async (coeId: number, text: string | null, at: string) => {
      const baseVersion = await sectionVersionOf(db, coeId, "customer-rca");
      const customerRca = text === null ? null : { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
      await writeCoe(db, { coeId, baseVersion, actorId: author.id, section: "customer-rca", summary: "RCA", now: new Date(at) }, (tx) =>
        tx.update(coes).set({ customerRca }).where(eq(coes.id, coeId)),
      );
    };
    const rca = async (coeId: number) =>
      (await db.select({ due: coes.rcaDueAt, written: coes.rcaWrittenAt, owed: coes.rcaOwedAt }).from(coes).where(eq(coes.id, coeId)))[0]!;
    const listed = async (state: string) =>
      (await listCoes(db, parseCoeListQuery(new URLSearchParams(`rca=${state}`)), new Date("2026-11-26T00:00:00Z"))).rows.map((r) => r.id);

    await writeRca(onTime, "Sorry.", "2026-11-05T00:00:00Z");
    await writeRca(late, "Sorry.", "2026-11-20T00:00:00Z");
    expect(await rca(onTime)).toEqual({ due, written: new Date("2026-11-05T00:00:00Z"), owed: null });
    expect(await rca(imported)).toEqual({ due, written: null, owed: null });
    // A later edit keeps the first time.
    await writeRca(late, "Sorry, and here is more.", "2026-11-21T00:00:00Z");
    expect(await rca(late)).toEqual({ due, written: new Date("2026-11-20T00:00:00Z"), owed: null });
    // The COE list sorts them by the trends page's rule.
    expect([await listed("on-time"), await listed("written-late"), await listed("unmeasured"), await listed("late")]).toEqual([
      [onTime],
      [late],
      [imported],
      [],
    ]);
    // Emptied, the RCA is owed (and late) again, and its writing is forgotten.
    await writeRca(late, null, "2026-11-22T00:00:00Z");
    expect(await rca(late)).toEqual({ due, written: null, owed: due });
    expect(await listed("late")).toEqual([late]);
  });
});
