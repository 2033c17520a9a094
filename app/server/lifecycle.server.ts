import type { Server } from "node:http";
import type { Express } from "express";

type ServeOptions = {
  port: number;
  host?: string;
  /** How long to wait for requests in flight before cutting their connections. */
  timeoutMs: number;
  drain: () => void;
  /** Runs once no request is in flight: checkpoint and close the database. */
  close: () => void;
};

/**
 * Listens until SIGTERM or SIGINT, then shuts down gracefully: stop accepting connections, let
 * every request in flight finish (each answer closes its connection), close idle keep-alive
 * connections, then close the database. A request that outlives `timeoutMs` loses its
 * connection; the database is closed either way, so every acknowledged write is on disk.
 */
export function serveUntilSignalled(app: Express, { port, host, timeoutMs, drain, close }: ServeOptions): Server {
  const server = host ? app.listen(port, host) : app.listen(port);
  server.requestTimeout = 60_000;
  server.once("listening", () => {
    const address = server.address();
    const where = typeof address === "object" && address ? `${host ?? "localhost"}:${address.port}` : String(address);
    console.log(`COE platform listening on http://${where}`);
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then closing the database`);
    drain();
    const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      try {
        close();
        console.log("database closed; bye");
        process.exitCode = 0;
      } catch (e) {
        console.error(e);
        process.exitCode = 1;
      }
    });
    server.closeIdleConnections();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  return server;
}
