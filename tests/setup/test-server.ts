import { afterAll, beforeAll } from "vitest";
import { ROOT } from "./build";
import { startServer, stopServer, type Server } from "./server-process";

export type TestServer = Server & { stop: () => Promise<void> };

/**
 * Starts the production server (build/server/index.js; the vitest global setup builds it when
 * stale) on this test file's own database, so a test arranges rows with the factories, sends real
 * HTTP, and reads the outcome straight from the same file. `env` adds or overrides settings.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  // A server gets a production-sized PostgreSQL pool, not the small one of the test process (worker-db.ts).
  const server = await startServer(ROOT, {
    DATABASE_PATH: process.env.DATABASE_PATH!,
    SESSION_SECRET: process.env.SESSION_SECRET!,
    DATABASE_POOL_SIZE: "10",
    ...env,
  });
  return Object.assign(server, { stop: () => stopServer(server) });
}

/** One server for the whole file: `const server = setUpTestServer()`, then `server().origin` inside tests. */
export function setUpTestServer(env: Record<string, string> = {}): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(env);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error("the test server has not started");
    return server;
  };
}

/** Headers a page of `origin` sends with a form post (what a browser adds by itself). */
export function sameOrigin(origin: string, cookie?: string): Record<string, string> {
  return { Origin: origin, ...(cookie ? { Cookie: cookie } : {}) };
}
