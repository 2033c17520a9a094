import { spawn, spawnSync } from "node:child_process";
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
  const result = spawnSync(process.execPath, cliArgs(args), { ...cliOptions(env), encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const cliArgs = (args: string[]) => ["--import", "tsx", join(root, "app/cli/coe.ts"), ...args];
// DATABASE_PATH or DATABASE_URL: this test file's database (tests/setup/worker-db.ts).
const cliOptions = (env: Record<string, string>) => ({ cwd: root, env: { ...process.env, ...env } });

/** The CLI without blocking this process, for a test that serves what the CLI talks to (a mail server). */
export function coeInBackground(env: Record<string, string>, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliArgs(args), { ...cliOptions(env), timeout: 60_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
