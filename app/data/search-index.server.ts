import { eq, sql } from "drizzle-orm";
import { rawRows, runStatement, withTransaction, type Db } from "../../db/client";
import { engineKind } from "../../db/engine-kind";
import { coeKeywords } from "../../db/schema";
import type { CoeExport } from "../domain/coe/interchange";
import { indexedSectionNames, indexedText, keywordTexts, searchSections } from "../domain/search/document";
import { distinctiveWords } from "../domain/search/keywords";
import { exportCoe } from "./coe-export.server";

/** The one engine-specific write: FTS5 keeps the text under the COE's rowid; PostgreSQL in a row whose tsvector is generated from it. */
async function insertBody(tx: Db, coeId: number, body: string, names: string) {
  if (engineKind() === "pg") {
    await runStatement(tx, sql`insert into coe_fts (coe_id, body, sections) values (${coeId}, ${body}, ${names})`);
    return;
  }
  await runStatement(tx, sql`insert into coe_fts (rowid, body) values (${coeId}, ${body})`);
  await runStatement(tx, sql`insert into coe_fts_docs (coe_id, body, sections) values (${coeId}, ${body}, ${names})`);
}

async function forget(tx: Db, coeId: number) {
  if (engineKind() === "pg") await runStatement(tx, sql`delete from coe_fts where coe_id = ${coeId}`);
  else {
    await runStatement(tx, sql`delete from coe_fts where rowid = ${coeId}`);
    await runStatement(tx, sql`delete from coe_fts_docs where coe_id = ${coeId}`);
  }
  await runStatement(tx, sql`delete from coe_fts_sections where coe_id = ${coeId}`);
  await tx.delete(coeKeywords).where(eq(coeKeywords.coeId, coeId));
}

/**
 * Makes the search index and `coe_keywords` say what the COE says now (or forgets a COE that is
 * gone). Every write of COE content calls it in its own transaction, so the index cannot drift;
 * `doc` is the COE's export when the caller already has it (the revision snapshot).
 */
export async function refreshSearchIndex(tx: Db, coeId: number, doc?: CoeExport): Promise<void> {
  const current = doc ?? (await exportCoe(tx, coeId));
  await forget(tx, coeId);
  if (!current) return;
  const sections = searchSections(current);
  await insertBody(tx, coeId, indexedText(sections), indexedSectionNames(sections));
  const rows = sections.map((s, position) => sql`(${coeId}, ${position}, ${s.section}, ${s.text})`);
  if (rows.length) await runStatement(tx, sql`insert into coe_fts_sections (coe_id, position, section, plain) values ${sql.join(rows, sql`, `)}`);
  const keywords = distinctiveWords(keywordTexts(current));
  if (keywords.length) await tx.insert(coeKeywords).values(keywords.map((k) => ({ coeId, ...k })));
}

const BATCH = 200;

/** Indexes COEs in batches of one transaction each; returns how many. */
async function indexAll(db: Db, ids: number[]): Promise<number> {
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    await withTransaction(db, async (tx) => {
      for (const id of batch) await refreshSearchIndex(tx, id);
    });
  }
  return ids.length;
}

/** Every COE the index does not hold yet (a database from before the index, or restored from an old backup). Run when the server starts. */
export async function fillSearchIndex(db: Db): Promise<number> {
  const missing = await rawRows<{ id: number }>(db, sql`select id from coes where not exists (select 1 from coe_fts_sections s where s.coe_id = coes.id) order by id`);
  return indexAll(db, missing.map((r) => Number(r.id)));
}

/** Disaster recovery (`npm run coe -- search-rebuild`): every COE indexed again from its content. */
export async function rebuildSearchIndex(db: Db): Promise<number> {
  const all = await rawRows<{ id: number }>(db, sql`select id from coes order by id`);
  return indexAll(db, all.map((r) => Number(r.id)));
}

/** What the index holds for each COE (for the drift test): coe id → indexed text and its section names. */
export async function indexedBodies(db: Db): Promise<Map<number, { body: string; names: string }>> {
  const rows = await rawRows<{ id: number; body: string; names: string }>(
    db,
    sql`select coe_id as id, body, sections as names from ${sql.raw(engineKind() === "pg" ? "coe_fts" : "coe_fts_docs")}`,
  );
  return new Map(rows.map((r) => [Number(r.id), { body: r.body, names: r.names }]));
}
