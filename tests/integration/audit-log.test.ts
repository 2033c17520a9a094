import { asc, desc, eq, gt } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { recordEvent, recordRefusal } from "~/data/audit.server";
import { importCoe } from "~/data/coe-import.server";
import { addUser } from "~/data/user-admin.server";
import type { AuditEventView } from "~/domain/audit/describe";
import { RESTORABLE_SECTIONS } from "~/domain/coe/revision-diff";
import { sectionVersionOf, sectionVersionsOf } from "~/data/section-versions.server";
import { sectionVersion } from "~/domain/coe/sections";
import { mulberry32 } from "~/domain/random";
import { loader as auditLoader } from "~/routes/admin.audit";
import { withTransaction, type Db } from "../../db/client";
import { auditEvents, revisions, sessions } from "../../db/schema";
import { returnedData, returnedStatus, routeArgs, thrownStatus } from "../setup/route-args";
import { sameOrigin, setUpTestServer } from "../setup/test-server";
import { freshDb } from "../setup/test-db";
import { insertTeam, insertUser, sessionCookieFor } from "../setup/users";
import { reportCases } from "../security/cases";

const server = setUpTestServer();
const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

const post = (path: string, fields: Record<string, string | number>, cookie?: string) =>
  fetch(`${server().origin}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { ...sameOrigin(server().origin, cookie), ...FORM },
    body: new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])),
  });

const lastId = async (db: Db) => (await db.select({ id: auditEvents.id }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1))[0]?.id ?? 0;
const eventsSince = (db: Db, id: number) =>
  db
    .select({
      actorId: auditEvents.actorId,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      outcome: auditEvents.outcome,
      clientAddress: auditEvents.clientAddress,
    })
    .from(auditEvents)
    .where(gt(auditEvents.id, id))
    .orderBy(asc(auditEvents.id));

describe("every change is an audit event (through the real server)", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("sign-in and sign-out, each with the user and the client's address; sign-out before the session is gone", async () => {
    const user = await insertUser(db, "author", "writer@example.com");
    let mark = await lastId(db);
    const signIn = await post("/login", { email: "writer@example.com", password: "password123" });
    expect(signIn.status).toBe(302);
    expect(await eventsSince(db, mark)).toEqual([
      { actorId: user.id, action: "user.sign_in", entityType: "user", entityId: user.id, outcome: "done", clientAddress: "127.0.0.1" },
    ]);
    const cookie = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith("coe_session="))!
      .split(";")[0]!;
    mark = await lastId(db);
    const signOut = await post("/logout", {}, cookie);
    expect(signOut.status).toBe(302);
    expect(await eventsSince(db, mark)).toEqual([
      { actorId: user.id, action: "user.sign_out", entityType: "user", entityId: user.id, outcome: "done", clientAddress: "127.0.0.1" },
    ]);
    expect(await db.select().from(sessions)).toEqual([]);
    // Signing out without a session changes nothing and records nothing.
    mark = await lastId(db);
    expect((await post("/logout", {})).status).toBe(302);
    expect(await eventsSince(db, mark)).toEqual([]);
  });

  it("a COE created, a section edited, a rich-text save and a restore: one event each, by the author, on the COE", async () => {
    const team = await insertTeam(db, "Storage");
    const author = await insertUser(db, "author");
    const cookie = await sessionCookieFor(author.id);

    let mark = await lastId(db);
    const created = await post("/coes/new", { title: "Disk full", severity: 2, teamId: team.id, services: "api", tags: "", event: "" }, cookie);
    expect(created.status).toBe(302);
    const coeId = Number(/\/coes\/(\d+)\/edit/.exec(created.headers.get("Location")!)![1]);
    const onCoe = (action: string) => ({ actorId: author.id, action, entityType: "coe", entityId: coeId, outcome: "done" });
    expect(await eventsSince(db, mark)).toMatchObject([onCoe("coe.import")]);

    mark = await lastId(db);
    const header = {
      intent: "header",
      formId: "header",
      baseVersion: await sectionVersionOf(db, coeId, "header"),
      title: "Disk full on storage nodes",
      severity: 2,
      teamId: team.id,
      services: "api",
      tags: "",
      event: "",
    };
    expect((await post(`/coes/${coeId}/edit`, header, cookie)).status).toBe(302);
    expect(await eventsSince(db, mark)).toMatchObject([onCoe("coe.header")]);

    mark = await lastId(db);
    const save = await fetch(`${server().origin}/coes/${coeId}/sections/impact-summary`, {
      method: "POST",
      headers: { ...sameOrigin(server().origin, cookie), "Content-Type": "application/json" },
      body: JSON.stringify({
        doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Uploads failed." }] }] },
        baseVersion: await sectionVersionOf(db, coeId, "impact-summary"),
      }),
    });
    expect(save.status).toBe(200);
    expect(await eventsSince(db, mark)).toMatchObject([onCoe("coe.impact-summary")]);

    mark = await lastId(db);
    const [first] = await db.select({ id: revisions.id }).from(revisions).where(eq(revisions.coeId, coeId)).orderBy(asc(revisions.id)).limit(1);
    const current = await sectionVersionsOf(db, coeId);
    const restore = {
      intent: "restore",
      revisionId: first!.id,
      ...Object.fromEntries(RESTORABLE_SECTIONS.map((s) => [`base-${s}`, sectionVersion(current, s)])),
    };
    expect((await post(`/coes/${coeId}/history`, restore, cookie)).status).toBe(302);
    expect(await eventsSince(db, mark)).toMatchObject([onCoe("coe.restore")]);
  });

  it("a user added (the command line and the seed use addUser) is recorded, by the system when no one is named", async () => {
    const admin = await insertUser(db, "admin");
    const mark = await lastId(db);
    const added = await addUser(db, { email: "New@Example.com", name: "New Person", role: "member", password: "long-enough-password", team: "Search" });
    expect(added.ok).toBe(true);
    const byAdmin = await addUser(db, { email: "second@example.com", name: "Second", role: "author", password: "long-enough-password" }, { actorId: admin.id });
    if (!added.ok || !byAdmin.ok) throw new Error("not added");
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.id, mark)).orderBy(asc(auditEvents.id));
    expect(rows).toMatchObject([
      {
        actorId: null,
        action: "user.create",
        entityType: "user",
        entityId: added.userId,
        outcome: "done",
        detail: { email: "new@example.com", role: "member", team: "Search", createdTeam: true },
      },
      {
        actorId: admin.id,
        action: "user.create",
        entityType: "user",
        entityId: byAdmin.userId,
        outcome: "done",
        detail: { email: "second@example.com", role: "author" },
      },
    ]);
    // A refused add (the email is taken) writes nothing.
    const again = await addUser(db, { email: "new@example.com", name: "Again", role: "member", password: "long-enough-password" });
    expect(again.ok).toBe(false);
    expect(await lastId(db)).toBe(rows.at(-1)!.id);
  });
});

describe("/admin/audit", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  const load = async (search: string, cookie: string) => auditLoader(routeArgs(`http://t/admin/audit${search}`, {}, { headers: { Cookie: cookie } }));
  type Loaded = {
    page?: { events: AuditEventView[]; older?: string; newest?: string; isFiltered: boolean };
    errors: Record<string, string>;
    values: Record<string, string>;
    actions: string[];
    actors: { id: number }[];
  };
  const loaded = (r: unknown) => returnedData<Loaded>(r);

  async function arrange() {
    await insertTeam(db, "Storage");
    const admin = await insertUser(db, "admin");
    const author = await insertUser(db, "author");
    const member = await insertUser(db, "member");
    const imported = await importCoe(db, { schemaVersion: 1, title: "Disk full", severity: 2, team: "Storage" }, { actorId: author.id });
    const other = await importCoe(db, { schemaVersion: 1, title: "Queue stuck", severity: 3, team: "Storage" }, { actorId: author.id });
    if (!imported.ok || !other.ok) throw new Error("import failed");
    await withTransaction(db, (tx) => tx.delete(auditEvents));
    const coeId = imported.coeId;
    const at = (iso: string) => new Date(iso);
    await withTransaction(db, (tx) =>
      tx.insert(auditEvents).values([
        {
          actorId: author.id,
          action: "coe.header",
          entityType: "coe",
          entityId: coeId,
          detail: { summary: "Edited the header", version: 2 },
          createdAt: at("2025-01-10T09:00:00Z"),
        },
        {
          actorId: author.id,
          action: "coe.whys",
          entityType: "coe",
          entityId: other.coeId,
          detail: { summary: "Added why", version: 3 },
          createdAt: at("2025-01-11T23:59:59Z"),
        },
        {
          actorId: author.id,
          action: "user.sign_in",
          entityType: "user",
          entityId: author.id,
          clientAddress: "10.0.0.2",
          createdAt: at("2025-01-12T00:00:00Z"),
        },
      ]),
    );
    await recordRefusal(db, { actorId: member.id, clientAddress: "10.0.0.3", action: "POST /coes/:id/edit", status: 403, coeId }, at("2025-01-12T08:00:00Z"));
    await recordRefusal(db, { actorId: member.id, clientAddress: "10.0.0.3", action: "POST /coes/:id/edit", status: 403, coeId }, at("2025-01-12T08:00:30Z"));
    await recordRefusal(
      db,
      { actorId: null, clientAddress: "10.0.0.9", action: "POST /login", status: 429, detail: { email: "admin@example.com" } },
      at("2025-01-13T10:00:00Z"),
    );
    return { admin, author, member, coeId, otherCoeId: other.coeId, adminCookie: await sessionCookieFor(admin.id) };
  }

  it("is for admins only: others get 403 (itself an audit event, through the real server), signed-out visitors the sign-in page", async () => {
    const { author, member } = await arrange();
    const reviewer = await insertUser(db, "reviewer");
    for (const user of [author, member, reviewer]) expect((await thrownStatus(load("", await sessionCookieFor(user.id)))).status).toBe(403);
    expect(await thrownStatus(auditLoader(routeArgs("http://t/admin/audit", {})))).toMatchObject({
      status: 302,
      location: "/login?redirectTo=%2Fadmin%2Faudit",
    });

    const mark = await lastId(db);
    const res = await fetch(`${server().origin}/admin/audit?outcome=refused`, { headers: { Cookie: await sessionCookieFor(member.id) } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("You may not do that");
    expect(await eventsSince(db, mark)).toEqual([
      { actorId: member.id, action: "GET /admin/audit", entityType: "request", entityId: null, outcome: "refused", clientAddress: "127.0.0.1" },
    ]);
    reportCases("audit", 4);
  });

  it("lists every event newest first, worded for people, with the repeats folded", async () => {
    const { adminCookie, coeId } = await arrange();
    const data = loaded(await load("", adminCookie));
    expect(data.page!.events.map((e) => e.what)).toEqual([
      "POST /login refused",
      "POST /coes/:id/edit refused",
      "Signed in",
      "Edited the five whys",
      "Edited the header",
    ]);
    expect(data.page!.events[0]).toMatchObject({
      who: "Signed out",
      emailTried: "admin@example.com",
      outcome: "refused",
      status: 429,
      statusText: "throttled",
      clientAddress: "10.0.0.9",
    });
    expect(data.page!.events[1]).toMatchObject({ who: "member person", coe: { id: coeId, title: "Disk full" }, status: 403, count: 2 });
    expect(data.page!.older).toBeUndefined();
    expect(data.page!.newest).toBeUndefined();
    // The page ships words, not stored details (a deleted subtree kept for undo can be large).
    expect(JSON.stringify(data)).not.toContain('"version":2');
  });

  it("filters by who, what, COE, outcome and UTC days (the “to” day included whole), alone and together", async () => {
    const { adminCookie, author, member, coeId, otherCoeId } = await arrange();
    const whats = async (search: string) => loaded(await load(search, adminCookie)).page!.events.map((e) => e.what);
    expect(await whats(`?who=${member.id}`)).toEqual(["POST /coes/:id/edit refused"]);
    expect(await whats("?who=none")).toEqual(["POST /login refused"]);
    expect(await whats(`?who=${author.id}`)).toEqual(["Signed in", "Edited the five whys", "Edited the header"]);
    expect(await whats("?what=coe.header")).toEqual(["Edited the header"]);
    expect(await whats(`?coe=${coeId}`)).toEqual(["POST /coes/:id/edit refused", "Edited the header"]);
    expect(await whats(`?coe=${otherCoeId}`)).toEqual(["Edited the five whys"]);
    expect(await whats("?outcome=refused")).toEqual(["POST /login refused", "POST /coes/:id/edit refused"]);
    expect(await whats("?outcome=done")).toEqual(["Signed in", "Edited the five whys", "Edited the header"]);
    expect(await whats("?from=2025-01-11&to=2025-01-11")).toEqual(["Edited the five whys"]);
    expect(await whats("?from=2025-01-12")).toEqual(["POST /login refused", "POST /coes/:id/edit refused", "Signed in"]);
    expect(await whats("?to=2025-01-10")).toEqual(["Edited the header"]);
    expect(await whats(`?outcome=refused&coe=${coeId}&who=${member.id}&from=2025-01-12&to=2025-01-12`)).toEqual(["POST /coes/:id/edit refused"]);
    const none = loaded(await load("?coe=999999", adminCookie));
    expect(none.page).toMatchObject({ events: [], isFiltered: true });
  });

  it("pages by keyset: “Older events” carries the filters and `before`; each event appears once", async () => {
    const { adminCookie, coeId, member } = await arrange();
    const start = Date.parse("2025-02-01T00:00:00Z");
    // 120 distinct refusals on the COE (different statuses and minutes, so none fold), plus noise on no COE.
    for (let i = 0; i < 120; i++) {
      await recordRefusal(
        db,
        { actorId: member.id, clientAddress: `10.1.0.${i % 7}`, action: "POST /coes/:id/edit", status: i % 2 ? 403 : 409, coeId },
        new Date(start + i * 120_000),
      );
      await recordEvent(db, { actorId: member.id, action: "user.sign_in", entityType: "user", entityId: member.id });
    }
    const seen: number[] = [];
    let search = `?coe=${coeId}&outcome=refused`;
    let pages = 0;
    for (;;) {
      const data = loaded(await load(search, adminCookie));
      pages++;
      expect(pages, "paging does not end").toBeLessThanOrEqual(3);
      expect(data.page!.events.every((e) => e.outcome === "refused" && e.coe?.id === coeId)).toBe(true);
      seen.push(...data.page!.events.map((e) => e.id));
      if (pages > 1) expect(data.page!.newest).toBe(`/admin/audit?coe=${coeId}&outcome=refused`);
      if (!data.page!.older) break;
      expect(data.page!.older).toMatch(new RegExp(`^/admin/audit\\?coe=${coeId}&outcome=refused&before=\\d+$`));
      search = data.page!.older.slice("/admin/audit".length);
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(121); // 120 + the folded pair from arrange()
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it("offers the recorded actions and every user in its selects", async () => {
    const { adminCookie, admin, author, member } = await arrange();
    const data = loaded(await load("", adminCookie));
    expect(data.actions).toEqual(["POST /coes/:id/edit", "POST /login", "coe.header", "coe.whys", "user.sign_in"]);
    expect(data.actors.map((a) => a.id).sort()).toEqual([admin.id, author.id, member.id].sort());
  });

  it("bad filter values are field-level 400s, never a 500, and list nothing", async () => {
    const { adminCookie } = await arrange();
    const r = await load("?who=999&what=nope&coe=12abc&outcome=x&from=2025-02-30&to=soon&before=abc", adminCookie);
    expect(returnedStatus(r)).toBe(400);
    const data = loaded(r);
    expect(data.page).toBeUndefined();
    expect(Object.keys(data.errors).sort()).toEqual(["before", "coe", "from", "outcome", "to", "what", "who"]);
    expect(data.values).toMatchObject({ coe: "12abc", to: "soon" });
  });

  it("hostile query strings through the real server: 200 or 400, never a 500, nothing but the page", async () => {
    const { adminCookie } = await arrange();
    const random = mulberry32(8);
    const junk = [
      "",
      "0",
      "-1",
      "1e9",
      "9".repeat(40),
      "none",
      "%00",
      "<script>alert(1)</script>",
      "' or 1=1 --",
      "2025-02-29",
      "2024-02-29",
      "\u202e",
      "ｃｏｅ",
      "refused",
      "done",
      "[]",
      "{}",
      "null",
      "x".repeat(3000),
    ];
    const keys = ["who", "what", "coe", "outcome", "from", "to", "before", "page"];
    const statuses = new Set<number>();
    let cases = 0;
    for (let i = 0; i < 60; i++) {
      const params = new URLSearchParams();
      for (const key of keys) if (random() < 0.5) params.append(key, junk[Math.floor(random() * junk.length)]!);
      if (random() < 0.2) params.append("coe", "7"); // repeated keys
      const res = await fetch(`${server().origin}/admin/audit?${params}`, { headers: { Cookie: adminCookie } });
      const body = await res.text();
      expect([200, 400], `?${params}`).toContain(res.status);
      expect(body).not.toContain("<script>alert(1)</script>");
      statuses.add(res.status);
      cases++;
    }
    expect(statuses).toEqual(new Set([200, 400]));
    reportCases("audit", cases);
  });
});
