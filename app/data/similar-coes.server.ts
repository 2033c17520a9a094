import { and, count, desc, eq, inArray, ne, sql, type ColumnBaseConfig, type ColumnDataType, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import { coeKeywords, coes, coeServices, coeTags, rootCauseCategories, services, tags, teams, whyNodes } from "../../db/schema";
import { inverseFrequency, rankSimilar, type SharedWith, type SimilarCoe } from "../domain/coe/similar";
import { contentStamp } from "./content-stamp.server";

/*
 * "Similar COEs" for the reading view. Finding them reads every COE that shares a category, a
 * service, a tag or a distinctive word, so the answer is kept per COE and reused until any COE or
 * the taxonomy changes (`contentStamp`, on any instance). The rows shown are kept with it (a COE's
 * title or state changing moves the stamp too), so a page view costs one prepared read.
 */

/** Each way of being similar looks at this many of the newest COEs that share it. */
const CANDIDATES_PER_KIND = 300;
/** Words found in more than this share of all COEs are too common to find relatives by. */
const COMMON_WORD_SHARE = 0.2;
/** … but in a small organisation a word three COEs share still says something. */
const MIN_COMMON_WORD_COES = 3;
const KEPT_COES = 1000;

export type SimilarCoeRow = { id: number; title: string; severity: number; status: string; team: string | null; impactStartedAt: string | null; reasons: string[] };

type Kept = { stamp: string; rows: SimilarCoeRow[] };
const keptByDb = new WeakMap<Db, Map<number, Kept>>();

/** Up to five COEs like this one, most similar first, each with the reasons (none for a COE that shares nothing). */
export async function similarCoes(db: Db, coeId: number): Promise<SimilarCoeRow[]> {
  const kept = keptByDb.get(db) ?? new Map<number, Kept>();
  keptByDb.set(db, kept);
  const stamp = await contentStamp(db);
  let entry = kept.get(coeId);
  if (!entry || entry.stamp !== stamp) {
    entry = { stamp, rows: await describe(db, await findSimilar(db, coeId)) };
    kept.delete(coeId);
    if (kept.size >= KEPT_COES) kept.delete(kept.keys().next().value!);
    kept.set(coeId, entry);
  }
  return entry.rows;
}

/** Forgets every kept answer (tests that rewrite rows without moving `updated_at`). */
export function forgetSimilarCoes(db: Db) {
  keptByDb.delete(db);
}

async function describe(db: Db, similar: SimilarCoe[]): Promise<SimilarCoeRow[]> {
  if (similar.length === 0) return [];
  const rows = await db
    .select({ id: coes.id, title: coes.title, severity: coes.severity, status: coes.status, team: teams.name, impactStartedAt: coes.impactStartedAt })
    .from(coes)
    .leftJoin(teams, eq(teams.id, coes.teamId))
    .where(
      inArray(
        coes.id,
        similar.map((s) => s.coeId),
      ),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return similar.flatMap((s) => {
    const row = byId.get(s.coeId);
    return row ? [{ ...row, reasons: s.reasons }] : [];
  });
}

/** What this COE is made of: its root causes' categories, services, tags and distinctive words. */
async function featuresOf(db: Db, coeId: number) {
  const categories = await db
    .selectDistinct({ id: rootCauseCategories.id, name: rootCauseCategories.name })
    .from(whyNodes)
    .innerJoin(rootCauseCategories, eq(rootCauseCategories.id, whyNodes.categoryId))
    .where(and(eq(whyNodes.coeId, coeId), eq(whyNodes.isRootCause, true)));
  const serviceRows = await db
    .select({ id: services.id, name: services.name })
    .from(coeServices)
    .innerJoin(services, eq(services.id, coeServices.serviceId))
    .where(eq(coeServices.coeId, coeId));
  const tagRows = await db.select({ id: tags.id, name: tags.name }).from(coeTags).innerJoin(tags, eq(tags.id, coeTags.tagId)).where(eq(coeTags.coeId, coeId));
  const words = (await db.select({ term: coeKeywords.term }).from(coeKeywords).where(eq(coeKeywords.coeId, coeId))).map((w) => w.term);
  return { categories, services: serviceRows, tags: tagRows, words };
}

/** This COE's words weighted by how rare they are among all COEs; words every COE has weigh nothing. */
async function wordWeights(db: Db, words: string[]): Promise<Map<string, number>> {
  if (words.length === 0) return new Map();
  const [corpus] = await db.select({ n: count() }).from(coes);
  const frequencies = await db
    .select({ term: coeKeywords.term, n: count() })
    .from(coeKeywords)
    .where(inArray(coeKeywords.term, words))
    .groupBy(coeKeywords.term);
  const corpusSize = corpus?.n ?? 0;
  return new Map(
    frequencies.filter((f) => f.n <= Math.max(MIN_COMMON_WORD_COES, corpusSize * COMMON_WORD_SHARE)).map((f) => [f.term, inverseFrequency(f.n, corpusSize)] as const),
  );
}

async function findSimilar(db: Db, coeId: number): Promise<SimilarCoe[]> {
  const own = await featuresOf(db, coeId);
  const weights = await wordWeights(db, own.words);
  const shared = new Map<number, SharedWith>();
  const names = (rows: { id: number; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  const collect = async (kind: SharedKind, nameOf: ReadonlyMap<number | string, string>, link: Link) => {
    for (const r of await othersSharing(db, coeId, [...nameOf.keys()], link)) {
      const name = r.key === null ? undefined : nameOf.get(r.key);
      if (name === undefined) continue;
      const entry = shared.get(r.coeId) ?? { coeId: r.coeId, categories: [], services: [], tags: [], words: [] };
      if (!entry[kind].includes(name)) entry[kind].push(name);
      shared.set(r.coeId, entry);
    }
  };

  await collect("categories", names(own.categories), {
    table: whyNodes,
    coeId: whyNodes.coeId,
    key: whyNodes.categoryId,
    where: eq(whyNodes.isRootCause, true),
  });
  await collect("services", names(own.services), { table: coeServices, coeId: coeServices.coeId, key: coeServices.serviceId });
  await collect("tags", names(own.tags), { table: coeTags, coeId: coeTags.coeId, key: coeTags.tagId });
  // A COE shares several words at once: three times the rows, ordered by word too so the limit cuts in the same place on either engine.
  await collect("words", new Map([...weights.keys()].map((w) => [w, w])), {
    table: coeKeywords,
    coeId: coeKeywords.coeId,
    key: coeKeywords.term,
    limit: CANDIDATES_PER_KIND * 3,
    thenBy: sql`${coeKeywords.term}`,
  });

  return rankSimilar([...shared.values()], weights);
}

type SharedKind = Exclude<keyof SharedWith, "coeId">;

/** A table linking COEs to one kind of thing they can share: which column names the COE, which the thing. */
type Link = { table: PgTable; coeId: ColumnOf<number, true>; key: ColumnOf<number> | ColumnOf<string>; where?: SQL; limit?: number; thenBy?: SQL };
type ColumnOf<T, NotNull extends boolean = boolean> = PgColumn<ColumnBaseConfig<ColumnDataType, string> & { data: T; notNull: NotNull }>;

/** The newest other COEs' rows in `link` whose key is one of `keys` (none asked for: none read). */
async function othersSharing(db: Db, coeId: number, keys: (number | string)[], link: Link): Promise<{ coeId: number; key: number | string | null }[]> {
  if (keys.length === 0) return [];
  return db
    .select({ coeId: link.coeId, key: link.key })
    .from(link.table)
    .where(and(inArray(link.key, keys), link.where, ne(link.coeId, coeId)))
    .orderBy(desc(link.coeId), ...(link.thenBy ? [link.thenBy] : []))
    .limit(link.limit ?? CANDIDATES_PER_KIND);
}
