import { beforeAll, describe, expect, it } from "vitest";
import { snapshotTables } from "../setup/db-snapshot";
import { freshDb } from "../setup/test-db";
import { setUpTestServer } from "../setup/test-server";
import { reportCases } from "./cases";
import { inPool, postsForEveryRoute, postsOf, type Post } from "./post-attempts";
import { sendRaw } from "./raw-http";
import { appRoutes, type AppRoute } from "./route-table";
import { arrangeScene, encodeBody, wouldSucceed, type Scene, type WouldSucceed } from "./would-succeed";

// A page elsewhere can send text/plain or a form to any URL without asking (no CORS preflight);
// only a script on our own origin can send application/json. So the autosave endpoint takes
// application/json and nothing else, and no route takes a body that is neither a form nor JSON.

const server = setUpTestServer();
let scene: Scene;
let routes: AppRoute[];
let table: Record<string, WouldSucceed[]>;

beforeAll(async () => {
  scene = await arrangeScene(await freshDb());
  routes = appRoutes();
  table = wouldSucceed(scene);
});

function send(post: Post, contentType: string | undefined, text = encodeBody(post.body).text) {
  const { origin } = server();
  const headers: [string, string][] = [
    ["Cookie", post.cookie ?? ""],
    ["Origin", origin],
    ...(contentType === undefined ? [] : ([["Content-Type", contentType]] as [string, string][])),
  ];
  return sendRaw(origin, { method: "POST", path: post.path, headers, body: text });
}

async function autosavePosts(): Promise<Post[]> {
  const route = routes.find((r) => r.id === "routes/coes.$coeId.sections.$section")!;
  const posts: Post[] = [];
  for (const variant of table[route.id]!) posts.push(...(await postsOf(route, variant, scene)));
  return posts;
}

const NOT_JSON = [
  undefined,
  "",
  "text/plain",
  "text/plain; charset=utf-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/json-seq",
  "application/jsonx",
  "application/json+x",
  "application/ld+json",
  "application/problem+json",
  "application/x-json",
  "text/json",
  "text/javascript",
  "application/octet-stream",
  "application/xml",
  "text/html",
  "application /json",
  "application/json, text/plain",
  "text/plain, application/json",
  "json",
  "*/*",
  "application/*",
];

describe("the autosave endpoint takes application/json only", () => {
  it("answers 415 to every other type, at both URLs and for every kind of field, and writes nothing", async () => {
    const posts = await autosavePosts();
    const cases = posts.flatMap((post) => NOT_JSON.map((type) => ({ post, type })));
    const before = await snapshotTables(scene.db);
    const answers = await inPool(
      cases,
      6,
      async ({ post, type }) => `${(await send(post, type)).status} ${JSON.stringify(type ?? "no Content-Type")} ${post.what}`,
    );
    expect(answers.filter((a) => !a.startsWith("415 "))).toEqual([]);
    expect(await snapshotTables(scene.db)).toEqual(before);
    reportCases("forged-requests", cases.length);
  });

  it("a form-encoded body of the same fields is 415 as well", async () => {
    const before = await snapshotTables(scene.db);
    for (const post of await autosavePosts()) {
      const value = (post.body as { value: Record<string, unknown> }).value;
      const form = new URLSearchParams({ doc: JSON.stringify(value.doc), baseVersion: String(value.baseVersion) }).toString();
      expect((await send(post, "application/x-www-form-urlencoded", form)).status).toBe(415);
      expect((await send(post, "text/plain", form)).status).toBe(415);
    }
    expect(await snapshotTables(scene.db)).toEqual(before);
  });

  it("accepts JSON spelled as RFC 9110 allows (so the 415s are about the type)", async () => {
    for (const type of ["application/json", "application/json; charset=utf-8", "Application/JSON"]) {
      for (const i of [0, 1, 2, 3]) {
        // Built afresh for each send: each save moves the field's version on.
        const post = (await autosavePosts())[i]!;
        const res = await send(post, type);
        expect(res.status, `${type} ${post.what}: ${res.body}`).toBe(200);
      }
    }
  });
});

describe("no route takes a body that is neither a form nor JSON", () => {
  it("answers 415 on every route, at both URLs, before the route runs, and writes nothing", async () => {
    const posts = await postsForEveryRoute(routes, scene, table);
    const types = [
      undefined,
      "text/plain",
      "text/plain; charset=utf-8",
      "application/octet-stream",
      "application/json-seq",
      "text/xml",
      "application/csp-report",
    ];
    const cases = posts.flatMap((post) => types.map((type) => ({ post, type })));
    const before = await snapshotTables(scene.db);
    const answers = await inPool(
      cases,
      6,
      async ({ post, type }) => `${(await send(post, type)).status} ${JSON.stringify(type ?? "no Content-Type")} ${post.what}`,
    );
    expect(answers.filter((a) => !a.startsWith("415 "))).toEqual([]);
    expect(await snapshotTables(scene.db)).toEqual(before);
    reportCases("forged-requests", cases.length);
  });
});
