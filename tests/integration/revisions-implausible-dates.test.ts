import { asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { exportCoe } from "~/data/coe-export.server";
import { listRevisions } from "~/data/revisions.server";
import { writeCoe } from "~/data/coe-write.server";
import type { CoeExport } from "~/domain/coe/interchange";
import { RESTORABLE_SECTIONS } from "~/domain/coe/revision-diff";
import { sectionVersionOf, sectionVersionsOf } from "~/data/section-versions.server";
import { sectionVersion } from "~/domain/coe/sections";
import { action as historyAction, loader as historyLoader } from "~/routes/coes.$coeId.history";
import { withTransaction, type Db } from "../../db/client";
import { actionItems, coes, revisions, timelineEntries } from "../../db/schema";
import { insertCoe } from "../factories";
import { postForm, returnedData, returnedStatus, routeArgs, thrownStatus } from "../setup/route-args";
import { freshDb } from "../setup/test-db";
import { insertUser, sessionCookieFor } from "../setup/users";

/*
 * Issue 9: revisions written before the plausible date range was enforced (a "resolved" entry in
 * the year 9999, a promise for 2999) must still be read, compared and restored: the dates are kept
 * as written and named, never a 500 and never silently changed.
 */
const T0 = new Date("2026-03-02T09:00:00Z");

const page = (coeId: number, cookie: string, search = "") =>
  historyLoader(routeArgs(`http://t/coes/${coeId}/history${search}`, { coeId: String(coeId) }, { headers: { Cookie: cookie } }));
const restore = async (db: Db, coeId: number, cookie: string, revisionId: number) => {
  const versions = await sectionVersionsOf(db, coeId);
  return historyAction(
    routeArgs(
      `http://t/coes/${coeId}/history`,
      { coeId: String(coeId) },
      postForm(
        `http://t/coes/${coeId}/history`,
        { intent: "restore", revisionId, ...Object.fromEntries(RESTORABLE_SECTIONS.map((s) => [`base-${s}`, sectionVersion(versions, s)])) },
        cookie,
      ),
    ),
  );
};

/** The COE as exported, with a "resolved" entry in the year 9999 and the first action item promised for 2999. */
function withOldDates(doc: CoeExport): CoeExport {
  return {
    ...doc,
    timeline: [...doc.timeline, { at: "9999-01-01T00:00:00Z", kind: "resolved", text: "Typo: resolved in the year 9999" }],
    actionItems: doc.actionItems.map((item, i) => (i === 0 ? { ...item, promisedDate: "2999-12-31" } : item)),
  };
}

describe("revisions with dates outside the plausible range", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  async function setup() {
    const author = await insertUser(db, "author");
    const coeId = await insertCoe(db, { status: "draft", title: "Disk full on storage nodes" }, { actorId: author.id, now: T0, seed: 3 });
    // A version from before the range was enforced: an ordinary save, whose stored snapshot is then
    // rewritten directly to hold the dates the system accepted at the time.
    const save = async (title: string, minutes: number) =>
      writeCoe(
        db,
        {
          coeId,
          actorId: author.id,
          baseVersion: await sectionVersionOf(db, coeId, "header"),
          section: "header",
          summary: `Set the title to ${title}`,
          now: new Date(T0.getTime() + minutes * 60_000),
        },
        (tx) => tx.update(coes).set({ title }).where(eq(coes.id, coeId)),
      );
    await save("Disk full on one storage node", 1);
    const oldRevision = (await listRevisions(db, coeId))[0]!;
    const snapshot = withOldDates((await exportCoe(db, coeId))!);
    await withTransaction(db, (tx) => tx.update(revisions).set({ snapshot }).where(eq(revisions.id, oldRevision.id)));
    // Then a later, ordinary version.
    await save("Disk full on two storage nodes", 24 * 60);
    return { author, coeId, oldRevisionId: oldRevision.id, cookie: await sessionCookieFor(author.id) };
  }

  it("reads and compares such a revision, showing the dates as written", async () => {
    const { coeId, oldRevisionId, cookie } = await setup();
    const newest = (await listRevisions(db, coeId))[0]!;
    const old = (await listRevisions(db, coeId)).find((r) => r.id === oldRevisionId)!;
    const data = await page(coeId, cookie, `?from-version=${old.coeVersion}&to-version=${newest.coeVersion}`);
    expect(data.compare).toBeDefined();
    const removed = data.compare!.sections.flatMap((s) => s.parts.filter((p) => p.kind === "removed").map((p) => p.text)).join("\n");
    expect(removed).toContain("9999-01-01");
    expect(removed).toContain("Typo: resolved in the year 9999");
    expect(removed).toContain("2999-12-31");
  });

  it("restores it with the dates kept as written and named field by field, never a 500", async () => {
    const { coeId, oldRevisionId, cookie } = await setup();
    const result = await restore(db, coeId, cookie, oldRevisionId);
    expect(returnedStatus(result)).toBe(200);
    const answer = returnedData<{ notice: string; dates: { field: string; value: string; problem: string; section: string }[] }>(result);
    expect(answer.notice).toMatch(/^Restored\. 2 dates are outside the plausible range and were kept as written/);
    expect(answer.dates).toEqual([
      {
        field: "Timeline entry “Resolved: Typo: resolved in the year 9999”: time",
        value: "9999-01-01T00:00:00Z",
        problem: expect.stringMatching(/^Must be between 2000-01-01 and \d{4}-\d{2}-\d{2}$/),
        section: "timeline",
      },
      {
        field: expect.stringMatching(/^Action item “.+”: promised date$/),
        value: "2999-12-31",
        problem: expect.stringMatching(/^Must be between/),
        section: "action-items",
      },
    ]);
    // The values are back exactly as written.
    const times = (await db.select({ at: timelineEntries.at }).from(timelineEntries).where(eq(timelineEntries.coeId, coeId))).map((r) => r.at);
    expect(times.map(String).join(" ")).toMatch(/9999/);
    const promised = await db.select({ d: actionItems.promisedDate }).from(actionItems).where(eq(actionItems.coeId, coeId)).orderBy(asc(actionItems.position));
    expect(promised.map((p) => p.d)).toContain("2999-12-31");
    expect((await listRevisions(db, coeId))[0]!.summary).toMatch(/^Restored the version of/);
  });

  it("restores an ordinary revision over a COE that holds such a date now, without a 500", async () => {
    const { coeId, cookie } = await setup();
    // The COE itself holds such a date (stored before the range was enforced).
    const [entry] = await db
      .select({ id: timelineEntries.id })
      .from(timelineEntries)
      .where(eq(timelineEntries.coeId, coeId))
      .orderBy(asc(timelineEntries.id))
      .limit(1);
    await withTransaction(db, (tx) =>
      tx
        .update(timelineEntries)
        .set({ at: "9999-01-01T00:00:00Z", atMs: Date.parse("9999-01-01T00:00:00Z") })
        .where(eq(timelineEntries.id, entry!.id)),
    );
    const imported = (await listRevisions(db, coeId)).find((r) => r.section === "import")!;
    expect(await thrownStatus(restore(db, coeId, cookie, imported.id))).toMatchObject({ status: 302 });
    const times = (await db.select({ at: timelineEntries.at }).from(timelineEntries).where(eq(timelineEntries.coeId, coeId))).map((r) => String(r.at));
    expect(times.join(" ")).not.toMatch(/9999/);
  });
});
