/**
 * HTTP benchmark of the production build against 5,000 seeded COEs, on SQLite and on PostgreSQL,
 * with one and with two server processes. See tests/bench/README.md.
 * Run with `npm run bench` (BENCH_BUILD=1 forces a fresh `react-router build`).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuild } from "../setup/build";
import type { TestPostgres } from "../setup/postgres";
import { startServer, stopServer, type Server } from "../setup/server-process";
import { ratioMatrix, scalingTable } from "./compare";
import { copyToPostgres, type PostgresCopy } from "./copy-to-postgres";
import type { Db } from "../../db/client";
import { ROUTES } from "./goals";
import { benchRoutes, LOAD, routesTable, type RoutesResult, type Target } from "./routes";
import { DEFAULT_SCENARIOS, parseScenarios, type Scenario } from "./scenarios";
import { SEARCH_JSON_PREFIX, searchTable, type SearchBenchClass } from "./search-bench";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const COE_COUNT = Number(process.env.BENCH_COES ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const SESSION_SECRET = "coe-bench-session-secret-not-for-production";

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

/** What every scenario measures: the same rows, read from the SQLite file or from its copy in PostgreSQL. */
type Seeded = { coes: number; seedMs: number; perCoeMs: number; cookie: string; targets: Target[]; drafts: number[]; similarViewUs: number };

const TRENDS_PATH = "/trends?from=2024-01&to=2024-12";
const COE_PAGE_ROUTE = "COE page (factory COE)";
const TRENDS_ROUTE = ROUTES.trends;

/** What the trends page's cache saves: its figures computed from the database, once cold and then warm. */
async function timeTrendsWithoutCache(db: Db) {
  const { trendsFigures } = await import("../../app/data/trends.server");
  const { parseTrendsQuery } = await import("../../app/domain/trends/period");
  const query = parseTrendsQuery(new URL(TRENDS_PATH, "http://bench").searchParams);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await trendsFigures(db, query, new Date());
    times.push(performance.now() - t0);
  }
  console.log(`trends: figures without the cache in ${times.map((t) => t.toFixed(0)).join(", ")} ms (5 runs, SQLite)`);
}

