/**
 * HTTP benchmark of the production build against 5,000 seeded COEs. See tests/bench/README.md.
 * Run with `npm run bench` (BENCH_BUILD=1 forces a fresh `react-router build`).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import type { Result } from "autocannon";
import { ensureBuild } from "../setup/build";
import { diagnose, startServer, stopServer, type Server } from "../setup/server-process";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const COE_COUNT = Number(process.env.BENCH_COES ?? 5000);
const CONNECTIONS = 10;
const WARMUP_S = 2;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const SESSION_SECRET = "coe-bench-session-secret-not-for-production";
/** BENCH_GZIP=1 sends `Accept-Encoding: gzip` as browsers do, so the server's compression is measured too. */
const GZIP = process.env.BENCH_GZIP === "1";

/** `anonymous` targets are requested without the session cookie. */
type Target = { name: string; path: string; expect: string; anonymous?: boolean };
type Row = {
  route: string;
  path: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ratio: number;
  /** req/s over /login's in the same run: what the goals are stated in. */
  loginRatio: number;
  bytesPerResponse: number;
  bodyBytes: number;
  requests: number;
};

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

/** One request, to prove the page renders for this user (not a redirect to /login) before it is measured. */
async function precheck(server: Server, cookie: string, target: Target): Promise<number> {
  const res = await fetch(server.origin + target.path, { headers: target.anonymous ? {} : { cookie }, redirect: "manual" });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`precheck ${target.path}: status ${res.status} (location: ${res.headers.get("location") ?? "-"})`);
  if (!body.includes(target.expect)) throw new Error(`precheck ${target.path}: the response does not contain ${JSON.stringify(target.expect)}`);
  return Buffer.byteLength(body);
}

/** Runs autocannon on one route for `duration` seconds; any non-2xx, error or timeout fails the bench. */
async function measure(server: Server, cookie: string, target: Target, phase: string, duration: number): Promise<Result> {
  const headers: Record<string, string> = target.anonymous ? {} : { cookie };
  if (GZIP) headers["accept-encoding"] = "gzip";
  const errors = new Map<string, number>();
  const instance = autocannon({ url: server.origin + target.path, connections: CONNECTIONS, headers, duration }).on("reqError", (e) => {
    const key = (e as NodeJS.ErrnoException).code ?? e.message;
    errors.set(key, (errors.get(key) ?? 0) + 1);
  });
  const result = await instance;
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || result.requests.total === 0)
    throw new Error(
      `${target.path} (${phase}): ${result.requests.total} responses, non2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}; ` +
        `status codes ${JSON.stringify(result.statusCodeStats)}; errors by kind ${JSON.stringify(Object.fromEntries(errors))}; ${await diagnose(server)}`,
    );
  return result;
}

/** A route's rounds taken together: req/s over all of them, the median p50, the worst p99. */
type Measured = { reqPerSec: number; perRound: number[]; p50Ms: number; p99Ms: number; bytes: number; requests: number };
function combine(results: Result[]): Measured {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const requests = results.reduce((n, r) => n + r.requests.total, 0);
  const seconds = results.reduce((n, r) => n + r.duration, 0);
  return {
    reqPerSec: requests / seconds,
    perRound: results.map((r) => r.requests.average),
    p50Ms: median(results.map((r) => r.latency.p50)),
    p99Ms: Math.max(...results.map((r) => r.latency.p99)),
    bytes: results.reduce((n, r) => n + r.throughput.total, 0),
    requests,
  };
}

function printTable(rows: Row[]) {
  const head = ["route", "req/s", "p50 ms", "p99 ms", "÷ /login", "÷ /healthz", "bytes/resp", "body bytes"];
  const cells = rows.map((r) => [
    r.route,
    r.reqPerSec.toFixed(0),
    r.p50Ms.toFixed(1),
    r.p99Ms.toFixed(1),
    r.loginRatio.toFixed(2),
    r.ratio.toFixed(2),
    r.bytesPerResponse.toFixed(0),
    String(r.bodyBytes),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "─".repeat(w)).join("  "));
  for (const c of cells) console.log(line(c));
}

