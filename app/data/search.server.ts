import { asc, sql, type SQL } from "drizzle-orm";
import { rawRows, type Db } from "../../db/client";
import { engineKind } from "../../db/engine-kind";
import { rootCauseCategories, services, tags } from "../../db/schema";
import { PAGE_SECTIONS, type PageSectionId } from "../domain/coe/page-sections";
import type { CoeStatus } from "../domain/enums";
import type { SearchFilters, SearchParams } from "../domain/search/filters";
import { fts5Match, parseSearchQuery, tsquery, unsearchableReason, type ParsedQuery } from "../domain/search/query";
import { CANDIDATE_LIMIT, rankCandidates, type Candidate } from "../domain/search/rank";
import { sectionsOfIndexed } from "../domain/search/document";
import type { SearchResult } from "../domain/search/result";
import { buildSnippet } from "../domain/search/snippet";
import { listTeams } from "./coe-list.server";
import { addDays } from "../domain/calendar-date";

export const RESULTS_PER_PAGE = 20;


export type SearchOutcome = { results: SearchResult[]; matched: number; isCapped: boolean; pageCount: number };

/** The engine-specific half of the candidate query: the full-text match, written from the same parsed query. */
function matchClause(query: ParsedQuery): { from: SQL; id: SQL } {
  if (engineKind() === "pg") return { from: sql`coe_fts f join coes c on c.id = f.coe_id join teams t on t.id = c.team_id where f.doc @@ to_tsquery('simple', ${tsquery(query)})`, id: sql`f.coe_id` };
  return { from: sql`coe_fts m join coe_fts_docs f on f.coe_id = m.rowid join coes c on c.id = m.rowid join teams t on t.id = c.team_id where m.coe_fts match ${fts5Match(query)}`, id: sql`m.rowid` };
}

function filterClauses(f: SearchFilters): SQL[] {
  const clauses: (SQL | undefined)[] = [
    f.team === undefined ? undefined : sql`c.team_id = ${f.team}`,
    f.severity === undefined ? undefined : sql`c.severity = ${f.severity}`,
    f.state === undefined ? undefined : sql`c.status = ${f.state}`,
    f.service === undefined ? undefined : sql`exists (select 1 from coe_services x where x.coe_id = c.id and x.service_id = ${f.service})`,
    f.tag === undefined ? undefined : sql`exists (select 1 from coe_tags x where x.coe_id = c.id and x.tag_id = ${f.tag})`,
    f.category === undefined ? undefined : sql`exists (select 1 from why_nodes x where x.coe_id = c.id and x.category_id = ${f.category})`,
    // Ranges over the stored text (it starts with its day), not over substr() of it: the index on impact_started_at serves them.
    f.from === undefined ? undefined : sql`c.impact_started_at >= ${f.from}`,
    f.to === undefined ? undefined : sql`c.impact_started_at < ${addDays(f.to, 1)}`,
  ];
  return clauses.filter((c): c is SQL => c !== undefined);
}

type CandidateRow = { id: number; body: string; sections: string; impact_started_at: string | null; title: string; team: string; severity: number; status: CoeStatus };

type Found = Candidate & Pick<SearchResult, "title" | "team" | "severity" | "status">;

/**
 * The newest matching COEs, one more than the limit (so a cap can be told from an exact count),
 * each with what ranking needs (its indexed text, section names and incident start) and what a
 * result shows: one row each, in one round trip.
 */
async function candidatesFor(db: Db, query: ParsedQuery, filters: SearchFilters): Promise<Found[]> {
  const { from, id } = matchClause(query);
  const where = filterClauses(filters).map((c) => sql` and ${c}`);
  const rows = await rawRows<CandidateRow>(
    db,
    sql`select ${id} as id, f.body, f.sections, c.impact_started_at, c.title, t.name as team, c.severity, c.status
        from ${from}${sql.join(where)} order by ${id} desc limit ${CANDIDATE_LIMIT + 1}`,
  );
  return rows.map((r) => {
    const at = r.impact_started_at ? Date.parse(r.impact_started_at) : NaN;
    const sections = sectionsOfIndexed(r.body, r.sections);
    return { id: Number(r.id), incidentAt: Number.isNaN(at) ? null : at, sections, title: r.title, team: r.team, severity: Number(r.severity), status: r.status };
  });
}

