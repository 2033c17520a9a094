import { spawn } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../setup/build";

export type CliResult = { status: number | null; stdout: string; stderr: string };

/**
 * Runs `npm run coe -- …` (node + the tsx loader, as npm does) without blocking this process, so a
 * write storm can go on meanwhile. `umask` is set in the child before node starts (default 000,
 * the loosest: whatever mode a file gets then is the mode the code chose).
 */
export function coeAsync(args: string[], { env = {}, umask = "000" }: { env?: Record<string, string>; umask?: string } = {}): Promise<CliResult> {
  const proc = spawn("/bin/sh", ["-c", `umask ${umask} && exec "$@"`, "sh", process.execPath, "--import", "tsx", join(ROOT, "app/cli/coe.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  proc.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  proc.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  return new Promise((resolve, reject) => {
    proc.once("error", reject);
    proc.once("close", (status) => resolve({ status, stdout, stderr }));
  });
}
