import { asc } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditEvents } from "../../db/schema";
import { freshDb } from "../../tests/setup/test-db";
import { insertUser } from "../../tests/setup/users";
import { listAuditActions, listAuditEvents, recordRefusal, recordSignOut, REFUSAL_FOLD_MS } from "./audit.server";

const counts = async (db: Db) => (await db.select({ count: auditEvents.count }).from(auditEvents).orderBy(asc(auditEvents.id))).map((r) => r.count);

describe("recordRefusal", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });
  const refusal = { actorId: null, clientAddress: "10.0.0.1", action: "POST /login", status: 429, detail: { email: "a@example.com" } };
  const t0 = new Date("2025-01-01T00:00:00Z");
  const after = (ms: number) => new Date(t0.getTime() + ms);

  it("folds the same refusal within a minute of the row it repeats, and starts a new row after", async () => {
    await recordRefusal(db, refusal, t0);
    await recordRefusal(db, refusal, after(REFUSAL_FOLD_MS - 1000));
    expect(await counts(db)).toEqual([2]);
    await recordRefusal(db, refusal, after(REFUSAL_FOLD_MS + 1000));
    expect(await counts(db)).toEqual([2, 1]);
  });

  it("keeps refusals apart when anything that says who, what or why differs", async () => {
    await recordRefusal(db, refusal, t0);
    await recordRefusal(db, { ...refusal, clientAddress: "10.0.0.2" }, t0);
    await recordRefusal(db, { ...refusal, status: 401 }, t0);
    await recordRefusal(db, { ...refusal, detail: { email: "b@example.com" } }, t0);
    await recordRefusal(db, { ...refusal, action: "POST /logout", detail: undefined }, t0);
    await recordRefusal(db, { ...refusal, coeId: 4 }, t0);
    expect(await counts(db)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

describe("listAuditEvents", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("finds events with no actor (actorId: null) apart from everyone's (no actorId)", async () => {
    const user = await insertUser(db, "member");
    await recordSignOut(db, user.id, "10.0.0.5");
    await recordRefusal(db, { actorId: null, clientAddress: "10.0.0.6", action: "GET /admin/audit", status: 403 });
    expect((await listAuditEvents(db, { actorId: null })).events.map((e) => e.action)).toEqual(["GET /admin/audit"]);
    expect((await listAuditEvents(db, { actorId: user.id })).events).toMatchObject([{ action: "user.sign_out", actorName: "member person", clientAddress: "10.0.0.5", entityType: "user" }]);
    expect((await listAuditEvents(db, {})).events).toHaveLength(2);
    expect(await listAuditActions(db)).toEqual(["GET /admin/audit", "user.sign_out"]);
  });

  it("returns `next` only when there is an older page", async () => {
    for (let i = 0; i < 5; i++) await recordRefusal(db, { actorId: null, clientAddress: `10.0.0.${i}`, action: "POST /login", status: 401 });
    const first = await listAuditEvents(db, {}, 2);
    expect(first.events).toHaveLength(2);
    const second = await listAuditEvents(db, { before: first.next }, 2);
    const third = await listAuditEvents(db, { before: second.next }, 2);
    expect(third.events).toHaveLength(1);
    expect(third.next).toBeUndefined();
    expect([...first.events, ...second.events, ...third.events].map((e) => e.clientAddress)).toEqual(["10.0.0.4", "10.0.0.3", "10.0.0.2", "10.0.0.1", "10.0.0.0"]);
  });
});
