import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SERVER_ENTRY = join(ROOT, "build/server/index.js");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** What the server build bundles: a change in any of these makes the build stale. */
const SOURCES = ["app", "db"];

/** Why the production build must be made again, if it must: missing, asked for, or older than its sources. */
export function staleBuildReason(force = false): string | undefined {
  if (force) return "asked to";
  if (!existsSync(SERVER_ENTRY)) return "no build/server/index.js";
  const built = statSync(SERVER_ENTRY).mtimeMs;
  const changed = SOURCES.find((dir) => newestMtime(join(ROOT, dir)) > built);
  return changed ? `${changed}/ is newer than the build` : undefined;
}

/** Runs `react-router build` when the build is missing or stale (tests and the bench run the real server). */
export function ensureBuild({ force = false, log = console.log }: { force?: boolean; log?: (line: string) => void } = {}) {
  const reason = staleBuildReason(force);
  if (!reason) return log("build: using existing build/server/index.js");
  log(`build: running react-router build (${reason}) …`);
  // A production build whatever the caller's NODE_ENV (vitest sets "test", which would bundle React's development build).
  const t0 = performance.now();
  execFileSync(process.execPath, [join(ROOT, "node_modules/@react-router/dev/bin.js"), "build"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  log(`build: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
