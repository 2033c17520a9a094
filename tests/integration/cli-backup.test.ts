import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { backupDatabase } from "../../app/data/backup.server";
import { engineOfDb, type Db } from "../../db/client";
import { coes } from "../../db/schema";
import { openSqliteFile } from "../../db/sqlite-file";
import type { SqliteEngine } from "../../db/sqlite-engine";
import { insertCoe } from "../factories";
import { freshDb } from "../setup/test-db";
import { coe, fixture, scratch } from "./cli-run";

// The CLI writes through its own connection to the same file; the test reads through this one.
let db: Db;
beforeEach(async () => {
  db = await freshDb();
});
const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);
const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const titles = async () => (await db.select({ title: coes.title }).from(coes).orderBy(coes.id)).map((r) => r.title);

// Backup and restore work on the SQLite file itself (on PostgreSQL, backups are pg_dump's job): this file runs on SQLite only.
describe("coe CLI backup and restore", () => {
  it("backs up the database to a 0600 file that opens on its own", () => {
    coe("import", fixture("minimal.coe.json"));
    const target = join(scratch, "backup.db");
    const result = coe("backup", target);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("integrity_check ok, mode 0600");
    expect(existsSync(target)).toBe(true);
    expect(mode(target)).toBe("600"); // the test process's umask is 022
    const copy = openSqliteFile(target);
    expect(copy.prepare("select title from coes").pluck().all()).toEqual(["Checkout page slow for some customers"]);
    copy.close();
    expect(coe("backup", process.env.DATABASE_PATH!)).toMatchObject({ status: 1, stderr: expect.stringContaining("would overwrite the database itself") });
  });

  // Arranged in this process (insertCoe, backupDatabase) to keep the spawned runs few; the damaged
  // and foreign files are covered case by case in tests/security/files-and-processes-restore.test.ts.
  describe("restore", () => {
    const backupOf = async (name: string) => {
      const file = join(mkdtempSync(join(tmpdir(), "coe-cli-restore-")), name);
      await backupDatabase({ from: process.env.DATABASE_PATH!, to: file });
      return file;
    };

    it("refuses to overwrite the existing database without --force: exit 1, the reason, the database untouched", async () => {
      await insertCoe(db, { title: "In the backup" });
      const backup = await backupOf("b.db");
      await insertCoe(db, { title: "Only in the live database" });
      expect((engineOfDb(db) as SqliteEngine).checkpoint()).toBe(true);
      const before = sha(process.env.DATABASE_PATH!);
      const result = coe("restore", backup);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^error: .*test\.db already exists and may be in use; nothing was changed\. Run restore again with --force/);
      expect(sha(process.env.DATABASE_PATH!)).toBe(before);
      expect(await titles()).toEqual(["In the backup", "Only in the live database"]);
    });

    it("with --force replaces the database's contents, leaves it 0600, and says what it did; the backup is unchanged", async () => {
      await insertCoe(db, { title: "In the backup" });
      const backup = await backupOf("b.db");
      const backupSha = sha(backup);
      await insertCoe(db, { title: "Only in the live database" });
      chmodSync(process.env.DATABASE_PATH!, 0o644);
      const result = coe("restore", backup, "--force");
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(
        /^restored .*b\.db into .*test\.db \(replacing its contents\): 0 users, 1 COE; integrity_check ok; mode 0600\. The backup file was not changed\.\n$/,
      );
      expect(await titles()).toEqual(["In the backup"]); // this process's open connection sees the restored database
      const check = openSqliteFile(process.env.DATABASE_PATH!);
      expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
      check.close();
      expect(mode(process.env.DATABASE_PATH!)).toBe("600");
      expect(sha(backup)).toBe(backupSha);
      expect(readdirSync(join(backup, ".."))).toEqual(["b.db"]);
    });

    it("refuses a damaged or a foreign file with the reason, even with --force, and changes nothing", async () => {
      await insertCoe(db, { title: "Live" });
      const damaged = await backupOf("damaged.db");
      truncateSync(damaged, 4096 * 3);
      const foreign = join(scratch, "foreign.db");
      const other = openSqliteFile(foreign);
      other.exec("create table notes (id integer primary key)");
      other.close();
      for (const [file, reason] of [
        [damaged, "it is damaged or not a database: database disk image is malformed"],
        [foreign, "not this app's database: it has no migrations table (__drizzle_migrations)"],
      ] as const) {
        const result = coe("restore", file, "--force");
        expect(result).toMatchObject({ status: 1, stdout: "" });
        expect(result.stderr).toBe(`error: ${file} cannot be restored: ${reason}. Nothing was changed.\n`);
      }
      expect(await titles()).toEqual(["Live"]);
    });

    it("answers wrong usage with exit status 2", async () => {
      expect(coe("restore")).toMatchObject({ status: 2, stderr: expect.stringContaining("restore needs exactly one backup file") });
    });
  });
});
