// Graceful shutdown of the real server (node build/server/index.js): SIGTERM or SIGINT during a
// write storm stops accepting connections, finishes what is in flight, checkpoints and closes the
// database, and exits 0 in time; every write that was answered 200 is in the database.
import { Agent, request } from "node:http";
import { connect } from "node:net";
import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ChildProcess } from "node:child_process";
import { openSqliteFile, type SqliteClient } from "../../db/sqlite-file";
import { freshDb } from "../setup/test-db";
import { startTestServer } from "../setup/test-server";
import { reportCases } from "./cases";
import { missingWrites, sleep, startStorm, stormClients, stormText, type StormClient } from "./files-and-processes-storm";

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

/**
 * An autosave whose headers and first half of the body are sent now, the rest when asked: a request
 * in flight. Sent on a keep-alive connection, as a browser would, which the client never closes.
 */
function slowAutosave(origin: string, client: StormClient, agent: Agent) {
  const body = JSON.stringify({ doc: doc(stormText(client.coeId, 1)), baseVersion: 0 });
  const url = new URL(`/coes/${client.coeId}/sections/impact-summary`, origin);
  const req = request(url, {
    method: "POST",
    agent,
    headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), Origin: origin, Cookie: client.cookie },
  });
  const answer = new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body: text, connection: res.headers.connection }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
  client.inFlight = 1;
  req.write(body.slice(0, body.length >> 1));
  return { answer, finish: () => req.end(body.slice(body.length >> 1)) };
}

/** "refused" when nothing listens on the port any more, "accepted" otherwise. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve("accepted")));
    socket.once("error", (e: NodeJS.ErrnoException) => resolve(e.code === "ECONNREFUSED" ? "refused" : `error ${e.code}`));
  });
}

function exited(proc: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve({ code: proc.exitCode, signal: proc.signalCode, at: performance.now() });
  return new Promise((resolve) => proc.once("exit", (code, signal) => resolve({ code, signal, at: performance.now() })));
}

/** The WAL after shutdown: gone, or emptied by the checkpoint (TRUNCATE). */
function walBytes(): number {
  try {
    return statSync(`${process.env.DATABASE_PATH}-wal`).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw e;
  }
}

/** Runs the storm until `acked` writes were acknowledged (at least `minMs`, at most `maxMs`): a real storm even on a loaded machine. */
async function stormFor(storm: ReturnType<typeof startStorm>, acked: number, minMs: number, maxMs: number) {
  const start = performance.now();
  await sleep(minMs);
  while (performance.now() - start < maxMs && storm.clients.reduce((n, c) => n + c.acked, 0) < acked) await sleep(25);
}