/** Seeds the SQLite file, signs the bench author in, and names the routes with the content each must show. */
async function seedFile(scenarios: Scenario[]): Promise<Seeded> {
  const { getDb, closeDb, rawRows } = await import("../../db/client");
  const { seed, seedOwnedItems, seedReviewScenes, BIG_TREE_TITLE, COMMENTED_TITLE } = await import("./seed");
  const { createSession } = await import("../../app/auth/session.server");
  const { insertCoe } = await import("../factories");
  const { sql } = await import("drizzle-orm");

  const db = getDb();
  console.log(`seed: ${COE_COUNT.toLocaleString("en")} factory COEs + 1 with a 500-node whys tree into ${process.env.DATABASE_PATH} …`);
  const seeded = await seed(db, COE_COUNT);
  console.log(`seed: ${seeded.coeCount.toLocaleString("en")} COEs in ${(seeded.seedMs / 1000).toFixed(1)} s (${seeded.perCoeMs.toFixed(2)} ms per COE)`);
  const agenda = (await rawRows<{ id: number }>(db, sql`select id from coes where status = 'in_review' order by id limit 40`)).map((r) => r.id);
  const review = await seedReviewScenes(db, seeded.userId, agenda);
  const ownedTitle = await seedOwnedItems(db, seeded.userId, 2000);
  const cookie = (await createSession(seeded.userId)).split(";")[0]!;
  const similarViewUs = await measureSimilarCoes(db, seeded.typicalCoeId);
  const title = async (id: number) => (await rawRows<{ title: string }>(db, sql`select title from coes where id = ${id}`))[0]!.title;
  // `where` and `order` are this file's own constants, never input.
  const firstTitle = async (where: string, order: string) =>
    (await rawRows<{ title: string }>(db, sql.raw(`select title from coes ${where} order by ${order} limit 1`)))[0]!.title;
  const targets: Target[] = [
    { name: "/healthz", path: "/healthz", expect: "ok" },
    { name: "COE list, page 1", path: "/coes", expect: escapeHtml(await firstTitle("", "updated_at desc, id desc")) },
    {
      name: "COE list, in_review by severity",
      path: "/coes?status=in_review&sort=severity",
      expect: escapeHtml(await firstTitle("where status = 'in_review'", "severity asc, updated_at desc, id desc")),
    },
    { name: COE_PAGE_ROUTE, path: `/coes/${seeded.typicalCoeId}`, expect: escapeHtml(await title(seeded.typicalCoeId)) },
    { name: "COE page with 500-node tree", path: `/coes/${seeded.bigCoeId}`, expect: escapeHtml(BIG_TREE_TITLE) },
    { name: "COE page with 200 comments", path: `/coes/${review.commentedCoeId}`, expect: escapeHtml(COMMENTED_TITLE) },
    { name: "Meeting page, 40 COEs on the agenda", path: `/meetings/${review.meetingId}`, expect: escapeHtml(await title(agenda[39]!)) },
    { name: "My action items, owner of 2,000", path: "/action-items", expect: escapeHtml(ownedTitle) },
    // A word in nearly every COE: the search page's most expensive kind of query (capped candidate set, ranked, 20 snippets).
    { name: "Search, a word in every COE", path: "/search?q=minutes", expect: 'class="search-results"' },
    // Every seeded COE was opened in 2024: the period covers them all.
    { name: TRENDS_ROUTE, path: TRENDS_PATH, expect: "January 2024 – December 2024:" },
    // Not one of the COE pages: the smallest server-rendered document, to show the floor any page pays for SSR.
    { name: "/login, no cookie (SSR floor)", path: "/login", expect: 'name="password"', anonymous: true },
  ];
  await timeTrendsWithoutCache(db);
  // A draft per scenario that the bench user may edit: its edit page and its autosave are measured, each from version 0.
  const drafts: number[] = [];
  for (const s of scenarios)
    drafts.push(await insertCoe(db, { status: "draft", title: `Bench draft for the editor (${s.label})` }, { actorId: seeded.userId }));
  await closeDb(); // checkpoint the WAL; the servers open their own connections
  return { coes: seeded.coeCount, seedMs: seeded.seedMs, perCoeMs: seeded.perCoeMs, cookie, targets, drafts, similarViewUs };
}

/**
 * What "similar COEs" adds to a COE page, in-process on the seed: finding them once, then each view
 * while the answer is kept (issue 13: the COE page's ratio may drop by at most 5 %). Compare the kept
 * figure with the typical COE page's time per request (1 ÷ its req/s) in the table below.
 */
async function measureSimilarCoes(db: import("../../db/client").Db, coeId: number) {
  const { similarCoes, forgetSimilarCoes } = await import("../../app/data/similar-coes.server");
  forgetSimilarCoes(db);
  let start = performance.now();
  const found = await similarCoes(db, coeId);
  const findMs = performance.now() - start;
  const views = 2000;
  start = performance.now();
  for (let i = 0; i < views; i++) await similarCoes(db, coeId);
  const keptUs = ((performance.now() - start) / views) * 1000;
  console.log(
    `similar COEs of the typical COE: ${found.length} found in ${findMs.toFixed(1)} ms; each view while kept ${keptUs.toFixed(0)} µs (compared with the COE page's time per request below)`,
  );
  return keptUs;
}

/** Issue 13: similar COEs may cost the COE page at most 5 % of its throughput — their kept view's time as a share of the page's time per request and process. */
function similarShare(scenario: Scenario, routes: RoutesResult, similarViewUs: number) {
  const page = routes.rows.find((r) => r.route === COE_PAGE_ROUTE);
  if (!page) return;
  const perRequestUs = (scenario.processes / page.reqPerSec) * 1e6;
  console.log(
    `similar COEs on the typical COE page: ${similarViewUs.toFixed(0)} µs of its ${perRequestUs.toFixed(0)} µs per request and process = ${((similarViewUs / perRequestUs) * 100).toFixed(1)} % (goal ≤ 5 %)`,
  );
}

