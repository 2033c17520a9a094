import { loadavg } from "node:os";
import autocannon from "autocannon";
import type { Result } from "autocannon";
import { diagnose, type Server } from "../setup/server-process";
import { formatTable } from "./scenarios";

const CONNECTIONS = 10;
const WARMUP_S = 2;
/** BENCH_GZIP=1 sends `Accept-Encoding: gzip` as browsers do, so the server's compression is measured too. */
const GZIP = process.env.BENCH_GZIP === "1";

export const LOAD = { connections: CONNECTIONS, warmupSeconds: WARMUP_S, acceptEncoding: GZIP ? "gzip" : "none" } as const;

/** `anonymous` targets are requested without the session cookie. */
export type Target = { name: string; path: string; expect: string; anonymous?: boolean };
export type Row = {
  route: string;
  path: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** req/s over /healthz's in the same run. */
  ratio: number;
  /** req/s over /login's in the same run: what the goals are stated in. */
  loginRatio: number;
  bytesPerResponse: number;
  bodyBytes: number;
  requests: number;
};
export type RoutesResult = { rows: Row[]; baseline: number; drift: number; load: { before: number; after: number } };

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

/**
 * Every target on one server: each is fetched once and must answer 200 with its expected content,
 * then warmed up, then measured in `rounds` interleaved rounds (/healthz, the pages, /login, and
 * again). A machine that slows down or speeds up during the run then weighs on every route alike,
 * so the ratios hold where one long run per route in sequence moved ±10 %.
 */
export async function benchRoutes(server: Server, cookie: string, targets: Target[], rounds: number, seconds: number): Promise<RoutesResult> {
  const bodyBytes = new Map<string, number>();
  for (const t of targets) bodyBytes.set(t.path, await precheck(server, cookie, t));
  const roundSeconds = Math.max(1, Math.round(seconds / rounds));
  console.log(
    `  ${targets.length} routes answer 200 with the expected content; ${WARMUP_S} s warm-up each, then ${rounds} rounds of 1 s warm-up + ${roundSeconds} s (c=${CONNECTIONS}${GZIP ? ", gzip" : ""})`,
  );
  const loadBefore = loadavg()[0]!;
  for (const target of targets) await measure(server, cookie, target, "warm-up", WARMUP_S);
  const runs = new Map<Target, Result[]>(targets.map((t) => [t, []]));
  for (let round = 1; round <= rounds; round++) {
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
  const health = results.find(({ target }) => target.path === "/healthz")!.measured;
  const login = results.find(({ target }) => target.path === "/login")!.measured;
  const rows = results.map(({ target, measured }) => ({
    route: target.name,
    path: target.path,
    reqPerSec: measured.reqPerSec,
    p50Ms: measured.p50Ms,
    p99Ms: measured.p99Ms,
    ratio: measured.reqPerSec / health.reqPerSec,
    loginRatio: measured.reqPerSec / login.reqPerSec,
    bytesPerResponse: measured.bytes / measured.requests,
    bodyBytes: bodyBytes.get(target.path) ?? 0,
    requests: measured.requests,
  }));
  const drift = (Math.max(...health.perRound) - Math.min(...health.perRound)) / health.reqPerSec;
  return { rows, baseline: health.reqPerSec, drift, load: { before: loadBefore, after: loadavg()[0]! } };
}

export function routesTable(rows: Row[]): string {
  return formatTable(
    ["route", "req/s", "p50 ms", "p99 ms", "÷ /login", "÷ /healthz", "bytes/resp", "body bytes"],
    rows.map((r) => [
      r.route,
      r.reqPerSec.toFixed(0),
      r.p50Ms.toFixed(1),
      r.p99Ms.toFixed(1),
      r.loginRatio.toFixed(2),
      r.ratio.toFixed(2),
      r.bytesPerResponse.toFixed(0),
      String(r.bodyBytes),
    ]),
  );
}
