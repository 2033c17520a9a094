import { gt, max } from "drizzle-orm";
import { auditEvents } from "../../db/schema";
import { METHODS } from "node:http";
import { connect } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { snapshotTables } from "../setup/db-snapshot";
import { freshDb } from "../setup/test-db";
import { setUpTestServer } from "../setup/test-server";
import { reportCases } from "./cases";
import { everyRouteWith, inPool, postsForEveryRoute, type Post } from "./post-attempts";
import { sendRaw } from "./raw-http";
import { appRoutes } from "./route-table";
import { arrangeScene, encodeBody, wouldSucceed, type Scene } from "./would-succeed";

// Only GET, HEAD and POST reach the app. Every other method Node's parser accepts, on every route,
// at its document and its data URL, with the author's cookie, our Origin and a body that would
// succeed as a POST: 405 with an Allow header, and nothing is written. CONNECT never reaches the
// app (Node answers it by closing the connection).

const server = setUpTestServer();
let scene: Scene;
let posts: Post[];

beforeAll(async () => {
  scene = await arrangeScene(await freshDb());
  posts = await postsForEveryRoute(appRoutes(), scene, wouldSucceed(scene));
});

const UNSUPPORTED = METHODS.filter((m) => !["GET", "HEAD", "POST", "CONNECT"].includes(m));

function send(method: string, post: Post) {
  const { origin } = server();
  const { contentType, text } = encodeBody(post.body);
  return sendRaw(origin, {
    method,
    path: post.path,
    headers: [
      ["Content-Type", contentType],
      ["Cookie", post.cookie ?? ""],
      ["Origin", origin],
    ],
    body: text,
  });
}

describe("methods other than GET, HEAD and POST", () => {
  it("answer 405 with Allow on every route, at both URLs, and write nothing", async () => {
    expect(UNSUPPORTED).toEqual(expect.arrayContaining(["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"]));
    const cases = await everyRouteWith(appRoutes(), scene, wouldSucceed(scene), UNSUPPORTED);
    const before = await snapshotTables(scene.db);
    const answers = await inPool(cases, 6, async ({ post, item: method }) => {
      const res = await send(method, post);
      return { what: `${method} ${post.what}`, status: res.status, allow: res.headers.allow };
    });
    expect(answers.filter((a) => a.status !== 405 || a.allow !== "GET, HEAD, POST").map((a) => `${a.status} (Allow: ${String(a.allow)}) ${a.what}`)).toEqual(
      [],
    );
    expect(await snapshotTables(scene.db)).toEqual(before);
    reportCases("forged-requests", cases.length);
  }, 60_000);

  it("OPTIONS * (the server-wide form) is 405 too", async () => {
    expect(await rawAsteriskStatus(server().origin)).toBe(405);
  });

  it("GET and HEAD with a body that would succeed as a POST run no action and write nothing (a refused page view is only audited)", async () => {
    const before = await snapshotTables(scene.db, { except: ["audit_events"] });
    const [{ lastEvent }] = (await scene.db.select({ lastEvent: max(auditEvents.id) }).from(auditEvents)) as [{ lastEvent: number | null }];
    const cases = posts.flatMap((post) => ["GET", "HEAD"].map((method) => ({ post, method })));
    const statuses = await inPool(cases, 6, async ({ post, method }) => (await send(method, post)).status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(await snapshotTables(scene.db, { except: ["audit_events"] })).toEqual(before);
    const since = (
      await scene.db
        .selectDistinct({ outcome: auditEvents.outcome })
        .from(auditEvents)
        .where(gt(auditEvents.id, lastEvent ?? 0))
    ).map((r) => r.outcome);
    expect(since.filter((o) => o !== "refused")).toEqual([]);
    reportCases("forged-requests", cases.length);
  });
});

/** Node's HTTP client cannot send a request-target of "*"; a socket can. */
function rawAsteriskStatus(origin: string): Promise<number> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(`OPTIONS * HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`));
    let text = "";
    socket.on("data", (c) => (text += c.toString()));
    socket.on("end", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1])));
    socket.on("error", reject);
  });
}
