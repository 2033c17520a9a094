import { asc } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { importCoe } from "~/data/coe-import.server";
import { sectionVersionOf } from "~/data/section-versions.server";
import { withTransaction, type Db } from "../../db/client";
import { auditEvents, loginAttempts } from "../../db/schema";
import { reportCases } from "./cases";
import { sameOrigin, setUpTestServer } from "../setup/test-server";
import { freshDb } from "../setup/test-db";
import { insertTeam, insertUser, sessionCookieFor } from "../setup/users";

/**
 * Every refusal of the real server is one audit row: who (from the session, if any), from which
 * address, what was attempted, the status and the COE. The same refusal again within a minute
 * adds to that row's count; a malformed request (400) is not a refusal and leaves nothing.
 */
const server = setUpTestServer();

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };
const JSON_TYPE = { "Content-Type": "application/json" };
const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

async function setup(db: Db) {
  const team = await insertTeam(db, "Storage");
  const author = await insertUser(db, "author");
  const member = await insertUser(db, "member");
  const reviewer = await insertUser(db, "reviewer");
  const imported = await importCoe(db, { schemaVersion: 1, title: "Disk full", severity: 2, team: "Storage" }, { actorId: author.id });
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  await clearAudit(db); // the import's own event: each test starts with an empty log
  return { team, author, member, reviewer, coeId: imported.coeId };
}

