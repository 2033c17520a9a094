// kill -9 of the real server during a write storm: nothing acknowledged is lost, the database
// opens clean, and the server starts and serves on it again.
import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { closeDb } from "../../db/client";
import { openSqliteFile } from "../../db/sqlite-file";
import { freshDb } from "../setup/test-db";
import { startTestServer } from "../setup/test-server";
import { reportCases } from "./cases";
import { impactVersionIn, missingWrites, sleep, startStorm, stormClients, stormText } from "./files-and-processes-storm";

const file = () => process.env.DATABASE_PATH!;
const mode = (f: string) => (statSync(f).mode & 0o777).toString(8);

describe("kill -9 during a write storm", () => {
  it("every acknowledged write survives, integrity_check is ok, and the server starts and serves on the same file", async () => {
    const clients = await stormClients(await freshDb(), 6);
    // The server is the only process with the database open, as in production: reopening it
    // afterwards makes SQLite recover from the WAL the killed process left behind.
    await closeDb();
    const server = await startTestServer();
    const storm = startStorm(server.origin, clients);
    const start = performance.now();
    await sleep(1000);
    while (performance.now() - start < 5000 && clients.reduce((n, c) => n + c.acked, 0) < 60) await sleep(25);
    const exit = new Promise<NodeJS.Signals | null>((resolve) => server.proc.once("exit", (_code, signal) => resolve(signal)));
    server.proc.kill("SIGKILL");
    expect(await exit).toBe("SIGKILL");
    await storm.done;
    expect(storm.unexpected).toEqual([]);
    const acked = clients.reduce((n, c) => n + c.acked, 0);
    expect(acked, "writes acknowledged before the kill").toBeGreaterThanOrEqual(clients.length);
    expect(statSync(`${file()}-wal`).size, "the killed server left its WAL behind").toBeGreaterThan(0);
    expect([mode(file()), mode(`${file()}-wal`), mode(`${file()}-shm`)], "modes of the database, WAL and SHM").toEqual(["600", "600", "600"]);

    const sqlite = openSqliteFile(file()); // a new connection: recovers the WAL
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(missingWrites(sqlite, clients)).toEqual([]);

    const restarted = await startTestServer();
    try {
      for (const c of clients) {
        const version = impactVersionIn(sqlite, c.coeId);
        const page = await fetch(`${restarted.origin}/coes/${c.coeId}`, { headers: { Cookie: c.cookie } });
        expect(page.status).toBe(200);
        expect(await page.text()).toContain(stormText(c.coeId, version));
        const next = await fetch(`${restarted.origin}/coes/${c.coeId}/sections/impact-summary`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Origin: restarted.origin, Cookie: c.cookie },
          body: JSON.stringify({
            doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "after the crash" }] }] },
            baseVersion: version,
          }),
        });
        expect(next.status, await next.clone().text()).toBe(200);
        expect(await next.json()).toMatchObject({ version: version + 1 });
      }
    } finally {
      await restarted.stop();
      sqlite.close();
    }
    reportCases("files-and-processes", acked + clients.length);
  });
});
