import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { exportCoe } from "~/data/coe-export.server";
import { importCoe } from "~/data/coe-import.server";
import { sectionVersionOf } from "~/data/section-versions.server";
import { action as categoriesAction, loader as categoriesLoader } from "~/routes/admin.categories";
import { action as tenetsAdminAction, loader as tenetsAdminLoader } from "~/routes/admin.tenets";
import { action as editAction } from "~/routes/coes.$coeId.edit/route";
import { loader as tenetLoader } from "~/routes/tenets.$tenetId";
import { loader as tenetsLoader } from "~/routes/tenets._index";
import type { Db } from "../../db/client";
import { auditEvents, coeTenets, rootCauseCategories, tenets, whyNodes } from "../../db/schema";
import { insertCoe, revisionCount } from "../factories";
import { snapshotTables } from "../setup/db-snapshot";
import { postForm, returnedData, returnedStatus, routeArgs, thrownStatus } from "../setup/route-args";
import { freshDb } from "../setup/test-db";
import { insertTeam, insertUser, sessionCookieFor } from "../setup/users";

/** An admin form that succeeded redirects back to its page. */
async function saved(answer: Promise<unknown>) {
  expect((await thrownStatus(answer)).status).toBe(302);
}

/* Issue 13: the root-cause taxonomy and the organisation's tenets, through the routes, on whichever engine the run uses. */

type Refusal = { errors: Record<string, string> };
type WhyAnswer = { ok?: true; version?: number; errors?: Record<string, string>; conflict?: { currentVersion: number } };

const whys = {
  text: "3% of API calls failed for 45 minutes",
  rootCause: false,
  children: [
    { text: "A host's disk filled up", rootCause: true, category: "Capacity", children: [] },
    { text: "A config push skipped the canary", rootCause: true, category: "Configuration", children: [] },
    { text: "The alarm watched the wrong metric", rootCause: false, children: [] },
  ],
};

async function world(db: Db) {
  const admin = await insertUser(db, "admin");
  const author = await insertUser(db, "author");
  const coeId = await insertCoe(db, { title: "API errors", status: "draft", whys, lessons: [], actionItems: [] }, { actorId: author.id });
  const adminCookie = await sessionCookieFor(admin.id);
  const authorCookie = await sessionCookieFor(author.id);
  type Fields = Record<string, string | number>;
  const args = (path: string, fields: Fields, cookie: string) => routeArgs(`http://t${path}`, {}, postForm(`http://t${path}`, fields, cookie));
  const categories = (fields: Fields, cookie = adminCookie) => categoriesAction(args("/admin/categories", fields, cookie));
  const tenetsAdmin = (fields: Fields, cookie = adminCookie) => tenetsAdminAction(args("/admin/tenets", fields, cookie));
  const categoryId = async (name: string) => (await db.select().from(rootCauseCategories).where(eq(rootCauseCategories.name, name)))[0]?.id;
  const nodeId = async (text: string) => (await db.select().from(whyNodes).where(eq(whyNodes.text, text)))[0]!;
  /** Posts as the tree editor does (via=script). */
  const whyOp = async (intent: string, fields: Record<string, string | number>, base?: number) => {
    const url = `http://t/coes/${coeId}/edit`;
    const r = await editAction(
      routeArgs(
        url,
        { coeId: String(coeId) },
        postForm(url, { intent, via: "script", baseVersion: base ?? (await sectionVersionOf(db, coeId, "whys")), ...fields }, authorCookie),
      ),
    );
    return { status: returnedStatus(r), data: returnedData<WhyAnswer>(r) };
  };
  return { admin, author, coeId, adminCookie, authorCookie, categories, tenetsAdmin, categoryId, nodeId, whyOp };
}