type ScenarioResult = {
  scenario: Scenario;
  routes: RoutesResult;
  autosave: Awaited<ReturnType<typeof import("./autosave").measureAutosave>>;
  search?: SearchBenchClass[];
};

/** Search speed on one engine, in a child process (db/schema.ts binds one engine per process); it also fills that engine's index. */
function benchSearch(env: Record<string, string>, label: string): SearchBenchClass[] {
  const output = execFileSync(process.execPath, ["--import", "tsx", "tests/bench/search-bench.ts"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const line = output.split("\n").find((l) => l.startsWith(SEARCH_JSON_PREFIX));
  if (!line) throw new Error(`search bench (${label}) printed no results:\n${output}`);
  const classes = JSON.parse(line.slice(SEARCH_JSON_PREFIX.length)) as SearchBenchClass[];
  console.log(`\n${searchTable(label, classes)}`);
  return classes;
}

/** One scenario: a server on its engine with its number of processes, every route measured, then autosave. */
type ScenarioRun = { env: Record<string, string>; draftId: number; withClientJs: boolean; hold: (s: Server | undefined) => void };
async function runScenario(scenario: Scenario, seeded: Seeded, { env, draftId, withClientJs, hold }: ScenarioRun) {
  const server = await startServer(ROOT, { ...env, SESSION_SECRET, WEB_CONCURRENCY: String(scenario.processes) });
  hold(server);
  try {
    console.log(`\n${scenario.label}: ${server.origin}`);
    const routes = await benchRoutes(server, seeded.cookie, seeded.targets, ROUNDS, DURATION_S);
    console.log(`\n${routesTable(routes.rows)}`);
    console.log(
      `÷ /healthz uses /healthz over all rounds (${routes.baseline.toFixed(0)} req/s; its rounds differ by up to ${(routes.drift * 100).toFixed(1)}%).`,
    );
    warnIfBusy(routes);
    similarShare(scenario, routes, seeded.similarViewUs);
    // Autosave: one author's saves of one section at a steady 25 writes/s.
    const { measureAutosave } = await import("./autosave");
    const autosave = await measureAutosave(server.origin, seeded.cookie, draftId, DURATION_S);
    console.log(
      `autosave at 25 writes/s for ${DURATION_S} s: ${autosave.writes} writes, p50 ${autosave.p50Ms} ms, p99 ${autosave.p99Ms} ms, non-2xx ${autosave.non2xx}, errors ${autosave.errors}`,
    );
    if (autosave.non2xx || autosave.errors) throw new Error(`${scenario.label}: autosave writes failed (see non-2xx / errors above)`);
    const clientJs = withClientJs ? await measureClientJsOn(server, seeded.cookie, draftId) : undefined;
    return { result: { scenario, routes, autosave } satisfies ScenarioResult, clientJs };
  } catch (err) {
    // Without the per-request access log lines, which would bury anything the server said.
    const said = server
      .log()
      .split("\n")
      .filter((l) => l.trim() && !/^(GET|HEAD|POST) \//.test(l));
    console.error(`\n--- ${scenario.label}: server output other than its access log (last 40 lines) ---\n${said.slice(-40).join("\n") || "(none)"}`);
    throw err;
  } finally {
    await stopServer(server);
    hold(undefined);
  }
}

function warnIfBusy(routes: RoutesResult) {
  const cores = availableParallelism();
  // The bench itself keeps about two processes busy (a server and autocannon).
  if (Math.max(routes.load.before, routes.load.after) > cores + 2)
    console.log("WARNING: other processes were competing for the CPU; absolute req/s are low and ratios noisy.");
  if (routes.drift > 0.15) console.log("WARNING: the /healthz rounds differ by more than 15%; the machine was busy, so the ratios are noisy.");
}

/** Client JavaScript depends on the build, not the engine: measured on the first scenario only. */
async function measureClientJsOn(server: Server, cookie: string, draftId: number) {
  const { measureClientJs } = await import("./client-js");
  const clientJs = await measureClientJs(ROOT, server.origin, cookie, [
    { name: "COE reading view", path: `/coes/${draftId}` },
    { name: "COE edit view", path: `/coes/${draftId}/edit` },
  ]);
  console.log("client JavaScript (gzip)");
  for (const c of clientJs)
    console.log(
      `  ${c.name.padEnd(18)} ${(c.initialGzipBytes / 1024).toFixed(1)} KB at load${c.lazyEditorGzipBytes ? ` + ${(c.lazyEditorGzipBytes / 1024).toFixed(1)} KB rich-text editor, loaded after hydration` : ""}`,
    );
  return clientJs;
}

const rounded = (r: RoutesResult["rows"][number]) => ({
  ...r,
  reqPerSec: Number(r.reqPerSec.toFixed(1)),
  ratio: Number(r.ratio.toFixed(3)),
  loginRatio: Number(r.loginRatio.toFixed(3)),
  bytesPerResponse: Math.round(r.bytesPerResponse),
});

async function main() {
  process.chdir(ROOT); // db/client resolves db/migrations against the working directory
  const wallStart = performance.now();
  const scenarios = parseScenarios(process.env.BENCH_SCENARIOS ?? DEFAULT_SCENARIOS);
  const tmp = mkdtempSync(join(tmpdir(), "coe-bench-"));
  const dbFile = join(tmp, "bench.db");
  process.env.DATABASE_PATH = dbFile;
  delete process.env.DATABASE_URL; // the seed goes into the file; PostgreSQL gets a copy of it
  process.env.SESSION_SECRET = SESSION_SECRET; // before the session module creates its cookie
  let server: Server | undefined;
  let postgres: TestPostgres | undefined;
  const cleanUp = async () => {
    if (server) await stopServer(server);
    postgres?.stop();
    rmSync(tmp, { recursive: true, force: true });
  };
  // Ctrl-C or a kill of the bench still stops the servers and removes the temp dir.
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the servers and removing ${tmp}`);
      void cleanUp().finally(() => process.exit(130));
    });
  try {
    ensureBuild({ force: process.env.BENCH_BUILD === "1" });
    console.log(`scenarios: ${scenarios.map((s) => s.label).join(" · ")} (BENCH_SCENARIOS=${scenarios.map((s) => `${s.engine}/${s.processes}`).join(",")})`);
    const seeded = await seedFile(scenarios);
    let copy: PostgresCopy | undefined;
    if (scenarios.some((s) => s.engine === "pg")) {
      copy = await copyToPostgres(dbFile);
      postgres = copy.postgres;
    }

    // Search in-process, once per engine, before any server starts (on PostgreSQL it fills the index the copy did not carry).
    const searchByEngine = new Map<string, SearchBenchClass[]>();
    for (const scenario of scenarios)
      if (!searchByEngine.has(scenario.engine))
        searchByEngine.set(
          scenario.engine,
          benchSearch(scenario.engine === "pg" ? { DATABASE_URL: copy!.url } : { DATABASE_PATH: dbFile }, scenario.label.split(",")[0]!),
        );

    const results: ScenarioResult[] = [];
    let clientJs: Awaited<ReturnType<typeof import("./client-js").measureClientJs>> = [];
    for (const [i, scenario] of scenarios.entries()) {
      const env: Record<string, string> = scenario.engine === "pg" ? { DATABASE_URL: copy!.url } : { DATABASE_PATH: dbFile };
      const run = await runScenario(scenario, seeded, { env, draftId: seeded.drafts[i]!, withClientJs: i === 0, hold: (s) => (server = s) });
      results.push({ ...run.result, search: searchByEngine.get(scenario.engine) });
      if (run.clientJs) clientJs = run.clientJs;
    }

    const byScenario = results.map((r) => ({ scenario: r.scenario, rows: r.routes.rows }));
    console.log(`\n${ratioMatrix(byScenario)}`);
    console.log(`\n${scalingTable(byScenario)}`);
    console.log(`(${availableParallelism()} cores; autocannon runs on the same machine and keeps about one of them busy)`);

    // Five-whys layout (pure d3-hierarchy): must fit in one frame for the tree sizes authors build.
    const { runLayoutBench } = await import("./layout-bench");
    const layout = await runLayoutBench();
    console.log("\nfive-whys layout (layoutWhys, 200 runs after warm-up)");
    for (const l of layout) console.log(`  ${String(l.nodes).padStart(5)} nodes: median ${l.medianMs.toFixed(2)} ms, p95 ${l.p95Ms.toFixed(2)} ms`);

    const first = results[0]!;
    const report = {
      at: new Date().toISOString(),
      node: process.version,
      coes: seeded.coes,
      seedSeconds: Number((seeded.seedMs / 1000).toFixed(2)),
      seedMsPerCoe: Number(seeded.perCoeMs.toFixed(3)),
      copyToPostgres: copy && { rows: copy.rows, seconds: Number(copy.copySeconds.toFixed(2)) },
      ...LOAD,
      rounds: ROUNDS,
      durationSeconds: DURATION_S,
      cores: availableParallelism(),
      whyLayout: layout,
      clientJs,
      // The first scenario's figures at the top level, as runs before the engines were measured wrote them (BENCH_BEFORE reads them).
      scenario: first.scenario.label,
      healthzBaselineReqPerSec: Number(first.routes.baseline.toFixed(1)),
      autosave: first.autosave,
      rows: first.routes.rows.map(rounded),
      scenarios: results.map((r) => ({
        ...r.scenario,
        healthzBaselineReqPerSec: Number(r.routes.baseline.toFixed(1)),
        healthzDrift: Number(r.routes.drift.toFixed(3)),
        loadAverage1m: r.routes.load,
        autosave: r.autosave,
        search: r.search,
        rows: r.routes.rows.map(rounded),
      })),
    };
    const outDir = join(tmpdir(), "coe-bench-results");
    mkdirSync(outDir, { recursive: true });
    const outFile = join(outDir, "latest.json");
    // Goals of issue 9, beside the previous run's figures (BENCH_BEFORE=<results.json> to compare with a chosen run). They
    // were set for the embedded engine: the first scenario decides the exit code, the other one-process scenarios are shown.
    const { checkGoals, goalTable } = await import("./goals");
    const beforeFile = process.env.BENCH_BEFORE ?? outFile;
    const before = existsSync(beforeFile)
      ? (JSON.parse(readFileSync(beforeFile, "utf8")) as { at: string; rows: typeof report.rows; clientJs: typeof clientJs })
      : undefined;
    const goals = results
      .filter((r, i) => i === 0 || r.scenario.processes === 1)
      .map((r) => ({ label: r.scenario.label, results: checkGoals({ rows: r.routes.rows, clientJs, search: r.search }, before) }));
    console.log(`\ngoals (before: ${before ? `${beforeFile}, ${before.at}, its first scenario` : "no earlier run"}; ratios to /login of the same server)`);
    console.log(goalTable(goals));
    if (goals.length > 1) console.log(`Only ${goals[0]!.label} decides the exit code; the other columns are reported against the same goals.`);
    writeFileSync(outFile, JSON.stringify({ ...report, goals }, null, 2) + "\n");
    console.log(`\nresults: ${outFile}`);
    console.log(`wall time: ${((performance.now() - wallStart) / 1000).toFixed(0)} s`);
    if (goals[0]!.results.some((r) => r.pass === false)) process.exitCode = 2;
  } finally {
    await cleanUp();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(`\nBENCH FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