/** Reads the database file through a connection of its own (the app's handle has no raw SQL). */
function onFile<T>(read: (sqlite: SqliteClient) => T): T {
  const sqlite = openSqliteFile(process.env.DATABASE_PATH!);
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

describe("graceful shutdown", () => {
  it("SIGTERM during a write storm: refuses new connections, answers the request in flight, keeps every acknowledged write, empties the WAL, exits 0", async () => {
    const db = await freshDb(); // this connection stays open, so the server's close is not the last one: only its checkpoint empties the WAL
    const clients = await stormClients(db, 7);
    const [slowClient, ...stormers] = clients as [StormClient, ...StormClient[]];
    const server = await startTestServer({ SHUTDOWN_TIMEOUT_MS: "8000" });
    const agent = new Agent({ keepAlive: true });
    try {
      const storm = startStorm(server.origin, stormers);
      await stormFor(storm, 40, 500, 4000);
      const slow = slowAutosave(server.origin, slowClient, agent);
      await sleep(200); // the server has the request's headers and is reading its body

      const exit = exited(server.proc);
      const signalledAt = performance.now();
      server.proc.kill("SIGTERM");
      await sleep(200);
      expect(await tryConnect(server.port), "a new connection after SIGTERM").toBe("refused");
      slow.finish();
      const answer = await slow.answer;
      const answeredAt = performance.now();
      expect(answer.status, answer.body).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: true, version: 1 });
      slowClient.lastAcked = 1;
      slowClient.inFlight = undefined;

      await storm.done;
      const { code, signal, at } = await exit;
      expect({ code, signal }, server.log()).toEqual({ code: 0, signal: null });
      expect(at - signalledAt, "ms from SIGTERM to exit (SHUTDOWN_TIMEOUT_MS 8000)").toBeLessThan(8000);
      // Not held up by the idle keep-alive connection of the answered request (the keep-alive timeout is 5 s).
      expect(at - answeredAt, "ms from the last answer to exit").toBeLessThan(2500);
      expect(server.log()).toContain("database closed");
      expect(walBytes(), "bytes left in the WAL after shutdown").toBe(0);

      expect(storm.unexpected).toEqual([]);
      const acked = stormers.reduce((n, c) => n + c.acked, 0);
      expect(acked, "writes acknowledged before the signal").toBeGreaterThanOrEqual(stormers.length);
      expect(storm.networkErrors.length, "every client lost the server").toBe(stormers.length);
      expect(onFile((sqlite) => missingWrites(sqlite, clients))).toEqual([]);
      expect(onFile((sqlite) => sqlite.pragma("integrity_check", { simple: true }))).toBe("ok");
      reportCases("files-and-processes", acked + 1);
    } finally {
      agent.destroy();
      await server.stop();
    }
  });

  it("SIGINT with a request that never finishes: its connection is cut at SHUTDOWN_TIMEOUT_MS, the database is still checkpointed and closed, exit 0", async () => {
    const db = await freshDb();
    const clients = await stormClients(db, 4);
    const [stalled, ...stormers] = clients as [StormClient, ...StormClient[]];
    const server = await startTestServer({ SHUTDOWN_TIMEOUT_MS: "1000" });
    const agent = new Agent({ keepAlive: true });
    try {
      const storm = startStorm(server.origin, stormers);
      await stormFor(storm, 20, 300, 3000);
      const never = slowAutosave(server.origin, stalled, agent); // the rest of its body never comes
      const outcome = never.answer.then(
        (a) => `answered ${a.status}`,
        (e: NodeJS.ErrnoException) => `cut (${e.code ?? e.message})`,
      );
      await sleep(200);
      const exit = exited(server.proc);
      const signalledAt = performance.now();
      server.proc.kill("SIGINT");
      const { code, signal, at } = await exit;
      expect({ code, signal }, server.log()).toEqual({ code: 0, signal: null });
      expect(at - signalledAt).toBeGreaterThanOrEqual(950);
      expect(at - signalledAt).toBeLessThan(4000);
      expect(await outcome).toMatch(/^cut/);
      expect(server.log()).toContain("closing their connections");
      await storm.done;
      expect(walBytes()).toBe(0);
      expect(storm.unexpected).toEqual([]);
      stalled.inFlight = undefined; // its body never arrived, so nothing may have been written
      expect(onFile((sqlite) => missingWrites(sqlite, clients))).toEqual([]);
      reportCases("files-and-processes", stormers.reduce((n, c) => n + c.acked, 0) + 1);
    } finally {
      agent.destroy();
      await server.stop();
    }
  });

  it("a second signal exits at once (128 + signal number), still closing the database", async () => {
    const db = await freshDb();
    const clients = await stormClients(db, 2);
    const [stalled, writer] = clients as [StormClient, StormClient];
    const server = await startTestServer({ SHUTDOWN_TIMEOUT_MS: "20000" });
    const agent = new Agent({ keepAlive: true });
    try {
      const storm = startStorm(server.origin, [writer]);
      await stormFor(storm, 5, 100, 3000);
      await storm.stop();
      const never = slowAutosave(server.origin, stalled, agent);
      never.answer.catch(() => {});
      await sleep(200);
      const exit = exited(server.proc);
      const signalledAt = performance.now();
      server.proc.kill("SIGTERM");
      await sleep(200);
      expect(server.proc.exitCode, "still draining after the first signal").toBeNull();
      server.proc.kill("SIGTERM");
      const { code, signal, at } = await exit;
      expect({ code, signal }, server.log()).toEqual({ code: 143, signal: null });
      expect(at - signalledAt).toBeLessThan(3000);
      expect(walBytes()).toBe(0);
      expect(onFile((sqlite) => sqlite.pragma("integrity_check", { simple: true }))).toBe("ok");
      stalled.inFlight = undefined;
      expect(onFile((sqlite) => missingWrites(sqlite, clients))).toEqual([]);
      reportCases("files-and-processes", 1);
    } finally {
      agent.destroy();
      await server.stop();
    }
  });
});
