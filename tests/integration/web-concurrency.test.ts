import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sectionVersionOf } from "~/data/section-versions.server";
import { insertCoe } from "../factories";
import { freshDb } from "../setup/test-db";
import { sameOrigin, startTestServer, type TestServer } from "../setup/test-server";
import { insertUser, sessionCookieFor } from "../setup/users";

/**
 * WEB_CONCURRENCY=2: two server processes share the port and the database (on SQLite, one file:
 * WAL, one write connection per process, BEGIN IMMEDIATE). Racing writers spread over both still
 * get exactly one winner; SIGTERM stops both cleanly. Runs on each engine.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ WEB_CONCURRENCY: "2" });
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const workersOf = (pid: number) =>
  execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

describe("several server processes (WEB_CONCURRENCY)", () => {
  it("runs two processes, and 20 racing writers over them get one winner and 19 answers of 409", async () => {
    expect(workersOf(server.proc.pid!)).toHaveLength(2);
    const db = await freshDb();
    const author = await insertUser(db, "author");
    const coeId = await insertCoe(db, { status: "draft" }, { actorId: author.id });
    const cookie = await sessionCookieFor(author.id);
    const base = await sectionVersionOf(db, coeId, "impact-summary");
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${server.origin}/coes/${coeId}/sections/impact-summary`, {
          method: "POST",
          headers: { ...sameOrigin(server.origin, cookie), "Content-Type": "application/json", Connection: "close" },
          body: JSON.stringify({ baseVersion: base, doc: doc(`Writer ${i}`) }),
        }).then((r) => r.status),
      ),
    );
    expect(statuses.sort()).toEqual([200, ...Array<number>(19).fill(409)]);
    expect(await sectionVersionOf(db, coeId, "impact-summary")).toBe(base + 1);
  });

  it("stops every process on SIGTERM", async () => {
    const pid = server.proc.pid!;
    const workers = workersOf(pid);
    const exited = new Promise<number | null>((resolve) => server.proc.once("exit", (code) => resolve(code)));
    server.proc.kill("SIGTERM");
    expect(await exited).toBe(0);
    for (const worker of workers) expect(() => process.kill(Number(worker), 0)).toThrow();
  });
});
