import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditEvents } from "../../db/schema";
import { cookieFor, DEFAULT_PARAMS, encodeBody, NO_ACTION_BODY, type PostBody, type Scene, type WouldSucceed } from "./would-succeed";
import { sendRaw, type RawResponse } from "./raw-http";
import { fillPattern, postUrls, type AppRoute } from "./route-table";

/** One POST, ready to send: which route, at which URL, with whose cookie and what body. */
export type Post = { route: AppRoute; variant: WouldSucceed | undefined; what: string; path: string; cookie: string | undefined; body: PostBody };

/** Every route's POSTs: each request that would succeed (or a form, for routes without an action), at its document and its data URL. */
export async function postsForEveryRoute(routes: AppRoute[], scene: Scene, table: Record<string, WouldSucceed[]>): Promise<Post[]> {
  const posts: Post[] = [];
  for (const route of routes) {
    const variants: (WouldSucceed | undefined)[] = table[route.id] ?? [undefined];
    for (const variant of variants) posts.push(...(await postsOf(route, variant, scene)));
  }
  return posts;
}

/**
 * Every route × its document and data URL × every item (a hostile origin, a method…), each pair
 * sent with one of the route's requests that would succeed, taken in turn: every request is used,
 * and every route and URL meets every item, without multiplying the cases by the variants.
 */
export async function everyRouteWith<T>(
  routes: AppRoute[],
  scene: Scene,
  table: Record<string, WouldSucceed[]>,
  items: T[],
): Promise<{ post: Post; item: T }[]> {
  const cases: { post: Post; item: T }[] = [];
  for (const route of routes) {
    const variants: (WouldSucceed | undefined)[] = table[route.id] ?? [undefined];
    const posts = await Promise.all(variants.map((v) => postsOf(route, v, scene)));
    for (const url of [0, 1]) items.forEach((item, i) => cases.push({ post: posts[i % posts.length]![url]!, item }));
  }
  return cases;
}

export async function postsOf(route: AppRoute, variant: WouldSucceed | undefined, scene: Scene): Promise<Post[]> {
  const path = fillPattern(route.pattern, { ...DEFAULT_PARAMS(scene), ...variant?.params });
  const urls = postUrls(route, path);
  const cookie = await cookieFor(scene, variant?.cookie);
  const body = variant ? await variant.body() : NO_ACTION_BODY;
  const what = `${route.id} (${variant?.label ?? "no action"})`;
  return [
    { route, variant, what: `${what} at ${urls.document}`, path: urls.document, cookie, body },
    { route, variant, what: `${what} at ${urls.data}`, path: urls.data, cookie, body },
  ];
}

export function sendPost(origin: string, post: Post, provenance: [string, string][]): Promise<RawResponse> {
  const { contentType, text } = encodeBody(post.body);
  const headers: [string, string][] = [["Content-Type", contentType], ...(post.cookie ? ([["Cookie", post.cookie]] as [string, string][]) : []), ...provenance];
  return sendRaw(origin, { method: "POST", path: post.path, headers, body: text });
}

/** Runs `task` over `items` with at most `width` in flight (the server is real; a few at once is what a page does). */
export async function inPool<T, R>(items: T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i]!);
      }
    }),
  );
  return results;
}

/** Refusals of foreign origins in the audit log, repeats included (each row counts its folded repeats). */
export async function auditedOriginRefusals(db: Db): Promise<{ rows: number; total: number }> {
  const refused = await db
    .select({ detail: auditEvents.detail, count: auditEvents.count })
    .from(auditEvents)
    .where(and(eq(auditEvents.outcome, "refused"), eq(auditEvents.status, 403)));
  const foreign = refused.filter((r) => r.detail?.reason === "foreign origin");
  return { rows: foreign.length, total: foreign.reduce((sum, r) => sum + r.count, 0) };
}
