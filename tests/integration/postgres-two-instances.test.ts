import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { revisions } from "../../db/schema";
import { sectionVersionOf } from "~/data/section-versions.server";
import { insertCoe } from "../factories";
import { freshDb } from "../setup/test-db";
import { sameOrigin, startTestServer, type TestServer } from "../setup/test-server";
import { insertUser } from "../setup/users";
import { afterAll } from "vitest";

/**
 * An organisation runs stateless instances behind a load balancer on one PostgreSQL database: two
 * real app servers here, started without SESSION_SECRET, so they must agree on the secret the
 * database holds. What one writes the other reads, a session made on one is valid on the other,
 * and writers racing on one section across both get exactly one winner.
 */
let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  [a, b] = await Promise.all([startTestServer({ SESSION_SECRET: "" }), startTestServer({ SESSION_SECRET: "" })]);
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

async function signIn(server: TestServer, email: string): Promise<string> {
  const response = await fetch(`${server.origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { ...sameOrigin(server.origin), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: "password123" }),
  });
  expect(response.status).toBe(302);
  const session = response.headers.getSetCookie().find((c) => c.startsWith("coe_session="));
  expect(session).toBeDefined();
  return session!.split(";")[0]!;
}

function saveSummary(server: TestServer, cookie: string, coeId: number, baseVersion: number, text: string) {
  return fetch(`${server.origin}/coes/${coeId}/sections/impact-summary`, {
    method: "POST",
    headers: { ...sameOrigin(server.origin, cookie), "Content-Type": "application/json" },
    body: JSON.stringify({ baseVersion, doc: doc(text) }),
  });
}

describe("two app instances on one PostgreSQL database", () => {
  it("share sessions and data, and 20 racing writers across both get one winner and 19 answers of 409", async () => {
    const db = await freshDb();
    const author = await insertUser(db, "author");
    const coeId = await insertCoe(db, { status: "draft" }, { actorId: author.id });

    // Signed in on one instance, the session is valid on the other.
    const cookie = await signIn(a, author.email);
    const page = await fetch(`${b.origin}/coes/${coeId}/edit`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(page.status).toBe(200);

    // Written through one, read through the other.
    const base = await sectionVersionOf(db, coeId, "impact-summary");
    expect((await saveSummary(a, cookie, coeId, base, "Written through instance A")).status).toBe(200);
    expect(await (await fetch(`${b.origin}/coes/${coeId}`, { headers: { Cookie: cookie } })).text()).toContain("Written through instance A");

    // Twenty writers, all based on the same version, spread over both instances.
    const racedFrom = await sectionVersionOf(db, coeId, "impact-summary");
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => saveSummary(i % 2 ? b : a, cookie, coeId, racedFrom, `Racer ${i}`).then(async (r) => ({ i, status: r.status }))),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array<number>(19).fill(409)]);
    const winner = answers.find((r) => r.status === 200)!.i;
    expect(await sectionVersionOf(db, coeId, "impact-summary")).toBe(racedFrom + 1);
    const snapshots = await db.select({ snapshot: revisions.snapshot }).from(revisions).where(eq(revisions.coeId, coeId));
    const kept = snapshots.map((s) => JSON.stringify(s.snapshot));
    expect(kept.some((s) => s.includes(`Racer ${winner}`))).toBe(true);
    expect(kept.filter((s) => /Racer \d+/.test(s) && !s.includes(`Racer ${winner}`))).toEqual([]);
  });
});