async function main() {
  process.chdir(ROOT); // db/client resolves db/migrations against the working directory
  const wallStart = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), "coe-bench-"));
  const dbFile = join(tmp, "bench.db");
  process.env.DATABASE_PATH = dbFile;
  process.env.SESSION_SECRET = SESSION_SECRET; // before the session module creates its cookie
  let server: Server | undefined;
  // Ctrl-C or a kill of the bench still stops the server and removes the temp dir.
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the server and removing ${tmp}`);
      void (server ? stopServer(server) : Promise.resolve()).finally(() => {
        rmSync(tmp, { recursive: true, force: true });
        process.exit(130);
      });
    });
  try {
    ensureBuild({ force: process.env.BENCH_BUILD === "1" });

    const { getDb, closeDb } = await import("../../db/client");
    const { seed, BIG_TREE_TITLE } = await import("./seed");
    const { createSession } = await import("../../app/auth/session.server");

    const db = getDb();
    console.log(`seed: ${COE_COUNT.toLocaleString("en")} factory COEs + 1 with a 500-node whys tree into ${dbFile} …`);
    const seeded = await seed(db, COE_COUNT);
    console.log(`seed: ${seeded.coeCount.toLocaleString("en")} COEs in ${(seeded.seedMs / 1000).toFixed(1)} s (${seeded.perCoeMs.toFixed(2)} ms per COE)`);

    const cookie = (await createSession(seeded.userId)).split(";")[0]!;
    const { rawRows } = await import("../../db/client");
    const { sql } = await import("drizzle-orm");
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
      { name: "COE page (factory COE)", path: `/coes/${seeded.typicalCoeId}`, expect: escapeHtml(await title(seeded.typicalCoeId)) },
      { name: "COE page with 500-node tree", path: `/coes/${seeded.bigCoeId}`, expect: escapeHtml(BIG_TREE_TITLE) },
      // Not one of the COE pages: the smallest server-rendered document, to show the floor any page pays for SSR.
      { name: "/login, no cookie (SSR floor)", path: "/login", expect: 'name="password"', anonymous: true },
    ];
    // A draft the bench user may edit: its edit page and its autosave are measured too.
    const { insertCoe } = await import("../factories");
    const draftId = await insertCoe(db, { status: "draft", title: "Bench draft for the editor" }, { actorId: seeded.userId });
    await closeDb(); // checkpoint the WAL; the server opens its own connection

    server = await startServer(ROOT, { DATABASE_PATH: dbFile, SESSION_SECRET });
    console.log(`server: ${server.origin} (pid ${server.proc.pid})`);

    const bodyBytes = new Map<string, number>();
    for (const t of targets) bodyBytes.set(t.path, await precheck(server, cookie, t));
    console.log(`precheck: all ${targets.length} routes answer 200 with the expected content\n`);

    // Every route is warmed up, then measured in ROUNDS interleaved rounds (/healthz, the pages, /login, and
    // again): a machine that slows down or speeds up during the run then weighs on every route alike, so the
    // ratios hold where one long run per route in sequence moved ±10 %.
    const loadStart = loadavg()[0]!;
    const roundSeconds = Math.max(1, Math.round(DURATION_S / ROUNDS));
    for (const target of targets) await measure(server, cookie, target, "warm-up", WARMUP_S);
    const runs = new Map<Target, Result[]>(targets.map((t) => [t, []]));
    console.log(
      `measuring ${targets.length} routes: ${WARMUP_S} s warm-up each, then ${ROUNDS} rounds of 1 s warm-up + ${roundSeconds} s each (c=${CONNECTIONS}${GZIP ? ", gzip" : ""})`,
    );
    for (let round = 1; round <= ROUNDS; round++) {
      const rates: string[] = [];
      for (const target of targets) {
        // A second of warm-up per round, so what the previous route left behind (garbage, cold caches) is not charged to this one.
        await measure(server, cookie, target, `round ${round} warm-up`, 1);
        const result = await measure(server, cookie, target, `round ${round}`, roundSeconds);
        runs.get(target)!.push(result);
        rates.push(`${target.path} ${result.requests.average.toFixed(0)}`);
      }
      console.log(`  round ${round}: ${rates.join(" · ")} req/s`);
    }
    const results = targets.map((target) => ({ target, measured: combine(runs.get(target)!) }));
    const health = results[0]!.measured;
    const baseline = health.reqPerSec;
    const drift = (Math.max(...health.perRound) - Math.min(...health.perRound)) / baseline;

    const loginRate = results.find(({ target }) => target.path === "/login")!.measured.reqPerSec;
    const rows: Row[] = results.map(({ target, measured }) => ({
      route: target.name,
      path: target.path,
      reqPerSec: measured.reqPerSec,
      p50Ms: measured.p50Ms,
      p99Ms: measured.p99Ms,
      ratio: measured.reqPerSec / baseline,
      loginRatio: measured.reqPerSec / loginRate,
      bytesPerResponse: measured.bytes / measured.requests,
      bodyBytes: bodyBytes.get(target.path) ?? 0,
      requests: measured.requests,
    }));
    console.log("");
    printTable(rows);
    console.log(`\n÷ /healthz uses /healthz over all rounds (${baseline.toFixed(0)} req/s; its rounds differ by up to ${(drift * 100).toFixed(1)}%).`);
    console.log("bytes/resp is what autocannon read per response (headers + body); body bytes is the HTML of one precheck fetch.");
    const cores = availableParallelism();
    const loadEnd = loadavg()[0]!;
    // The bench itself keeps about two processes busy (the server and autocannon).
    console.log(`load average (1 min): ${loadStart.toFixed(2)} before measuring, ${loadEnd.toFixed(2)} at the end, on ${cores} cores`);
    if (Math.max(loadStart, loadEnd) > cores + 2) console.log("WARNING: other processes were competing for the CPU; absolute req/s are low and ratios noisy.");
    if (drift > 0.15) console.log("WARNING: the /healthz rounds differ by more than 15%; the machine was busy, so the ratios are noisy.");

    // Client JavaScript: the reading view must ship no editor; the edit page loads TipTap lazily.
    const { measureClientJs } = await import("./client-js");
    const clientJs = await measureClientJs(ROOT, server.origin, cookie, [
      { name: "COE reading view", path: `/coes/${draftId}` },
      { name: "COE edit view", path: `/coes/${draftId}/edit` },
    ]);
    console.log("\nclient JavaScript (gzip)");
    for (const c of clientJs)
      console.log(
        `  ${c.name.padEnd(18)} ${(c.initialGzipBytes / 1024).toFixed(1)} KB at load${c.lazyEditorGzipBytes ? ` + ${(c.lazyEditorGzipBytes / 1024).toFixed(1)} KB rich-text editor, loaded after hydration` : ""}`,
      );

    // Autosave: one author's saves of one section at a steady 25 writes/s.
    const { measureAutosave } = await import("./autosave");
    const autosave = await measureAutosave(server.origin, cookie, draftId, DURATION_S);
    console.log(
      `\nautosave at 25 writes/s for ${DURATION_S} s: ${autosave.writes} writes, p50 ${autosave.p50Ms} ms, p99 ${autosave.p99Ms} ms, non-2xx ${autosave.non2xx}, errors ${autosave.errors}`,
    );
    if (autosave.non2xx || autosave.errors) throw new Error("autosave writes failed (see non-2xx / errors above)");

    // Five-whys layout (pure d3-hierarchy): must fit in one frame for the tree sizes authors build.
    const { runLayoutBench } = await import("./layout-bench");
    const layout = await runLayoutBench();
    console.log("\nfive-whys layout (layoutWhys, 200 runs after warm-up)");
    for (const l of layout) console.log(`  ${String(l.nodes).padStart(5)} nodes: median ${l.medianMs.toFixed(2)} ms, p95 ${l.p95Ms.toFixed(2)} ms`);

    const outDir = join(tmpdir(), "coe-bench-results");
    mkdirSync(outDir, { recursive: true });
    const outFile = join(outDir, "latest.json");
    const report = {
      at: new Date().toISOString(),
      node: process.version,
      coes: seeded.coeCount,
      seedSeconds: Number((seeded.seedMs / 1000).toFixed(2)),
      seedMsPerCoe: Number(seeded.perCoeMs.toFixed(3)),
      connections: CONNECTIONS,
      acceptEncoding: GZIP ? "gzip" : "none",
      warmupSeconds: WARMUP_S,
      rounds: ROUNDS,
      durationSeconds: DURATION_S,
      healthzBaselineReqPerSec: Number(baseline.toFixed(1)),
      healthzDrift: Number(drift.toFixed(3)),
      loadAverage1m: { beforeMeasuring: Number(loadStart.toFixed(2)), atEnd: Number(loadEnd.toFixed(2)), cores },
      whyLayout: layout,
      clientJs,
      autosave,
      rows: rows.map((r) => ({
        ...r,
        reqPerSec: Number(r.reqPerSec.toFixed(1)),
        ratio: Number(r.ratio.toFixed(3)),
        loginRatio: Number(r.loginRatio.toFixed(3)),
        bytesPerResponse: Math.round(r.bytesPerResponse),
      })),
    };
    // Goals of issue 9, beside the previous run's figures (BENCH_BEFORE=<results.json> to compare with a chosen run).
    const { checkGoals, goalTable } = await import("./goals");
    const beforeFile = process.env.BENCH_BEFORE ?? outFile;
    const before = existsSync(beforeFile) ? (JSON.parse(readFileSync(beforeFile, "utf8")) as typeof report) : undefined;
    const goals = checkGoals(report, before);
    console.log(`\ngoals (before: ${before ? `${beforeFile}, ${before.at}` : "no earlier run"}; ratios to /login of the same run)`);
    console.log(goalTable(goals));
    writeFileSync(outFile, JSON.stringify({ ...report, goals }, null, 2) + "\n");
    console.log(`\nresults: ${outFile}`);
    console.log(`wall time: ${((performance.now() - wallStart) / 1000).toFixed(0)} s`);
    if (goals.some((g) => g.pass === false)) process.exitCode = 2;
  } catch (err) {
    if (server) {
      // Without the per-request access log lines, which would bury anything the server said.
      const said = server
        .log()
        .split("\n")
        .filter((l) => l.trim() && !/^(GET|HEAD|POST) \//.test(l));
      console.error(`\n--- server output other than its access log (last 40 lines) ---\n${said.slice(-40).join("\n") || "(none)"}`);
    }
    throw err;
  } finally {
    if (server) await stopServer(server);
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(`\nBENCH FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
