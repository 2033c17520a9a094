import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const root = resolve(import.meta.dirname, "../..");
export const fixture = (name: string) => join(root, "tests/fixtures", name);
export const scratch = mkdtempSync(join(tmpdir(), "coe-cli-"));

/** Runs the real CLI (node + tsx loader) against this test file's own database. */
export function coe(...args: string[]) {
  return coeWith({}, ...args);
}

/** The CLI with extra settings in its environment. */
export function coeWith(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(root, "app/cli/coe.ts"), ...args], {
    cwd: root,
    env: { ...process.env, ...env }, // DATABASE_PATH or DATABASE_URL: this test file's database (tests/setup/worker-db.ts)
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
