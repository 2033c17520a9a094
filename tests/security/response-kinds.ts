import { makeCalendarFeed } from "~/data/calendar-feeds.server";
import { plainTextToDoc } from "~/domain/coe/plain-text-doc";
import { insertUser, sessionCookieFor } from "../setup/users";
import { sendRaw, type RawResponse } from "./raw-http";
import { entryAssetPath } from "./route-table";
import type { Scene } from "./would-succeed";

/** How a response of this kind may be cached: never (pages, data, refusals), a year (hashed assets), a while (public files), a while by its one reader only (a calendar feed). */
export type Caching = "no-store" | "immutable" | "public" | "private";

export type ResponseKind = { label: string; status: number; caching: Caching; send: (origin: string) => Promise<RawResponse> };

/**
 * One request for every kind of response the server gives: pages and data (signed in and out),
 * resource routes, redirects, the 404 and 403 pages, each refusal of the HTTP server, hashed
 * assets and public files. Headers are checked on each of these, so a kind answered by a different
 * code path (serve-static, the refusal writer, the error handler, React Router) cannot go unseen.
 */
export async function responseKinds(scene: Scene): Promise<ResponseKind[]> {
  const member = await insertUser(scene.db, "member");
  const memberCookie = await sessionCookieFor(member.id);
  const { cookie, coeId } = scene;
  const get =
    (path: string, as = cookie, method = "GET") =>
    (origin: string) =>
      sendRaw(origin, { method, path, headers: as ? [["Cookie", as]] : [] });
  const post =
    (path: string, type: string, body: string, { as = cookie, from }: { as?: string; from?: string } = {}) =>
    (origin: string) =>
      sendRaw(origin, {
        method: "POST",
        path,
        headers: [
          ["Cookie", as],
          ["Origin", from ?? origin],
          ["Content-Type", type],
        ],
        body,
      });
  const autosave = async (origin: string) =>
    sendRaw(origin, {
      method: "POST",
      path: `/coes/${coeId}/sections/impact-summary`,
      headers: [
        ["Cookie", cookie],
        ["Origin", origin],
        ["Content-Type", "application/json"],
      ],
      body: JSON.stringify({ doc: plainTextToDoc("Saved while checking headers"), baseVersion: await scene.version("impact-summary") }),
    });
  const lessonsVersion = await scene.version("lessons");
  const feed = await makeCalendarFeed(scene.db, { userId: scene.author.id, now: new Date(), clientAddress: "127.0.0.1" });
  const kind = (label: string, status: number, send: ResponseKind["send"], caching: Caching = "no-store"): ResponseKind => ({ label, status, caching, send });
  return [
    kind("a page, signed in", 200, get("/coes")),
    kind("the editor page", 200, get(`/coes/${coeId}/edit`)),
    kind("a page, signed out", 200, get("/login", "")),
    kind("a HEAD of a page", 200, get("/coes", cookie, "HEAD")),
    kind("a .data request, signed in", 200, get("/coes.data")),
    kind("a .data request of the reading view", 200, get(`/coes/${coeId}.data`)),
    kind("a .data request that redirects (signed out)", 202, get("/coes.data", "")),
    kind("a resource route (/healthz)", 200, get("/healthz", "")),
    kind("the autosave endpoint", 200, autosave),
    kind("a calendar feed (no cookie: its URL is the credential)", 200, get(`/calendar/${feed.token}.ics`, ""), "private"),
    kind("a calendar feed's 404 (no such token)", 404, get(`/calendar/${"x".repeat(43)}.ics`, "")),
    kind("a redirect (signed out)", 302, get("/coes", "")),
    kind(
      "a redirect after a form post",
      302,
      post(`/coes/${coeId}/edit`, "application/x-www-form-urlencoded", `intent=add-lesson&baseVersion=${lessonsVersion}&text=From+the+headers+test`),
    ),
    kind("the 404 page", 404, get("/no/such/page")),
    kind("a 404 of a route (no such COE)", 404, get("/coes/999999")),
    kind("a 404 under /assets", 404, get("/assets/no-such-file.js")),
    kind("the 403 page", 403, get("/coes/new", memberCookie)),
    kind("a 403 of the autosave endpoint", 403, post(`/coes/${coeId}/sections/impact-summary`, "application/json", "{}", { as: memberCookie })),
    kind("a 400 from the router (bad intent)", 400, post(`/coes/${coeId}/edit`, "application/x-www-form-urlencoded", "intent=nonsense&baseVersion=1")),
    kind("the server's 405", 405, get("/coes", cookie, "PUT")),
    kind("the server's 403 (foreign origin)", 403, post("/coes/new", "application/x-www-form-urlencoded", "title=x", { from: "http://evil.example" })),
    kind("the server's 403 to a .data request", 403, post("/coes/new.data", "application/x-www-form-urlencoded", "title=x", { from: "null" })),
    kind("the server's 403 to a JSON caller", 403, post(`/coes/${coeId}/sections/impact-summary`, "application/json", "{}", { from: "null" })),
    kind("the server's 415", 415, post("/coes/new", "text/plain", "title=x")),
    kind("the server's 413", 413, (origin) =>
      sendRaw(origin, {
        method: "POST",
        path: "/login",
        headers: [
          ["Origin", origin],
          ["Content-Type", "application/x-www-form-urlencoded"],
        ],
        body: `email=${"a".repeat(64 * 1024)}`,
      }),
    ),
    kind("the server's 400 (an absolute-form request-target)", 400, get("http://evil.example/coes")),
    kind("a path that looks like another host", 404, get("//evil.example/coes")),
    kind("an undecodable path", 404, get("/%")),
    kind("a hashed asset", 200, get(entryAssetPath(), ""), "immutable"),
    kind("a public file (/favicon.svg)", 200, get("/favicon.svg", ""), "public"),
    kind("a public directory without an index (/schema)", 404, get("/schema", "")),
  ];
}

/** What is wrong with a response's Cache-Control for its kind. */
export function cachingProblems(caching: Caching, cacheControl: string | string[] | undefined): string[] {
  const value = typeof cacheControl === "string" ? cacheControl : "";
  if (caching === "no-store") return /(^|,)\s*no-store\s*(,|$)/.test(value) ? [] : [`Cache-Control is ${JSON.stringify(cacheControl)}, not no-store`];
  if (caching === "immutable")
    return /public/.test(value) && /max-age=31536000/.test(value) && /immutable/.test(value)
      ? []
      : [`Cache-Control is ${JSON.stringify(cacheControl)}, not a year and immutable`];
  if (caching === "private")
    return /(^|,)\s*private\s*(,|$)/.test(value) && /max-age=\d+/.test(value) && !/public|immutable/.test(value)
      ? []
      : [`Cache-Control is ${JSON.stringify(cacheControl)}, not a bounded private cache`];
  return /max-age=\d+/.test(value) && !/immutable|no-store/.test(value) ? [] : [`Cache-Control is ${JSON.stringify(cacheControl)}, not a bounded public cache`];
}
