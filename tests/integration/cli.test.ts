import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "../../app/auth/password.server";
import { backupDatabase } from "../../app/data/backup.server";
import { count } from "drizzle-orm";
import { engineOfDb, type Db } from "../../db/client";
import { engineKind } from "../../db/engine-kind";
import { coeAuthors, coes, users } from "../../db/schema";
import { openSqliteFile } from "../../db/sqlite-file";
import type { SqliteEngine } from "../../db/sqlite-engine";
import { insertCoe } from "../factories";
import { freshDb } from "../setup/test-db";

const root = resolve(import.meta.dirname, "../..");
const fixture = (name: string) => join(root, "tests/fixtures", name);
const scratch = mkdtempSync(join(tmpdir(), "coe-cli-"));

/** Runs the real CLI (node + tsx loader) against this test file's own database. */
function coe(...args: string[]) {
  return coeWith({}, ...args);
}

/** The CLI with extra settings in its environment. */
function coeWith(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(root, "app/cli/coe.ts"), ...args], {
    cwd: root,
    env: { ...process.env, ...env }, // DATABASE_PATH: this test file's database (tests/setup/worker-db.ts)
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// The CLI writes through its own connection to the same file; the test reads through this one.
let db: Db;
beforeEach(async () => {
  db = await freshDb();
});
const rowCount = async (table: typeof coes | typeof users | typeof coeAuthors) => (await db.select({ n: count() }).from(table))[0]!.n;
const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);
const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const titles = async () => (await db.select({ title: coes.title }).from(coes).orderBy(coes.id)).map((r) => r.title);
/** Backup and restore work on the SQLite file itself; on PostgreSQL backups are pg_dump's job. */
const onSqlite = engineKind() === "sqlite";

describe("coe CLI", () => {
  it("imports a file, prints the new id, and exports it again", async () => {
    const imported = coe("import", fixture("rich-text.coe.json"));
    expect(imported.stderr).toBe("");
    expect(imported.status).toBe(0);
    const id = Number(imported.stdout.trim());
    expect(id).toBeGreaterThan(0);

    const exported = coe("export", String(id));
    expect(exported.status).toBe(0);
    const doc = JSON.parse(exported.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, title: "Sign-in failures for federated accounts after certificate rotation", team: "Identity" });
    expect(exported.stdout).toContain('\n  "title"');
  });

  it("prints warnings on stderr and still imports", async () => {
    const result = coe("import", fixture("api-errors-45-minutes.coe.json"));
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+$/);
    expect(result.stderr).toContain("warning: actionItems[0].owner: no user author@example.com — imported unassigned");
  });

  it("lists every problem of an invalid file by JSON path, exits 1 and writes nothing", async () => {
    const bad = join(scratch, "bad.coe.json");
    writeFileSync(bad, JSON.stringify({ schemaVersion: 1, title: "", severity: 9, team: "Storage", timeline: [{ at: "today", kind: "detected", text: "x" }] }));
    const result = coe("import", bad);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("$.title: must not be empty");
    expect(result.stderr).toContain("$.severity: must be a whole number from 1 (worst) to 5");
    expect(result.stderr).toMatch(/\$\.timeline\[0\]\.at: must be ISO 8601/);
    expect(await rowCount(coes)).toBe(0);
  });

  it("explains unreadable and non-JSON files", async () => {
    expect(coe("import", join(scratch, "missing.json"))).toMatchObject({ status: 1, stderr: expect.stringContaining("cannot read") });
    const notJson = join(scratch, "not.json");
    writeFileSync(notJson, "{ nope");
    expect(coe("import", notJson)).toMatchObject({ status: 1, stderr: expect.stringContaining("is not valid JSON") });
  });

  it("says when an export id does not exist", async () => {
    expect(coe("export", "12345")).toMatchObject({ status: 1, stdout: "", stderr: "error: no COE with id 12345\n" });
  });

  it("adds a user with a hashed password, refuses a duplicate whatever its case, and validates input", async () => {
    const added = coe("user", "add", "Riley@Example.com", "--name", "Riley Reviewer", "--role", "reviewer", "--password", "correct horse", "--team", "Storage");
    expect(added.status).toBe(0);
    const [row] = await db.select().from(users);
    expect(row).toMatchObject({ email: "riley@example.com", name: "Riley Reviewer", role: "reviewer" });
    expect(row!.teamId).not.toBeNull();
    expect(await verifyPassword("correct horse", row!.passwordHash)).toBe(true);

    const duplicate = coe("user", "add", "RILEY@example.com", "--name", "Again", "--role", "member", "--password", "whatever1");
    expect(duplicate).toMatchObject({ status: 1, stderr: expect.stringContaining("already exists") });

    const invalid = coe("user", "add", "someone@example.com", "--name", "S", "--role", "owner", "--password", "short");
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain("--role: must be one of admin, reviewer, author, member");
    expect(invalid.stderr).toContain("--password: must be at least 8 characters");
    expect(await rowCount(users)).toBe(1);
  });

  it("imports as a named author", async () => {
    coe("user", "add", "alex@example.com", "--name", "Alex", "--role", "author", "--password", "password1");
    const result = coe("import", fixture("minimal.coe.json"), "--as", "alex@example.com");
    expect(result.status).toBe(0);
    expect(await rowCount(coeAuthors)).toBe(1);
    expect(coe("import", fixture("minimal.coe.json"), "--as", "ghost@example.com")).toMatchObject({
      status: 1,
      stderr: "error: --as: no user ghost@example.com\n",
    });
  });

  it.runIf(onSqlite)("backs up the database to a 0600 file that opens on its own", () => {
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
  describe.runIf(onSqlite)("restore", () => {
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

  describe("import size limit (IMPORT_LIMIT)", () => {
    it("refuses a file one byte over the limit, naming the limit, and imports nothing", async () => {
      const size = statSync(fixture("minimal.coe.json")).size;
      const refused = coeWith({ IMPORT_LIMIT: String(size - 1) }, "import", fixture("minimal.coe.json"));
      expect(refused.status).toBe(1);
      expect(refused.stderr).toBe(
        `error: ${fixture("minimal.coe.json")} is ${size} bytes, more than the limit of ${size - 1} bytes (IMPORT_LIMIT); nothing was imported\n`,
      );
      expect(await rowCount(coes)).toBe(0);
    });

    it("refuses a 20 GB file at once with the default limit of 10 MB: its size is checked before anything is read", async () => {
      const huge = join(scratch, "huge.coe.json");
      writeFileSync(huge, "");
      truncateSync(huge, 20 * 1024 ** 3); // sparse: takes no space, but reading it would take minutes and all memory
      expect(coe("import", huge)).toMatchObject({
        status: 1,
        stderr: `error: ${huge} is 20 GB, more than the limit of 10 MB (IMPORT_LIMIT); nothing was imported\n`,
      });
      expect(await rowCount(coes)).toBe(0);
    });

    it("stops with exit status 2 when IMPORT_LIMIT is not a size", async () => {
      expect(coeWith({ IMPORT_LIMIT: "lots" }, "import", fixture("minimal.coe.json"))).toMatchObject({
        status: 2,
        stderr: expect.stringContaining('IMPORT_LIMIT="lots" is not a size'),
      });
    });
  });

  it("answers wrong usage with exit status 2 and help with 0", async () => {
    expect(coe("frobnicate")).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown command "frobnicate"') });
    expect(coe("help")).toMatchObject({ status: 0, stdout: expect.stringContaining("Usage: npm run coe") });
  });
});