const post = (path: string, init: { headers?: Record<string, string>; body?: string | URLSearchParams; cookie?: string; origin?: string }) => {
  const { origin } = server();
  return fetch(`${origin}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { ...sameOrigin(init.origin ?? origin, init.cookie), ...init.headers },
    body: init.body,
  });
};
const form = (fields: Record<string, string | number>) => new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)]));

const rows = (db: Db) =>
  db
    .select({
      actorId: auditEvents.actorId,
      clientAddress: auditEvents.clientAddress,
      action: auditEvents.action,
      status: auditEvents.status,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      outcome: auditEvents.outcome,
      count: auditEvents.count,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .orderBy(asc(auditEvents.id));

/** Empties the audit log: each check starts from nothing. */
const clearAudit = (db: Db) => withTransaction(db, (tx) => tx.delete(auditEvents));

const refused = (over: Partial<Awaited<ReturnType<typeof rows>>[number]>) => ({
  clientAddress: "127.0.0.1",
  outcome: "refused",
  count: 1,
  detail: null,
  entityType: "coe",
  ...over,
});

describe("refusals of the real server are audit events", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("a member's 403 on an edit: one row with the member, the address, the action, 403 and the COE; the page and the .data request alike", async () => {
    const { member, coeId, team } = await setup(db);
    const cookie = await sessionCookieFor(member.id);
    const fields = { intent: "header", formId: "header", baseVersion: 0, title: "hijacked", severity: 1, teamId: team.id, services: "", tags: "", event: "" };
    const res = await post(`/coes/${coeId}/edit`, { cookie, headers: FORM, body: form(fields) });
    expect(res.status).toBe(403);
    expect(await rows(db)).toEqual([refused({ actorId: member.id, action: "POST /coes/:id/edit", status: 403, entityId: coeId })]);
    // What the browser sends once hydrated: same refusal, so it folds into the same row.
    const data = await post(`/coes/${coeId}/edit.data`, { cookie, headers: FORM, body: form(fields) });
    expect(data.status).toBe(403);
    expect(await rows(db)).toEqual([refused({ actorId: member.id, action: "POST /coes/:id/edit", status: 403, entityId: coeId, count: 2 })]);
    reportCases("audit", 2);
  });

  it("a stale autosave's 409: one row with the author and the section", async () => {
    const { author, coeId } = await setup(db);
    const cookie = await sessionCookieFor(author.id);
    const save = (text: string, baseVersion: number) =>
      post(`/coes/${coeId}/sections/impact-summary`, { cookie, headers: JSON_TYPE, body: JSON.stringify({ doc: doc(text), baseVersion }) });
    const base = await sectionVersionOf(db, coeId, "impact-summary");
    expect((await save("first", base)).status).toBe(200);
    const stale = await save("second, from an older page", base);
    expect(stale.status).toBe(409);
    const all = await rows(db);
    expect(all.filter((r) => r.outcome === "refused")).toEqual([
      refused({ actorId: author.id, action: "POST /coes/:id/sections/impact-summary", status: 409, entityId: coeId }),
    ]);
    // The save that went through is the other row: a change, done.
    expect(all.filter((r) => r.outcome === "done").map((r) => r.action)).toEqual(["coe.impact-summary"]);
    reportCases("audit", 1);
  });

  it("a throttled sign-in's 429: one row, signed out, with the email it tried; the repeat folds into it", async () => {
    await setup(db);
    const email = "target@example.com";
    for (let i = 0; i < 5; i++)
      await withTransaction(db, (tx) => tx.insert(loginAttempts).values({ email, clientAddress: "127.0.0.1", device: null, outcome: "failed" }));
    for (let i = 0; i < 2; i++) {
      const res = await post("/login", { headers: FORM, body: form({ email: " Target@Example.com ", password: "guess" }) });
      expect(res.status).toBe(429);
    }
    expect(await rows(db)).toEqual([
      refused({ actorId: null, action: "POST /login", status: 429, entityType: "request", entityId: null, count: 2, detail: { email } }),
    ]);
    reportCases("audit", 2);
  });

  it("a wrong password's 401 is a refusal too, with the email", async () => {
    await insertUser(db, "admin", "boss@example.com");
    const res = await post("/login", { headers: FORM, body: form({ email: "boss@example.com", password: "not-it" }) });
    expect(res.status).toBe(401);
    expect(await rows(db)).toEqual([
      refused({ actorId: null, action: "POST /login", status: 401, entityType: "request", entityId: null, detail: { email: "boss@example.com" } }),
    ]);
    reportCases("audit", 1);
  });

  it("a foreign-origin POST: one row per origin, with the cookie's owner, the COE and the origin seen; for pages, resource routes and sign-in", async () => {
    const { author, coeId } = await setup(db);
    const cookie = await sessionCookieFor(author.id);
    const origins = ["http://evil.example", "null", `http://127.0.0.1:${server().port + 1}`, `http://127.0.0.1.evil.example:${server().port}`];
    const targets = [
      { path: `/coes/${coeId}/edit`, action: "POST /coes/:id/edit", headers: FORM, body: form({ intent: "header", title: "x" }), coe: coeId },
      {
        path: `/coes/${coeId}/sections/impact-summary`,
        action: "POST /coes/:id/sections/impact-summary",
        headers: JSON_TYPE,
        body: JSON.stringify({ doc: doc("x"), baseVersion: 0 }),
        coe: coeId,
      },
      { path: "/logout", action: "POST /logout", headers: FORM, body: form({}), coe: undefined },
    ];
    let cases = 0;
    for (const target of targets) {
      for (const origin of origins) {
        await clearAudit(db);
        const res = await post(target.path, { cookie, origin, headers: target.headers, body: target.body });
        expect(res.status, `${target.path} from ${origin}`).toBe(403);
        expect(await rows(db), `${target.path} from ${origin}`).toEqual([
          refused({
            actorId: author.id,
            action: target.action,
            status: 403,
            entityType: target.coe ? "coe" : "request",
            entityId: target.coe ?? null,
            detail: { reason: "foreign origin", origin },
          }),
        ]);
        cases++;
      }
    }
    // Signed out, no Origin and no Referer at all.
    await clearAudit(db);
    const bare = await fetch(`${server().origin}/login`, { method: "POST", headers: FORM, body: form({ email: "a@example.com", password: "x" }) });
    expect(bare.status).toBe(403);
    expect(await rows(db)).toEqual([
      refused({ actorId: null, action: "POST /login", status: 403, entityType: "request", entityId: null, detail: { reason: "foreign origin", origin: "" } }),
    ]);
    reportCases("audit", cases + 1);
  });

  it("repeats within a minute fold into one row with a count; another actor or status is another row", async () => {
    const { member, reviewer, coeId, team } = await setup(db);
    const fields = { intent: "header", formId: "header", baseVersion: 0, title: "hijacked", severity: 1, teamId: team.id, services: "", tags: "", event: "" };
    const memberCookie = await sessionCookieFor(member.id);
    const reviewerCookie = await sessionCookieFor(reviewer.id);
    for (let i = 0; i < 5; i++) expect((await post(`/coes/${coeId}/edit`, { cookie: memberCookie, headers: FORM, body: form(fields) })).status).toBe(403);
    expect((await post(`/coes/${coeId}/edit`, { cookie: reviewerCookie, headers: FORM, body: form(fields) })).status).toBe(403);
    expect((await post(`/coes/${coeId}/edit`, { cookie: memberCookie, origin: "http://evil.example", headers: FORM, body: form(fields) })).status).toBe(403);
    expect(await rows(db)).toEqual([
      refused({ actorId: member.id, action: "POST /coes/:id/edit", status: 403, entityId: coeId, count: 5 }),
      refused({ actorId: reviewer.id, action: "POST /coes/:id/edit", status: 403, entityId: coeId }),
      refused({
        actorId: member.id,
        action: "POST /coes/:id/edit",
        status: 403,
        entityId: coeId,
        detail: { reason: "foreign origin", origin: "http://evil.example" },
      }),
    ]);
    reportCases("audit", 7);
  });

  it("a malformed request (400) is not a refusal: nothing is recorded", async () => {
    const { author, coeId, team } = await setup(db);
    const cookie = await sessionCookieFor(author.id);
    const attempts = [
      post(`/coes/${coeId}/edit`, {
        cookie,
        headers: FORM,
        body: form({ intent: "header", formId: "header", baseVersion: 0, title: "", severity: 9, teamId: team.id }),
      }),
      post(`/coes/${coeId}/sections/impact-summary`, { cookie, headers: JSON_TYPE, body: JSON.stringify({ doc: "not a document", baseVersion: "x" }) }),
      post("/login", { headers: FORM, body: form({ email: "not-an-email", password: "" }) }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.status).toBe(400);
    expect(await rows(db)).toEqual([]);
    reportCases("audit", attempts.length);
  });
});