describe("root-cause categories", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("only admins see or change the categories: every intent is a 403 for an author, with nothing changed", async () => {
    const w = await world(db);
    expect((await thrownStatus(categoriesLoader(routeArgs("http://t/admin/categories", {}, { headers: { Cookie: w.authorCookie } })))).status).toBe(403);
    const capacity = (await w.categoryId("Capacity"))!;
    const before = await snapshotTables(db, { except: ["audit_events", "sessions"] });
    const intents: Record<string, string | number>[] = [
      { intent: "add", name: "Sneaky", description: "" },
      { intent: "edit", id: capacity, name: "Renamed", description: "" },
      { intent: "merge", id: capacity, targetId: (await w.categoryId("Configuration"))! },
      { intent: "retire", id: capacity, retire: "true" },
    ];
    for (const fields of intents) expect((await thrownStatus(w.categories(fields, w.authorCookie))).status).toBe(403);
    expect(await snapshotTables(db, { except: ["audit_events", "sessions"] })).toEqual(before);
  });

  it("adds, refuses a taken name (any case) with nothing written, renames into the export, and audits each change", async () => {
    const w = await world(db);
    expect((await thrownStatus(w.categories({ intent: "add", name: "Third-party outage", description: "A vendor failed" }))).location).toBe(
      "/admin/categories?saved=add",
    );
    const before = await snapshotTables(db);
    const taken = await w.categories({ intent: "add", name: "capacity", description: "" });
    expect(returnedStatus(taken)).toBe(400);
    expect(returnedData<Refusal>(taken).errors.name).toMatch(/A category named "Capacity" already exists/);
    expect(returnedData<Refusal>(await w.categories({ intent: "add", name: "  ", description: "" })).errors.name).toMatch(/required/);
    expect(await snapshotTables(db)).toEqual(before);

    const capacity = (await w.categoryId("Capacity"))!;
    expect((await thrownStatus(w.categories({ intent: "edit", id: capacity, name: "Capacity planning", description: "Too little headroom" }))).status).toBe(
      302,
    );
    const exported = (await exportCoe(db, w.coeId))!;
    expect(exported.whys?.children?.[0]?.category).toBe("Capacity planning");
    const page = await categoriesLoader(routeArgs("http://t/admin/categories", {}, { headers: { Cookie: w.adminCookie } }));
    expect(page.categories.find((c) => c.id === capacity)).toMatchObject({ name: "Capacity planning", rootCauses: 1 });
    const actions = (await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityType, "root_cause_category"))).map(
      (a) => a.action,
    );
    expect(actions.sort()).toEqual(["category.add", "category.edit"]);
  });

  it("merging moves every why node to the target and removes the source; a retired target is refused", async () => {
    const w = await world(db);
    const capacity = (await w.categoryId("Capacity"))!;
    const configuration = (await w.categoryId("Configuration"))!;
    expect((await thrownStatus(w.categories({ intent: "retire", id: configuration, retire: "true" }))).status).toBe(302);
    const refused = await w.categories({ intent: "merge", id: capacity, targetId: configuration });
    expect(returnedData<Refusal>(refused).errors.targetId).toMatch(/retired/);
    expect((await thrownStatus(w.categories({ intent: "retire", id: configuration, retire: "false" }))).status).toBe(302);
    expect((await thrownStatus(w.categories({ intent: "merge", id: capacity, targetId: configuration }))).location).toBe("/admin/categories?saved=merge");
    expect(await w.categoryId("Capacity")).toBeUndefined();
    expect((await w.nodeId("A host's disk filled up")).categoryId).toBe(configuration);
    expect((await w.nodeId("A config push skipped the canary")).categoryId).toBe(configuration);
    expect((await thrownStatus(w.categories({ intent: "merge", id: capacity, targetId: configuration }))).status).toBe(404);
  });

  it("assigns a category to a root cause through the whys write: a revision, an audit event, 409 on a stale base, retired and non-root-cause refused", async () => {
    const w = await world(db);
    const disk = await w.nodeId("A host's disk filled up");
    const alarm = await w.nodeId("The alarm watched the wrong metric");
    const detection = (await w.categoryId("Detection gap")) ?? (await w.categoryId("Configuration"))!;
    const revisions = await revisionCount(db, w.coeId);
    const base = await sectionVersionOf(db, w.coeId, "whys");

    const set = await w.whyOp("set-why-category", { id: disk.id, categoryId: detection }, base);
    expect(set).toMatchObject({ status: 200, data: { ok: true, version: base + 1 } });
    expect((await w.nodeId(disk.text)).categoryId).toBe(detection);
    expect(await revisionCount(db, w.coeId)).toBe(revisions + 1);
    expect(
      await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "coe.whys"), eq(auditEvents.entityId, w.coeId))),
    ).toHaveLength(1);

    const stale = await w.whyOp("set-why-category", { id: disk.id, categoryId: "" }, base);
    expect(stale.status).toBe(409);
    expect((await w.nodeId(disk.text)).categoryId).toBe(detection);

    expect((await w.whyOp("set-why-category", { id: alarm.id, categoryId: detection })).data.errors?.categoryId).toMatch(/Only a root cause/);
    const capacity = (await w.categoryId("Capacity"))!;
    await saved(w.categories({ intent: "retire", id: capacity, retire: "true" }));
    expect((await w.whyOp("set-why-category", { id: disk.id, categoryId: capacity })).data.errors?.categoryId).toMatch(/retired/);
    // The node that carries a retired category keeps it (and may be saved with it unchanged).
    const config = await w.nodeId("A config push skipped the canary");
    await saved(w.categories({ intent: "retire", id: config.categoryId!, retire: "true" }));
    expect((await w.whyOp("set-why-category", { id: config.id, categoryId: config.categoryId! })).status).toBe(200);
    expect((await w.whyOp("set-why-category", { id: config.id, categoryId: "nope" })).status).toBe(400);

    expect((await w.whyOp("set-root-cause", { id: disk.id, isRootCause: "false" })).status).toBe(200);
    expect((await w.nodeId(disk.text)).categoryId).toBeNull();
  });
});

