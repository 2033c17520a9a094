/**
 * CPU profile of the production server under load, one route at a time: `npx tsx tests/bench/profile.ts [path-kind…]`
 * with kinds `list`, `filtered`, `typical`, `big`, `comments`, `meeting`, `login` (default: list, typical, big, login). Seeds like the bench (BENCH_COES, default 5000),
 * starts `node --cpu-prof build/server/index.js`, runs autocannon (c=10, BENCH_DURATION s, default 8) and prints
 * the functions with the most self time and the source files with the most self time. The raw
 * `.cpuprofile` (open it in Chrome DevTools → Performance) is kept in `$TMPDIR/coe-bench-profiles/`.
 * `PROFILE_ENGINE=pg` profiles the server on PostgreSQL (a copy of the seed, as the bench makes). One server process.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { ensureBuild } from "../setup/build";
import { freePort } from "../setup/server-process";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const COE_COUNT = Number(process.env.BENCH_COES ?? 5000);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
const SESSION_SECRET = "coe-bench-session-secret-not-for-production";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

/** Self time per function and per file, as shares of all samples (idle and GC included, so they show). */
export function summarize(profile: Profile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfByFn = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  const total = profile.samples.length;
  for (const id of profile.samples) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const file =
      url
        .replace(/^file:\/\//, "")
        .replace(ROOT, "")
        .replace(/.*node_modules\//, "nm/") || "(native)";
    const fn = `${functionName || "(anonymous)"}  ${file}:${lineNumber + 1}`;
    selfByFn.set(fn, (selfByFn.get(fn) ?? 0) + 1);
    const pkg = file.startsWith("nm/")
      ? file
          .split("/")
          .slice(0, file.startsWith("nm/@") ? 3 : 2)
          .join("/")
      : file;
    selfByFile.set(pkg, (selfByFile.get(pkg) ?? 0) + 1);
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)} %  ${k}`);
  // Inclusive ("total") time of the app's own functions: a sample counts once for every distinct function on its stack.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const totalByAppFn = new Map<string, number>();
  for (const id of profile.samples) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
      if (!url.includes("/build/server/")) continue;
      seen.add(`${functionName || "(anonymous)"}  :${lineNumber + 1}`);
    }
    for (const fn of seen) totalByAppFn.set(fn, (totalByAppFn.get(fn) ?? 0) + 1);
  }
  return { functions: rank(selfByFn), files: rank(selfByFile), appTotal: rank(totalByAppFn) };
}

async function main() {
  process.chdir(ROOT);
  const kinds = process.argv.slice(2).length ? process.argv.slice(2) : ["list", "typical", "big", "login"];
  const tmp = mkdtempSync(join(tmpdir(), "coe-profile-"));
  const dbFile = join(tmp, "bench.db");
  process.env.DATABASE_PATH = dbFile;
  delete process.env.DATABASE_URL; // the seed goes into the file; PROFILE_ENGINE=pg profiles a copy of it
  process.env.SESSION_SECRET = SESSION_SECRET;
  let engineEnv: Record<string, string> = { DATABASE_PATH: dbFile };
  let stopPostgres = () => {};
  try {
    ensureBuild({ force: process.env.BENCH_BUILD === "1" });
    const { getDb, closeDb } = await import("../../db/client");
    const { seed, seedReviewScenes } = await import("./seed");
    const { createSession } = await import("../../app/auth/session.server");
    const { rawRows } = await import("../../db/client");
    const { sql } = await import("drizzle-orm");
    const db = getDb();
    const seeded = await seed(db, COE_COUNT);
    const agenda = (await rawRows<{ id: number }>(db, sql`select id from coes where status = 'in_review' order by id limit 40`)).map((r) => r.id);
    const review = await seedReviewScenes(db, seeded.userId, agenda);
    const cookie = (await createSession(seeded.userId)).split(";")[0]!;
    await closeDb();
    // PROFILE_ENGINE=pg: the server reads a copy of the seeded file in a throwaway PostgreSQL.
    if (process.env.PROFILE_ENGINE === "pg") {
      const { copyToPostgres } = await import("./copy-to-postgres");
      const copy = await copyToPostgres(dbFile);
      stopPostgres = copy.postgres.stop;
      engineEnv = { DATABASE_URL: copy.url };
    }
    const paths: Record<string, string> = {
      list: "/coes",
      filtered: "/coes?status=in_review&sort=severity",
      typical: `/coes/${seeded.typicalCoeId}`,
      big: `/coes/${seeded.bigCoeId}`,
      comments: `/coes/${review.commentedCoeId}`,
      meeting: `/meetings/${review.meetingId}`,
      login: "/login",
    };
    const outDir = join(tmpdir(), "coe-bench-profiles");
    mkdirSync(outDir, { recursive: true });
    for (const kind of kinds) {
      const path = paths[kind];
      if (!path) throw new Error(`unknown kind ${kind}; use ${Object.keys(paths).join(", ")}`);
      const port = await freePort();
      const profDir = mkdtempSync(join(tmp, `prof-${kind}-`));
      const proc = spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${profDir}`, "build/server/index.js"], {
        cwd: ROOT,
        env: {
          ...process.env,
          ...engineEnv,
          WEB_CONCURRENCY: "1",
          REMINDERS: "off",
          SESSION_SECRET,
          PORT: String(port),
          HOST: "127.0.0.1",
          NODE_ENV: "production",
        },
        stdio: "ignore",
      });
      const origin = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 200; i++) {
        try {
          if ((await fetch(`${origin}/healthz`)).ok) break;
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      const headers: Record<string, string> = kind === "login" ? {} : { cookie };
      const html = await (await fetch(origin + path, { headers })).text();
      const result = await autocannon({ url: origin + path, connections: 10, duration: DURATION_S, headers });
      const exited = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGINT");
      await exited;
      const file = readdirSync(profDir).find((f) => f.endsWith(".cpuprofile"))!;
      const raw = readFileSync(join(profDir, file), "utf8");
      const kept = join(outDir, `${kind}.cpuprofile`);
      await import("node:fs").then((fs) => fs.writeFileSync(kept, raw));
      const { functions, files, appTotal } = summarize(JSON.parse(raw) as Profile);
      console.log(`\n=== ${kind} ${path}: ${result.requests.average.toFixed(0)} req/s, ${Buffer.byteLength(html)} bytes of HTML; profile ${kept}`);
      console.log("self time by function:\n" + functions.join("\n"));
      console.log("self time by file or package:\n" + files.join("\n"));
      console.log("total time of the app's functions (build/server/index.js):\n" + appTotal.join("\n"));
    }
  } finally {
    stopPostgres();
    rmSync(tmp, { recursive: true, force: true });
  }
}

// Importable (for `summarize`) without running.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
