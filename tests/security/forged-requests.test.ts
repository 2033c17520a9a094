import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../db/schema";
import { snapshotTables } from "../setup/db-snapshot";
import { freshDb } from "../setup/test-db";
import { setUpTestServer } from "../setup/test-server";
import { reportCases } from "./cases";
import { hostileOrigins } from "./hostile-origins";
import { auditedOriginRefusals, everyRouteWith, inPool, postsOf, sendPost, type Post } from "./post-attempts";
import { appRoutes, type AppRoute } from "./route-table";
import { arrangeScene, wouldSucceed, type Scene, type WouldSucceed } from "./would-succeed";

// Issue 8 §2: one origin check in front of every non-GET request, for pages, data requests and
// resource routes alike. Every route of the route table, at its document and its data URL, is
// sent a POST that would succeed from our own pages (the author's cookie, a real intent) from
// every hostile origin: each is refused with 403, nothing but the audit log changes, and the
// audit log holds every refusal. The same POSTs from our own pages succeed, so the 403s are the
// origin check's doing.

const server = setUpTestServer();
let scene: Scene;
let routes: AppRoute[];
let table: Record<string, WouldSucceed[]>;

beforeAll(async () => {
  scene = await arrangeScene(await freshDb());
  routes = appRoutes();
  table = wouldSucceed(scene);
});

const changesExceptAudit = () => snapshotTables(scene.db, { except: ["audit_events"] });

describe("the route table", () => {
  it("lists the app's routes, including every kind the origin check must cover", () => {
    const ids = routes.map((r) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining(["root", "routes/login", "routes/coes.$coeId.edit", "routes/coes.$coeId.sections.$section", "routes/healthz", "routes/$"]),
    );
    expect(routes.find((r) => r.id === "routes/coes.$coeId.sections.$section")).toMatchObject({
      pattern: "/coes/:coeId/sections/:section",
      isResource: true,
      hasAction: true,
    });
  });

  it("every route with an action has a request written down that would succeed", () => {
    const missing = routes.filter((r) => r.hasAction && !table[r.id]?.length).map((r) => r.id);
    expect(missing, "add a request that succeeds from our own pages to wouldSucceed() in would-succeed.ts").toEqual([]);
    const stale = Object.keys(table).filter((id) => !routes.some((r) => r.id === id && r.hasAction));
    expect(stale, "routes in wouldSucceed() that have no action any more").toEqual([]);
  });
});

describe("a POST from anywhere but a page of ours", () => {
  it("is refused with 403 on every route, at its document and its data URL, for every hostile origin; nothing is written; each refusal is audited", async () => {
    const { origin } = server();
    const cases = await everyRouteWith(routes, scene, table, hostileOrigins(origin));
    const before = await changesExceptAudit();
    const audited = await auditedOriginRefusals(scene.db);

    const answers = await inPool(cases, 6, async ({ post, item: h }) => ({
      what: `${post.what} with ${h.label}`,
      status: (await sendPost(origin, post, h.headers)).status,
    }));

    expect(answers.filter((a) => a.status !== 403).map((a) => `${a.status} ${a.what}`)).toEqual([]);
    expect(await changesExceptAudit()).toEqual(before);
    expect((await auditedOriginRefusals(scene.db)).total - audited.total).toBe(cases.length);
    expect(cases.length).toBeGreaterThan(1000);
    // Every request that would succeed was among them.
    expect(new Set(cases.map((c) => c.post.what)).size).toBe(Object.values(table).flat().length * 2 + routes.filter((r) => !table[r.id]).length * 2);
    reportCases("forged-requests", cases.length);
  }, 120_000);

  it("is audited as refused with status 403, who and what; repeats of one refusal fold into its row's count", async () => {
    const { origin } = server();
    const [post] = await postsOf(
      routes.find((r) => r.id === "routes/coes.$coeId.edit")!,
      table["routes/coes.$coeId.edit"]![0],
      scene,
    );
    const evil = "http://folding.evil.example"; // not in the corpus above, so its rows are only this test's
    await sendPost(origin, post!, [["Origin", evil]]);
    const row = async () =>
      (await scene.db.select().from(auditEvents).where(eq(auditEvents.outcome, "refused")).orderBy(desc(auditEvents.id))).filter(
        (r) => r.detail?.origin === evil,
      );
    expect(await row()).toHaveLength(1);
    expect((await row())[0]).toMatchObject({
      status: 403,
      actorId: scene.author.id,
      action: "POST /coes/:id/edit",
      entityType: "coe",
      entityId: scene.coeId,
      clientAddress: "127.0.0.1",
    });
    const count = (await row())[0]!.count;
    for (let i = 0; i < 3; i++) expect((await sendPost(origin, post!, [["Origin", evil]])).status).toBe(403);
    expect(await row()).toHaveLength(1);
    expect((await row())[0]!.count).toBe(count + 3);
  });
});

describe("the same POSTs from a page of ours", () => {
  // How a browser on our own page may say so: Origin (every current browser), with Sec-Fetch-Site, or only a Referer (old ones).
  const provenances = (origin: string): [string, [string, string][]][] => [
    ["Origin", [["Origin", origin]]],
    [
      "Origin and Sec-Fetch-Site: same-origin",
      [
        ["Origin", origin],
        ["Sec-Fetch-Site", "same-origin"],
      ],
    ],
    ["only a Referer of ours", [["Referer", `${origin}/coes/${scene.coeId}/edit`]]],
  ];

  it("succeed and write, on every route with an action, at both URLs", async () => {
    const { origin } = server();
    const failures: string[] = [];
    let sent = 0;
    for (const route of routes.filter((r) => r.hasAction)) {
      for (const variant of table[route.id] ?? []) {
        for (const [how, headers] of provenances(origin)) {
          for (const url of ["document", "data"] as const) {
            await variant.prepare?.();
            const post = (await postsOf(route, variant, scene))[url === "document" ? 0 : 1]!;
            const before = await changesExceptAudit();
            const res = await sendPost(origin, post, headers);
            sent += 1;
            if (res.status >= 400) failures.push(`${res.status} ${post.what} with ${how}: ${res.body.slice(0, 200)}`);
            else if (JSON.stringify(await changesExceptAudit()) === JSON.stringify(before))
              failures.push(`${res.status} but nothing written: ${post.what} with ${how}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(50);
  }, 60_000);

  it("reach the router on routes without an action (405 from React Router, not a 403)", async () => {
    const { origin } = server();
    const posts: Post[] = [];
    for (const route of routes.filter((r) => !r.hasAction)) posts.push(...(await postsOf(route, undefined, scene)));
    const answers = await Promise.all(posts.map(async (post) => `${(await sendPost(origin, post, [["Origin", origin]])).status} ${post.what}`));
    expect(answers.filter((a) => !a.startsWith("405 "))).toEqual([]);
  });
});
