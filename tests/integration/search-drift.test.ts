import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { writeActionItem } from "~/data/action-item-writes.server";
import { exportCoe } from "~/data/coe-export.server";
import { replaceCoeContent } from "~/data/coe-import.server";
import { writeCoe } from "~/data/coe-write.server";
import { listRevisions, restoreRevision } from "~/data/revisions.server";
import { indexedBodies, rebuildSearchIndex } from "~/data/search-index.server";
import { sectionVersionOf, sectionVersionsOf } from "~/data/section-versions.server";
import { mulberry32 } from "~/domain/random";
import type { CoeSection } from "~/domain/coe/sections";
import { indexedSectionNames, indexedText, keywordTexts, searchSections } from "~/domain/search/document";
import { distinctiveWords } from "~/domain/search/keywords";
import { rawRows, withTransaction, type Db } from "../../db/client";
import { actionItems, coeKeywords, coes } from "../../db/schema";
import { insertCoe, makeCoe } from "../factories";
import { freshDb } from "../setup/test-db";
import { insertUser } from "../setup/users";

const WORDS = ["dns", "cache", "throttle", "Überlauf", "canary", "rollback", "quota", "jitter", "failover", "café", "<script>", "disk"];
const EDITED: CoeSection[] = ["header", "impact-summary", "timeline", "whys", "lessons", "detection", "customer-rca", "action-items"];

/** What the index must hold for every COE: computed from its content now, by the pure functions. */
async function expectedIndex(db: Db) {
  const ids = (await db.select({ id: coes.id }).from(coes)).map((r) => r.id);
  const out = new Map<number, { body: string; sections: string[]; names: string; keywords: string[] }>();
  for (const id of ids) {
    const doc = (await exportCoe(db, id))!;
    const sections = searchSections(doc);
    out.set(id, {
      body: indexedText(sections),
      sections: sections.map((s, i) => `${i}|${s.section}|${s.text}`),
      names: indexedSectionNames(sections),
      keywords: distinctiveWords(keywordTexts(doc))
        .map((k) => `${k.term}:${k.weight}`)
        .sort(),
    });
  }
  return out;
}

async function actualIndex(db: Db) {
  const bodies = await indexedBodies(db);
  const sectionRows = await rawRows<{ coe_id: number; position: number; section: string; plain: string }>(
    db,
    sql`select coe_id, position, section, plain from coe_fts_sections order by coe_id, position`,
  );
  const keywordRows = await db.select().from(coeKeywords);
  const ids = new Set([...bodies.keys(), ...sectionRows.map((r) => Number(r.coe_id)), ...keywordRows.map((k) => k.coeId)]);
  return new Map(
    [...ids].map((id) => [
      id,
      {
        body: bodies.get(id)?.body ?? "",
        names: bodies.get(id)?.names ?? "",
        sections: sectionRows.filter((r) => Number(r.coe_id) === id).map((r) => `${r.position}|${r.section}|${r.plain}`),
        keywords: keywordRows
          .filter((k) => k.coeId === id)
          .map((k) => `${k.term}:${k.weight}`)
          .sort(),
      },
    ]),
  );
}

describe("the search index never drifts", () => {
  it("matches every COE's content after random edits, restores, item changes, imports and deletes", async () => {
    const db = await freshDb();
    const admin = await insertUser(db, "admin");
    const random = mulberry32(20261127);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const phrase = () => Array.from({ length: 2 + Math.floor(random() * 4) }, () => pick(WORDS)).join(" ");
    for (let i = 0; i < 4; i++) await insertCoe(db, { status: "draft" }, { seed: i + 1 });
    let clock = Date.UTC(2026, 0, 1);
    const steps: string[] = [];
    for (let step = 0; step < 40; step++) {
      const ids = (await db.select({ id: coes.id }).from(coes)).map((r) => r.id);
      const coeId = pick(ids);
      const now = new Date((clock += 10 * 60_000));
      const op = ids.length < 2 ? "import" : pick(["edit", "edit", "edit", "restore", "item", "import", "delete"]);
      steps.push(`${op} ${coeId}`);
      if (op === "edit") {
        const section = pick(EDITED);
        const doc = makeCoe(
          { status: "draft", title: `${phrase()} title`, impactSummary: phrase(), customerRca: phrase(), lessons: [{ text: phrase() }, { text: phrase() }] },
          step + 100,
        );
        const baseVersion = await sectionVersionOf(db, coeId, section);
        await writeCoe(db, { coeId, baseVersion, actorId: admin.id, section, summary: "random edit", now }, (tx) =>
          replaceCoeContent(tx, coeId, doc, new Set([section]), now),
        );
      } else if (op === "restore") {
        const revisions = await listRevisions(db, coeId);
        await restoreRevision(db, { coeId, revisionId: pick(revisions).id, actorId: admin.id, baseVersions: await sectionVersionsOf(db, coeId), now });
      } else if (op === "item") {
        const [item] = await db.select().from(actionItems).where(eq(actionItems.coeId, coeId)).limit(1);
        if (item)
          await writeActionItem(
            db,
            { coeId, itemId: item.id, baseVersion: item.version, actor: admin, now },
            () => "renamed",
            async () => ({ title: `${phrase()} item` }),
          );
      } else if (op === "import") await insertCoe(db, { status: "draft", title: `${phrase()} imported` }, { seed: step + 200 });
      else await withTransaction(db, (tx) => tx.delete(coes).where(eq(coes.id, coeId)));
      expect(await actualIndex(db), steps.join(", ")).toEqual(await expectedIndex(db));
    }
    expect(steps.filter((s) => s.startsWith("delete")).length).toBeGreaterThan(0);
    expect(steps.filter((s) => s.startsWith("restore")).length).toBeGreaterThan(0);
    expect(steps.filter((s) => s.startsWith("item")).length).toBeGreaterThan(0);

    // The rebuild (disaster recovery) arrives at the same index from scratch.
    await rebuildSearchIndex(db);
    expect(await actualIndex(db)).toEqual(await expectedIndex(db));
  });
});
