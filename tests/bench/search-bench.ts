/**
 * Full-text search speed (issue 13: p95 ≤ 10 ms at 10,000 COEs for any query in a mixed set), on
 * the engine the environment names (DATABASE_URL: PostgreSQL, else the DATABASE_PATH file), calling
 * the data function in-process. `npm run bench` runs it once per engine in a child process (the
 * schema module binds one engine per process) and reads the JSON line it prints last.
 * Alone: `DATABASE_PATH=… npx tsx tests/bench/search-bench.ts`.
 */
import { pathToFileURL } from "node:url";
import type { SearchFilters } from "../../app/domain/search/filters";

export type SearchBenchClass = { name: string; queries: number; runs: number; p50Ms: number; p95Ms: number; maxMs: number; results: number };

type Probe = { q: string; filters?: SearchFilters };

/** Query classes over the bench seed's factory COEs (tests/factories.ts): how many COEs hold each word differs by orders of magnitude. */
export const SEARCH_CLASSES: Record<string, Probe[]> = {
  "rare word": [{ q: "editor" }, { q: '"500 node"' }, { q: "nonexistentword" }],
  "word in nearly every COE": [{ q: "minutes" }, { q: "canary" }, { q: "customers retried" }],
  phrase: [{ q: '"canary stage"' }, { q: '"error rate back to baseline"' }, { q: '"object store uploads"' }],
  prefix: [{ q: "dep*" }, { q: "roll*" }, { q: "authoris*" }],
  exclusion: [{ q: "minutes -canary" }, { q: 'canary -"sign ins"' }, { q: "alarm -minutes" }],
  "with filters": [
    { q: "minutes", filters: { severity: 1 } },
    { q: "canary", filters: { state: "in_review", severity: 5 } },
    { q: "rollback", filters: { from: "2024-06-01", to: "2024-06-30" } },
  ],
};

const RUNS = 40;
const WARMUPS = 5;

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Every class: each query WARMUPS times unmeasured, then RUNS times measured (interleaved across the class's queries). */
export async function runSearchBench(): Promise<SearchBenchClass[]> {
  const { migrateDatabase, db } = await import("../../app/data/db.server");
  const { searchCoes } = await import("../../app/data/search.server");
  const { parseSearchQuery } = await import("../../app/domain/search/query");
  await migrateDatabase(); // indexes whatever the copy to PostgreSQL did not carry
  const out: SearchBenchClass[] = [];
  for (const [name, probes] of Object.entries(SEARCH_CLASSES)) {
    const parsed = probes.map((p) => ({ query: parseSearchQuery(p.q), filters: p.filters ?? {} }));
    for (let i = 0; i < WARMUPS; i++) for (const p of parsed) await searchCoes(db(), p.query, p.filters);
    const times: number[] = [];
    let results = 0;
    for (let i = 0; i < RUNS; i++)
      for (const p of parsed) {
        const start = performance.now();
        const outcome = await searchCoes(db(), p.query, p.filters);
        times.push(performance.now() - start);
        if (i === 0) results += outcome.matched;
      }
    times.sort((a, b) => a - b);
    out.push({ name, queries: probes.length, runs: times.length, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: times.at(-1)!, results });
  }
  return out;
}

export const SEARCH_JSON_PREFIX = "SEARCH_BENCH_JSON ";

export function searchTable(label: string, classes: SearchBenchClass[]): string {
  const row = (c: SearchBenchClass) =>
    `  ${c.name.padEnd(26)} p50 ${c.p50Ms.toFixed(2).padStart(6)} ms  p95 ${c.p95Ms.toFixed(2).padStart(6)} ms  max ${c.maxMs.toFixed(2).padStart(6)} ms  (${c.queries} queries × ${c.runs / c.queries} runs; ${c.results} matched in all)`;
  return [`search, ${label} (searchCoes in-process)`, ...classes.map(row)].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const classes = await runSearchBench();
  const { closeDb } = await import("../../app/data/db.server");
  await closeDb();
  console.log(searchTable(process.env.DATABASE_URL ? "PostgreSQL" : "SQLite", classes));
  console.log(SEARCH_JSON_PREFIX + JSON.stringify(classes));
}
