import type { Server } from "node:http";
import type { Duplex } from "node:stream";
import type { Express } from "express";

type ServeOptions = {
  port: number;
  host?: string;
  /** How long to wait for requests in flight before cutting their connections. */
  timeoutMs: number;
  drain: () => void;
  /** Runs once no request is in flight: checkpoint and close the database. */
  close: () => Promise<void>;
  /** Answers what Node cannot parse as HTTP. */
  onClientError: (error: NodeJS.ErrnoException, socket: Duplex) => void;
};

// How often idle keep-alive connections are closed while shutting down (see stop()).
const SWEEP_MS = 50;
// The process exits by itself once the server and the database are closed; if some handle still
// keeps it alive this long afterwards, it exits anyway.
const EXIT_BACKSTOP_MS = 1000;
const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Listens until SIGTERM or SIGINT, then shuts down gracefully:
 * 1. stop accepting connections (new ones are refused at once);
 * 2. let every request in flight finish: each answer from now on closes its connection, and
 *    keep-alive connections are closed as soon as they are idle;
 * 3. once no connection is left, checkpoint the WAL into the database file and close it; exit 0.
 * A request that outlives `timeoutMs` loses its connection, and the database is closed all the
 * same (better-sqlite3 writes are synchronous, so no transaction is ever half done at that point):
 * every write that was answered is on disk. A second signal exits at once, still closing the
 * database first.
 */
export function serveUntilSignalled(app: Express, { port, host, timeoutMs, drain, close, onClientError }: ServeOptions): Server {
  const server = host ? app.listen(port, host) : app.listen(port);
  server.on("clientError", onClientError);
  server.requestTimeout = 60_000;
  server.once("listening", () => {
    const address = server.address();
    const where = typeof address === "object" && address ? `${host ?? "localhost"}:${address.port}` : String(address);
    console.log(`COE platform listening on http://${where}`);
  });

  let stopping = false;
  let closed = false;
  const closeOnce = async () => {
    if (closed) return;
    closed = true;
    await close();
  };

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.log(`${signal} again: exiting now; requests still in flight are cut`);
      // The SQLite checkpoint runs at once (synchronously); connections still open close with the process.
      void closeOnce().finally(() => process.exit(SIGNAL_EXIT_CODES[signal] ?? 1));
      return;
    }
    stopping = true;
    console.log(`${signal}: refusing new connections, finishing requests in flight (at most ${timeoutMs} ms), then closing the database`);
    drain();
    // A response that was already under way when the signal came did not say "Connection: close",
    // so its keep-alive connection would idle on until the client or the keep-alive timeout closes
    // it, holding the shutdown up by seconds. Close connections as soon as they have nothing in flight.
    const sweep = setInterval(() => server.closeIdleConnections(), SWEEP_MS);
    const cut = setTimeout(() => {
      console.warn(`requests still in flight after ${timeoutMs} ms (SHUTDOWN_TIMEOUT_MS): closing their connections`);
      server.closeAllConnections();
    }, timeoutMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      closeOnce().then(
        () => {
          console.log("database closed; bye");
          process.exitCode = 0;
        },
        (e: unknown) => {
          console.error(e);
          process.exitCode = 1;
        },
      );
      setTimeout(() => process.exit(), EXIT_BACKSTOP_MS).unref();
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  return server;
}
