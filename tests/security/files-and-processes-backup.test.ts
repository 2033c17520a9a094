// Online backup under load: `npm run coe -- backup <file>` while a write storm goes on produces a
// sound copy of this app's database, 0600, holding every write acknowledged before it began.
import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { verifyDatabaseFile } from "~/data/backup.server";
import { openSqliteFile } from "../../db/sqlite-file";
import { insertCoe } from "../factories";
import { freshDb } from "../setup/test-db";
import { startTestServer } from "../setup/test-server";
import { reportCases } from "./cases";
import { coeAsync } from "./files-and-processes-cli";
import { missingWrites, sleep, startStorm, stormClients } from "./files-and-processes-storm";

const total = (acked: Map<number, number>) => [...acked.values()].reduce((a, b) => a + b, 0);

describe("online backup under load", () => {
  it("backs up a consistent snapshot while writes go on: integrity_check ok, this app's database, every write acknowledged before it began, 0600 under umask 000", async () => {
    const db = await freshDb();
    // Enough pages that the copy takes more than one default step of the backup API (100 pages).
    for (let i = 0; i < 60; i++) await insertCoe(db, { status: "draft" });
    const clients = await stormClients(db, 5);
    const server = await startTestServer();
    const dir = mkdtempSync(join(tmpdir(), "coe-backup-"));
    const target = join(dir, "under-load.db");
    // Hold a read transaction from before the storm: no checkpoint can fold the storm's writes into
    // the database file, so every acknowledged write lives only in the WAL, as the latest ones always
    // do. A copy of the file alone (cp, or reading it without SQLite) would then miss them.
    const reader = openSqliteFile(process.env.DATABASE_PATH!);
    reader.exec("begin");
    reader.prepare("select count(*) from coes").get();
    try {
      const storm = startStorm(server.origin, clients);
      await sleep(500);
      const before = storm.ackedNow();
      const backup = await coeAsync(["backup", target]);
      const after = storm.ackedNow();
      await storm.stop();
      reader.exec("commit");

      expect(backup.stderr).toBe("");
      expect(backup.status).toBe(0);
      expect(backup.stdout).toMatch(/^backed up .* to .*under-load\.db \(\d+ bytes, integrity_check ok, mode 0600\)\n$/);
      expect(storm.unexpected, "answers other than 200 during the backup").toEqual([]);
      expect(storm.networkErrors).toEqual([]);
      expect(total(after), "writes acknowledged while the backup ran").toBeGreaterThan(total(before));

      expect((statSync(target).mode & 0o777).toString(8)).toBe("600");
      expect(readdirSync(dir), "no temporary or side files left").toEqual(["under-load.db"]);
      expect(verifyDatabaseFile(target)).toMatchObject({ ok: true });
      const copy = new Database(target, { readonly: true });
      try {
        expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
        expect(missingWrites(copy, clients, before)).toEqual([]);
        expect(copy.prepare("select count(*) from coes").pluck().get()).toBe(60 + clients.length);
      } finally {
        copy.close();
      }
      reportCases("files-and-processes", total(before) + 1);
    } finally {
      if (reader.inTransaction) reader.exec("commit");
      reader.close();
      await server.stop();
    }
  }, 60_000);
});
