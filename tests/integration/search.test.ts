import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it } from "vitest";
import { Snippet } from "~/components/search/search-result";
import { searchCoes } from "~/data/search.server";
import { loader } from "~/routes/search";
import { parseSearchQuery } from "~/domain/search/query";
import type { SearchFilters } from "~/domain/search/filters";
import type { Db } from "../../db/client";
import { coes, rootCauseCategories, services, tags, whyNodes } from "../../db/schema";
import { insertCoe, makeCoe } from "../factories";
import { routeArgs, thrownStatus } from "../setup/route-args";
import { freshDb } from "../setup/test-db";
import { insertUser, sessionCookieFor } from "../setup/users";
import { withTransaction } from "../../db/client";
import { addDays } from "~/domain/calendar-date";

/** Two lessons, as the factory's action items refer to the second. */
const lessons = (text: string, second = "Review the runbook") => [{ text }, { text: second }];

/** A small corpus with known words, the same on both engines. */
async function insertCorpus(db: Db) {
  const add = (seed: number, o: Parameters<typeof makeCoe>[0]) => insertCoe(db, { status: "draft", severity: 3, ...o }, { seed });
  await add(1, { title: "DNS cache served stale records", lessons: lessons("Lower the DNS TTL before a migration") });
  await add(2, { title: "Checkout latency during the sale", lessons: lessons("The DNS resolver was saturated", "Throttle retries") });
  await add(3, {
    title: "Throttling misconfigured on the edge",
    impactSummary: "Customers saw 429 errors. The café menu was unaffected.",
    tags: ["configuration"],
  });
  await add(4, {
    title: "Stale cache after deploy",
    timeline: [{ at: "2024-03-01T10:00:00Z", kind: "impact_start", text: "stale cache warmed from a stale snapshot" }],
  });
  await add(5, { title: "Disk full on the primary", lessons: lessons("Alarm on disk usage"), severity: 1, tags: ["capacity"] });
  await add(6, { title: "Retry storm after DNS failover", lessons: lessons("Retries need jitter"), severity: 1 });
}

async function titles(db: Db, q: string, filters: SearchFilters = {}) {
  const outcome = await searchCoes(db, parseSearchQuery(q), filters);
  return outcome.results.map((r) => r.title);
}

describe("search", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("gives the same results in the same order on either engine, for a fixed set of queries", async () => {
    await insertCorpus(db);
    const expected: Record<string, string[]> = {
      dns: ["DNS cache served stale records", "Retry storm after DNS failover", "Checkout latency during the sale"],
      '"stale cache"': ["Stale cache after deploy"],
      "stale -deploy": ["DNS cache served stale records"],
      "throttl*": ["Throttling misconfigured on the edge", "Checkout latency during the sale"],
      cafe: ["Throttling misconfigured on the edge"],
      'dns -"dns ttl"': ["Retry storm after DNS failover", "Checkout latency during the sale"],
      // "retried" is in every factory COE's impact summary.
      "retr* dns": ["Retry storm after DNS failover", "DNS cache served stale records", "Checkout latency during the sale"],
      "AND OR NEAR(": [],
    };
    const actual: Record<string, string[]> = {};
    for (const q of Object.keys(expected)) actual[q] = await titles(db, q);
    expect(actual).toEqual(expected);
  });

  it("names the matching section and marks the words in its snippet", async () => {
    await insertCorpus(db);
    const [first] = (await searchCoes(db, parseSearchQuery("jitter"), {})).results;
    expect(first).toMatchObject({ title: "Retry storm after DNS failover", section: "lessons", sectionLabel: "Lessons learned" });
    expect(first!.snippet).toEqual([
      { text: "Retries need ", isMatch: false },
      { text: "jitter", isMatch: true },
      { text: " Review the runbook", isMatch: false },
    ]);
  });

  it("filters by team, service, tag, severity, state, root-cause category and incident dates", async () => {
    await insertCorpus(db);
    const [capacity] = await db.select().from(tags).where(eq(tags.name, "capacity"));
    expect(await titles(db, "disk", { tag: capacity!.id })).toEqual(["Disk full on the primary"]);
    expect(await titles(db, "dns", { severity: 1 })).toEqual(["Retry storm after DNS failover"]);
    expect(await titles(db, "dns", { state: "approved" })).toEqual([]);
    const [retry] = await db.select().from(coes).where(eq(coes.title, "Retry storm after DNS failover"));
    expect(await titles(db, "dns", { team: retry!.teamId })).toContain("Retry storm after DNS failover");
    const [service] = await db.select().from(services).limit(1);
    const byService = await titles(db, "the", { service: service!.id });
    expect(byService.length).toBeGreaterThan(0);
    const [category] = await withTransaction(db, (tx) => tx.insert(rootCauseCategories).values({ name: "Configuration" }).returning());
    expect(await titles(db, "dns", { category: category!.id })).toEqual([]);
    await withTransaction(db, (tx) => tx.update(whyNodes).set({ categoryId: category!.id }).where(eq(whyNodes.coeId, retry!.id)));
    expect(await titles(db, "dns", { category: category!.id })).toEqual(["Retry storm after DNS failover"]);
    const day = retry!.impactStartedAt!.slice(0, 10);
    expect(await titles(db, "dns", { from: day, to: day })).toContain("Retry storm after DNS failover");
    expect(await titles(db, "dns", { from: "2999-01-01" })).toEqual([]);
    // Both ends are whole days: the day before the incident ends the range before it, the day after starts after it.
    expect(await titles(db, "dns", { to: addDays(day, -1) })).not.toContain("Retry storm after DNS failover");
    expect(await titles(db, "dns", { from: addDays(day, 1) })).not.toContain("Retry storm after DNS failover");
  });

  it("keeps a hostile COE's words as text: the snippet cannot carry markup", async () => {
    await insertCoe(db, { title: "Hostile", impactSummary: 'payload <img src=x onerror="alert(1)"> and </mark><script>alert(2)</script> payload' });
    const [hit] = (await searchCoes(db, parseSearchQuery("payload onerror"), {})).results;
    const html = renderToStaticMarkup(createElement(Snippet, { parts: hit!.snippet }));
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;img src=x <mark>onerror</mark>=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("&lt;/mark&gt;&lt;script&gt;alert(2)&lt;/script&gt;");
  });

  it("lets any signed-in member search, sends others to sign in, and answers malformed queries without failing", async () => {
    await insertCorpus(db);
    const member = await insertUser(db, "member");
    const cookie = await sessionCookieFor(member.id);
    const ask = (q: string) => loader(routeArgs(`http://localhost/search?q=${encodeURIComponent(q)}`, {}, { headers: { Cookie: cookie } }) as never);
    const found = await ask("dns");
    expect(found.outcome?.results.map((r) => r.title)).toContain("DNS cache served stale records");
    for (const q of ['"unbalanced', "AND OR NEAR ( ) * ^ :", "-dns", "x".repeat(10_000), "🔥💥", "", "a:b c^d (e) f*", "'; drop table coes; --"]) {
      const answer = await ask(q);
      expect(answer.outcome !== undefined || answer.problem !== undefined || q === "").toBe(true);
    }
    expect((await ask("-dns")).problem).toMatch(/exclusions alone/);
    const anonymous = await thrownStatus(loader(routeArgs("http://localhost/search?q=dns", {}) as never));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login/);
  });
});