describe("tenets", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  const tenetId = async (db: Db, title: string) => (await db.select().from(tenets).where(eq(tenets.title, title)))[0]!.id;

  it("admins add, edit, reorder and retire tenets; others get 403 with nothing changed", async () => {
    const w = await world(db);
    for (const title of ["Customers first", "Dive deep", "Bias for action"]) await saved(w.tenetsAdmin({ intent: "add", title, body: `${title}, always` }));
    const [first, second, third] = [await tenetId(db, "Customers first"), await tenetId(db, "Dive deep"), await tenetId(db, "Bias for action")];
    const before = await snapshotTables(db, { except: ["audit_events", "sessions"] });
    expect((await thrownStatus(tenetsAdminLoader(routeArgs("http://t/admin/tenets", {}, { headers: { Cookie: w.authorCookie } })))).status).toBe(403);
    const intents: Record<string, string | number>[] = [
      { intent: "add", title: "Mine", body: "" },
      { intent: "move", id: second, direction: "up" },
      { intent: "retire", id: first, retire: "true" },
    ];
    for (const fields of intents) expect((await thrownStatus(w.tenetsAdmin(fields, w.authorCookie))).status).toBe(403);
    expect(await snapshotTables(db, { except: ["audit_events", "sessions"] })).toEqual(before);

    expect(returnedData<Refusal>(await w.tenetsAdmin({ intent: "add", title: "DIVE DEEP", body: "" })).errors.title).toMatch(/already exists/);
    expect(returnedData<Refusal>(await w.tenetsAdmin({ intent: "move", id: first, direction: "up" })).errors.form).toMatch(/already first/);
    expect((await thrownStatus(w.tenetsAdmin({ intent: "move", id: third, direction: "up" }))).location).toBe("/admin/tenets?saved=move");
    expect((await thrownStatus(w.tenetsAdmin({ intent: "edit", id: first, title: "Customer obsession", body: "Work backwards" }))).status).toBe(302);
    expect((await thrownStatus(w.tenetsAdmin({ intent: "retire", id: second, retire: "true" }))).status).toBe(302);
    const page = await tenetsAdminLoader(routeArgs("http://t/admin/tenets", {}, { headers: { Cookie: w.adminCookie } }));
    expect(page.tenets.map((t) => [t.title, !!t.retiredAt])).toEqual([
      ["Customer obsession", false],
      ["Bias for action", false],
      ["Dive deep", true],
    ]);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.entityType, "tenet"))).toHaveLength(6);
  });

  it("authors cite tenets through the header (version-checked, a revision); export carries them to an import; the tenet page lists the COE", async () => {
    const w = await world(db);
    for (const title of ["Customers first", "Dive deep", "Old rule"]) await saved(w.tenetsAdmin({ intent: "add", title, body: "" }));
    const [customers, dive, old] = [await tenetId(db, "Customers first"), await tenetId(db, "Dive deep"), await tenetId(db, "Old rule")];
    await saved(w.tenetsAdmin({ intent: "retire", id: old, retire: "true" }));
    const team = await insertTeam(db, "Storage");
    const url = `http://t/coes/${w.coeId}/edit`;
    const base = await sectionVersionOf(db, w.coeId, "header");
    const header = {
      intent: "header",
      formId: "header",
      title: "API errors",
      severity: 2,
      teamId: team.id,
      services: "",
      tags: "",
      event: "",
      citesTenets: "on",
    };
    const postHeader = (fields: Record<string, string | number>) =>
      editAction(routeArgs(url, { coeId: String(w.coeId) }, postForm(url, fields, w.authorCookie)));
    const revisions = await revisionCount(db, w.coeId);

    const retired = await postHeader({ ...header, baseVersion: base, [`tenet-${old}`]: "on" });
    expect(returnedStatus(retired)).toBe(400);
    expect(await db.select().from(coeTenets)).toEqual([]);
    expect((await thrownStatus(postHeader({ ...header, baseVersion: base, [`tenet-${customers}`]: "on", [`tenet-${dive}`]: "on" }))).status).toBe(302);
    expect(await revisionCount(db, w.coeId)).toBe(revisions + 1);
    expect(returnedStatus(await postHeader({ ...header, baseVersion: base }))).toBe(409);
    expect((await exportCoe(db, w.coeId))!.tenets).toEqual(["Customers first", "Dive deep"]);

    const copy = await importCoe(db, { ...(await exportCoe(db, w.coeId))!, title: "API errors again" }, { actorId: w.author.id });
    if (!copy.ok) throw new Error(JSON.stringify(copy.errors));
    expect((await exportCoe(db, copy.coeId))!.tenets).toEqual(["Customers first", "Dive deep"]);

    const member = await insertUser(db, "member");
    const cookie = await sessionCookieFor(member.id);
    const page = await tenetLoader(routeArgs(`http://t/tenets/${dive}`, { tenetId: String(dive) }, { headers: { Cookie: cookie } }));
    expect(page.citing.map((c) => c.title).sort()).toEqual(["API errors", "API errors again"]);
    const list = await tenetsLoader(routeArgs("http://t/tenets", {}, { headers: { Cookie: cookie } }));
    expect(list.tenets.map((t) => [t.title, t.citedBy])).toEqual([
      ["Customers first", 2],
      ["Dive deep", 2],
      ["Old rule", 0],
    ]);
    expect((await thrownStatus(tenetLoader(routeArgs("http://t/tenets/999999", { tenetId: "999999" }, { headers: { Cookie: cookie } })))).status).toBe(404);
  });
});
