import { eq, max } from "drizzle-orm";
import { revisions } from "../../db/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { freshDb } from "../setup/test-db";
import { setUpTestServer } from "../setup/test-server";
import { insertUser, sessionCookieFor } from "../setup/users";
import { reportCases } from "./cases";
import { policyNonce } from "./header-rules";
import { markupProblems } from "./page-markup";
import { sendRaw } from "./raw-http";
import { arrangeScene, type Scene } from "./would-succeed";

// The policy allows inline scripts only with the response's nonce, so every page must put exactly
// that nonce on every inline script React Router writes, and nothing else on the page may need
// inline script (event-handler attributes, javascript: URLs). A nonce is used once: it differs
// between responses, or a nonce read from one page would unlock script on the next.

const server = setUpTestServer();
let scene: Scene;
let pages: { label: string; path: string; cookie: string; status: number }[];

beforeAll(async () => {
  scene = await arrangeScene(await freshDb());
  const member = await insertUser(scene.db, "member");
  const memberCookie = await sessionCookieFor(member.id);
  const [{ latest }] = (await scene.db
    .select({ latest: max(revisions.coeVersion) })
    .from(revisions)
    .where(eq(revisions.coeId, scene.coeId))) as [{ latest: number }];
  const { coeId, cookie } = scene;
  pages = [
    { label: "sign-in", path: "/login", cookie: "", status: 200 },
    { label: "COE list", path: "/coes", cookie, status: 200 },
    { label: "new COE", path: "/coes/new", cookie, status: 200 },
    { label: "reading view", path: `/coes/${coeId}`, cookie, status: 200 },
    { label: "editor", path: `/coes/${coeId}/edit`, cookie, status: 200 },
    { label: "history", path: `/coes/${coeId}/history`, cookie, status: 200 },
    { label: "history compare", path: `/coes/${coeId}/history?from-version=1&to-version=${latest}`, cookie, status: 200 },
    { label: "sign-out", path: "/logout", cookie, status: 200 },
    { label: "404 page", path: "/no/such/page", cookie, status: 404 },
    { label: "404 of a route", path: "/coes/999999", cookie, status: 404 },
    { label: "403 page", path: "/coes/new", cookie: memberCookie, status: 403 },
    { label: "403 of the editor", path: `/coes/${coeId}/edit`, cookie: memberCookie, status: 403 },
  ];
});

const fetchPage = (path: string, cookie: string) => sendRaw(server().origin, { method: "GET", path, headers: cookie ? [["Cookie", cookie]] : [] });

describe("every page", () => {
  it("puts this response's nonce on every inline script, loads scripts only from here, and has no inline handlers or javascript: URLs", async () => {
    const problems: string[] = [];
    for (const page of pages) {
      const res = await fetchPage(page.path, page.cookie);
      if (res.status !== page.status) problems.push(`${page.label}: status ${res.status}, expected ${page.status}`);
      problems.push(...markupProblems(res.body, policyNonce(res.headers)).map((p) => `${page.label}: ${p}`));
    }
    expect(problems).toEqual([]);
    reportCases("headers", pages.length);
  });

  it("gets a fresh nonce with every response", async () => {
    const nonces: string[] = [];
    for (let round = 0; round < 3; round++) for (const page of pages) nonces.push(policyNonce((await fetchPage(page.path, page.cookie)).headers) ?? "none");
    expect(nonces).not.toContain("none");
    expect(new Set(nonces).size).toBe(nonces.length);
    reportCases("headers", nonces.length);
  });
});
