import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { editCategory } from "~/data/categories.server";
import { forgetSimilarCoes, similarCoes } from "~/data/similar-coes.server";
import type { CoeDocument } from "~/domain/coe/interchange";
import { loader as coeLoader } from "~/routes/coes.$coeId._index/route";
import { withTransaction, type Db } from "../../db/client";
import { coeKeywords, coes, rootCauseCategories } from "../../db/schema";
import { insertCoe, makeCoe } from "../factories";
import { returnedData, routeArgs } from "../setup/route-args";
import { freshDb } from "../setup/test-db";
import { insertUser, sessionCookieFor } from "../setup/users";

/* Issue 13: the reading view's similar COEs, found by shared root-cause categories, services, tags and wording, on whichever engine the run uses. */

/** One root cause carrying `category`, so each COE's categories are exactly what a test says. */
function whysWith(category?: string): CoeDocument["whys"] {
  return { text: "Customers saw errors", rootCause: false, children: [{ text: "A cause", rootCause: true, ...(category ? { category } : {}), children: [] }] };
}

async function coe(db: Db, title: string, over: Partial<CoeDocument>, keywords: string[] = []) {
  const id = await insertCoe(db, { title, services: [], tags: [], lessons: [], actionItems: [], whys: whysWith(), ...over });
  // Keywords are derived by the search index's refresh; written here directly so this test reads only similarity.
  await withTransaction(db, async (tx) => {
    await tx.delete(coeKeywords).where(eq(coeKeywords.coeId, id));
    for (const term of keywords) await tx.insert(coeKeywords).values({ coeId: id, term, weight: 1 });
  });
  return id;
}

describe("similar COEs", () => {
  it("lists COEs sharing a category, a service, a tag or distinctive wording, best first, with the reasons", async () => {
    const db = await freshDb();
    const me = await coe(db, "DNS failover left stale records", { services: ["Edge DNS"], tags: ["dns"], whys: whysWith("Configuration") }, [
      "failover",
      "resolver",
      "ttl",
    ]);
    const sameCategoryAndService = await coe(db, "Config push broke the edge", { services: ["Edge DNS"], whys: whysWith("Configuration") });
    const sameWording = await coe(db, "Resolver cache outlived its TTL", {}, ["failover", "resolver", "ttl"]);
    const tagOnly = await coe(db, "A DNS tag and nothing else", { tags: ["dns"] });
    const unrelated = await coe(db, "Disk filled up", { services: ["Storage"], whys: whysWith("Capacity") }, ["disk"]);
    // Many COEs without those words, so the shared ones count as rare.
    for (let i = 0; i < 12; i++) await coe(db, `Filler ${i}`, {}, ["deploy"]);

    const similar = await similarCoes(db, me);
    expect(similar.map((s) => s.id)).toEqual([sameCategoryAndService, sameWording]);
    expect(similar[0]!.reasons).toEqual(["same root-cause category: Configuration", "same service: Edge DNS"]);
    expect(similar[1]!.reasons).toEqual([expect.stringMatching(/^similar wording in the five whys and lessons \(/)]);
    expect(similar.map((s) => s.id)).not.toContain(tagOnly);
    expect(similar.map((s) => s.id)).not.toContain(unrelated);
    expect(similar[0]).toMatchObject({ title: "Config push broke the edge", severity: expect.any(Number), status: expect.any(String) });
  });

  it("is kept until any COE changes, and forgets a deleted one", async () => {
    const db = await freshDb();
    const me = await coe(db, "Checkout timeouts", { services: ["Checkout API"] });
    expect(await similarCoes(db, me)).toEqual([]);
    const later = await coe(db, "Checkout errors again", { services: ["Checkout API"] });
    // The new COE moved the newest updated_at: the kept answer is not reused.
    expect((await similarCoes(db, me)).map((s) => s.id)).toEqual([later]);
    await withTransaction(db, (tx) => tx.delete(coes).where(eq(coes.id, later)));
    expect(await similarCoes(db, me)).toEqual([]);
    forgetSimilarCoes(db);
  });

  it("shows a category's new name as soon as an admin renames it (no COE row changes)", async () => {
    const db = await freshDb();
    const admin = await insertUser(db, "admin");
    const me = await coe(db, "Cache stampede", { whys: whysWith("Capacity") });
    await coe(db, "Queue backlog", { whys: whysWith("Capacity") });
    expect((await similarCoes(db, me))[0]!.reasons).toEqual(["same root-cause category: Capacity"]);
    const [capacity] = await db.select().from(rootCauseCategories).where(eq(rootCauseCategories.name, "Capacity"));
    await editCategory(db, { actorId: admin.id }, capacity!.id, { name: "Capacity planning", description: "" });
    expect((await similarCoes(db, me))[0]!.reasons).toEqual(["same root-cause category: Capacity planning"]);
    forgetSimilarCoes(db);
  });

  it("shows in the reading view for any signed-in member", async () => {
    const db = await freshDb();
    const member = await insertUser(db, "member");
    const me = await insertCoe(db, makeCoe({ title: "Payments API timeouts", services: ["Payments API"] }, 3));
    const other = await insertCoe(db, makeCoe({ title: "Payments API errors", services: ["Payments API"] }, 4));
    const cookie = await sessionCookieFor(member.id);
    const page = returnedData<{ similar: { id: number; reasons: string[] }[] }>(
      await coeLoader(routeArgs(`http://t/coes/${me}`, { coeId: String(me) }, { headers: { cookie } })),
    );
    expect(page.similar.map((s) => s.id)).toContain(other);
    expect(page.similar.find((s) => s.id === other)!.reasons).toContain("same service: Payments API");
  });
});
