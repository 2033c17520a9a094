import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export type Server = { proc: ChildProcess; port: number; origin: string; log: () => string; status: () => string };

/** Starts the production server (build/server/index.js) and waits for /healthz to answer 200. */
export async function startServer(root: string, env: Record<string, string>, timeoutMs = 20_000): Promise<Server> {
  const port = await freePort();
  const proc = spawn(process.execPath, ["build/server/index.js"], {
    cwd: root,
    // One process unless a test asks for more (WEB_CONCURRENCY defaults to one per core). No daily
    // reminders unless a test asks for them: a run would add notifications to the rows a test arranged.
    env: { ...process.env, WEB_CONCURRENCY: "1", REMINDERS: "off", ...env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 40_000) output = output.slice(output.indexOf("\n", output.length - 20_000) + 1); // whole lines only
  };
  proc.stdout!.on("data", keep);
  proc.stderr!.on("data", keep);
  let exit = "";
  proc.once("exit", (code, signal) => {
    exit = signal ? `killed by ${signal}` : `exited with code ${code}`;
  });
  const status = () => (exit ? `server ${exit}` : `server (pid ${proc.pid}) still running`);
  const server: Server = { proc, port, origin: `http://127.0.0.1:${port}`, log: () => output, status };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`server exited with code ${proc.exitCode} before answering /healthz:\n${output}`);
    try {
      const res = await fetch(`${server.origin}/healthz`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stopServer(server);
  throw new Error(`server did not answer GET /healthz with 200 within ${timeoutMs} ms:\n${output}`);
}

/**
 * Why a run saw connection errors. The server answers SIGTERM/SIGINT by closing its listener and
 * exiting once the requests in flight are done, so "alive but refusing connections" means some
 * other process signalled it (e.g. a `pkill -f build/server/index.js` run elsewhere on this machine).
 */
export async function diagnose(server: Server): Promise<string> {
  const status = server.status();
  if (server.proc.exitCode !== null || server.proc.signalCode !== null) return status;
  try {
    const res = await fetch(`${server.origin}/healthz`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return `${status}, /healthz now answers ${res.status}`;
  } catch (e) {
    const code = (e as { cause?: { code?: string } }).cause?.code ?? String(e);
    return `${status} but no longer accepting connections (${code}): the server does this after SIGTERM/SIGINT, so another process probably signalled it`;
  }
}

/** SIGTERM, then SIGKILL if it is still alive 500 ms later. */
export async function stopServer(server: Server): Promise<void> {
  const { proc } = server;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  proc.kill("SIGTERM");
  const done = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 500))]);
  if (!done) {
    proc.kill("SIGKILL");
    await exited;
  }
}