const list = (values: (number | string)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** The words a reader sees in each wanted section, keyed "id:section" (the shown page's COEs × their sections: a few dozen rows at most). */
async function plainTextOf(db: Db, wanted: { id: number; section: PageSectionId }[]): Promise<Map<string, string>> {
  if (!wanted.length) return new Map();
  const ids = [...new Set(wanted.map((w) => w.id))];
  const sections = [...new Set(wanted.map((w) => w.section))];
  const rows = await rawRows<{ coe_id: number; section: string; plain: string }>(
    db,
    sql`select coe_id, section, plain from coe_fts_sections where coe_id in (${list(ids)}) and section in (${list(sections)})`,
  );
  return new Map(rows.map((r) => [`${Number(r.coe_id)}:${r.section}`, r.plain]));
}

const LABELS = new Map<string, string>(PAGE_SECTIONS.map((s) => [s.id, s.label]));

/**
 * Full-text search with the same results on both engines: the engine finds the newest
 * CANDIDATE_LIMIT COEs matching the query and filters; ranking, the section to link to and the
 * snippet are computed here, the same way for both (rank.ts, snippet.ts).
 */
export async function searchCoes(db: Db, query: ParsedQuery, filters: SearchFilters, page = 1): Promise<SearchOutcome> {
  const found = await candidatesFor(db, query, filters);
  const isCapped = found.length > CANDIDATE_LIMIT;
  const kept = found.slice(0, CANDIDATE_LIMIT);
  if (!kept.length) return { results: [], matched: 0, isCapped: false, pageCount: 1 };
  const ranked = rankCandidates(kept, query.include);
  const shown = ranked.slice((page - 1) * RESULTS_PER_PAGE, page * RESULTS_PER_PAGE);
  const coeById = new Map(kept.map((c) => [c.id, c]));
  const plain = await plainTextOf(db, shown);
  const results = shown.map((r) => {
    const { title, team, severity, status } = coeById.get(r.id)!;
    const snippet = buildSnippet(plain.get(`${r.id}:${r.section}`) ?? "", query.include);
    return { id: r.id, title, team, severity, status, section: r.section, sectionLabel: LABELS.get(r.section)!, snippet };
  });
  return { results, matched: kept.length, isCapped, pageCount: Math.max(1, Math.ceil(ranked.length / RESULTS_PER_PAGE)) };
}

/** What the search page's filters offer. */
export async function searchFilterOptions(db: Db) {
  const named = (rows: { id: number; name: string }[]) => rows.map((r) => ({ value: r.id, label: r.name }));
  return {
    teams: named(await listTeams(db)),
    services: named(await db.select({ id: services.id, name: services.name }).from(services).orderBy(asc(services.name))),
    tags: named(await db.select({ id: tags.id, name: tags.name }).from(tags).orderBy(asc(tags.name))),
    categories: named(await db.select({ id: rootCauseCategories.id, name: rootCauseCategories.name }).from(rootCauseCategories).orderBy(asc(rootCauseCategories.name))),
  };
}

/** The search page's data: the filters' choices, and the results or why there are none. */
export async function searchPage(db: Db, params: SearchParams) {
  const { q, page, ...filters } = params;
  const query = parseSearchQuery(q);
  const problem = unsearchableReason(query);
  const options = await searchFilterOptions(db);
  if (problem) return { options, notes: query.notes, problem: q.trim() === "" ? undefined : problem, outcome: undefined };
  return { options, notes: query.notes, problem: undefined, outcome: await searchCoes(db, query, filters, page) };
}
