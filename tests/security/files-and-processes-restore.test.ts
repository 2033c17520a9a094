// Restore: a backup is verified before anything is touched (it opens, passes integrity_check, and is
// this app's database), an existing database is replaced only with force, through SQLite's backup
// API, and the result is 0600 and sound. Every damaged or foreign file is refused with its reason,
// even with force, and neither the target nor the backup changes.
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { backupDatabase, DatabaseFileError, restoreDatabase, verifyDatabaseFile } from "~/data/backup.server";
import { checkAppDatabase } from "~/data/database-identity.server";
import { eq } from "drizzle-orm";
import { migrationsFolder, withTransaction } from "../../db/client";
import { coes } from "../../db/schema";
import { insertCoe } from "../factories";
import { freshDb } from "../setup/test-db";
import { startTestServer } from "../setup/test-server";
import { insertTeam, insertUser, sessionCookieFor } from "../setup/users";
import { reportCases } from "./cases";
import { coeAsync } from "./files-and-processes-cli";
import { sleep } from "./files-and-processes-storm";

const mode = (f: string) => (statSync(f).mode & 0o777).toString(8);
const sha = (f: string) => (existsSync(f) && statSync(f).isFile() ? createHash("sha256").update(readFileSync(f)).digest("hex") : "absent");
const scratch = () => mkdtempSync(join(tmpdir(), "coe-restore-"));
/** What a file and the files beside it are: contents, modes, names. */
const fingerprint = (f: string) => ({ sha: sha(f), mode: existsSync(f) ? mode(f) : "absent", beside: existsSync(f) ? readdirSync(join(f, "..")).sort() : [] });

const BITROT_EMAIL = "bitrot-target@example.com";
let goodBackup: string; // a backup of this app's database: 2 users, 3 COEs
let pageSize: number;

beforeAll(async () => {
  const db = await freshDb();
  await insertTeam(db, "Storage");
  await insertUser(db, "author", BITROT_EMAIL);
  await insertUser(db, "admin");
  for (let i = 0; i < 3; i++) await insertCoe(db, { title: `Backed-up COE ${i}`, team: "Storage" });
  goodBackup = join(scratch(), "good.db");
  await backupDatabase({ from: process.env.DATABASE_PATH!, to: goodBackup });
  pageSize = new Database(goodBackup, { readonly: true }).pragma("page_size", { simple: true }) as number;
});

/** A copy of the good backup, changed by `change` (SQL through a connection of its own, or bytes). */
function variant(change: (file: string) => void): string {
  const file = join(scratch(), "backup.db");
  copyFileSync(goodBackup, file);
  change(file);
  return file;
}
const withSql = (sql: string) => (file: string) => {
  const db = new Database(file);
  db.exec(sql);
  db.close();
};
const rootPage = (file: string, name: string) =>
  new Database(file, { readonly: true }).prepare("select rootpage from sqlite_master where name = ?").pluck().get(name) as number;
const patch = (file: string, offset: number, bytes: Buffer) => {
  const data = readFileSync(file);
  bytes.copy(data, offset);
  writeFileSync(file, data);
};

const DAMAGED: [string, () => string, RegExp][] = [
  ["a text file", () => variant((f) => writeFileSync(f, "id,title\n1,not a database\n")), /not an SQLite database/],
  ["an empty file", () => variant((f) => writeFileSync(f, "")), /not an SQLite database/],
  ["a missing file", () => join(scratch(), "missing.db"), /cannot be read \(ENOENT\)/],
  ["a directory", () => mkdirSync(join(scratch(), "dir.db"), { recursive: true }) as string, /not a regular file/],
  ["only the 100-byte header", () => variant((f) => truncateSync(f, 100)), /damaged/],
  ["cut in half", () => variant((f) => truncateSync(f, Math.floor(statSync(f).size / 2 / 4096) * 4096)), /damaged/],
  ["a zeroed b-tree page (the COEs table)", () => variant((f) => patch(f, (rootPage(f, "coes") - 1) * pageSize, Buffer.alloc(pageSize))), /damaged/],
  ["garbage over the schema", () => variant((f) => patch(f, 100, Buffer.alloc(pageSize - 100, 0xa5))), /damaged/],
  [
    "one changed byte in a row (its index no longer matches)",
    () =>
      variant((f) => {
        const start = (rootPage(f, "users") - 1) * pageSize;
        const at = readFileSync(f)
          .subarray(start, start + pageSize)
          .indexOf(BITROT_EMAIL);
        patch(f, start + at, Buffer.from("X"));
      }),
    /integrity_check says .*(missing from index|wrong # of entries)/,
  ],
];

const ourHashes = () => readMigrationFiles({ migrationsFolder: migrationsFolder("sqlite") });
const FOREIGN: [string, () => string, RegExp][] = [
  [
    "a plain SQLite database",
    () => variant((f) => (writeFileSync(f, ""), withSql("create table notes (id integer primary key, text text)")(f))),
    /no migrations table/,
  ],
  [
    "another app's drizzle database",
    () =>
      variant(
        (f) => (
          writeFileSync(f, ""),
          withSql(
            `create table "__drizzle_migrations" (id serial primary key, hash text not null, created_at numeric); insert into "__drizzle_migrations" values (null, 'abc123', 1700000000000); create table users (id integer primary key)`,
          )(f)
        ),
      ),
    /migration history is not this app's: migration 1/,
  ],
  [
    "a newer version of this app",
    () => variant(withSql(`insert into "__drizzle_migrations" (hash, created_at) values ('f00d', 9999999999999)`)),
    /longer than this version knows/,
  ],
  ["no migrations applied", () => variant(withSql(`delete from "__drizzle_migrations"`)), /no migrations have been applied/],
  [
    "a changed migration",
    () => variant(withSql(`update "__drizzle_migrations" set hash = 'tampered' where created_at = ${ourHashes()[2]!.folderMillis}`)),
    /migration 3 .* is not this app's migration 3/,
  ],
  ["a table dropped", () => variant(withSql("drop table lessons")), /table lessons is missing/],
  ["a table added", () => variant(withSql("create table stolen (x)")), /table stolen is not part of this app's schema/],
  [
    "a trigger added",
    () =>
      variant(
        withSql("create trigger leak after insert on sessions begin insert into audit_events (action, entity_type, created_at) values ('x', 'y', 0); end"),
      ),
    /trigger leak is not part/,
  ],
  ["a view added", () => variant(withSql("create view everyone as select email, password_hash from users")), /view everyone is not part/],
  ["a column added", () => variant(withSql("alter table users add column backdoor text")), /table users is not defined as this app defines it/],
  [
    "an index dropped",
    () =>
      variant((f) =>
        withSql(
          `drop index "${new Database(f, { readonly: true }).prepare("select name from sqlite_master where type = 'index' and tbl_name = 'coes' and sql is not null").pluck().get() as string}"`,
        )(f),
      ),
    /index .* is missing/,
  ],
];

describe("restore refuses what it must not restore", () => {
  it.each([...DAMAGED, ...FOREIGN])("%s: refused with the reason, even with --force; neither file changes", async (_name, make, reason) => {
    const source = make();
    const target = join(scratch(), "live.db");
    copyFileSync(goodBackup, target);
    const [sourceBefore, targetBefore] = [fingerprint(source), fingerprint(target)];
    const refused = await restoreDatabase({ from: source, to: target, force: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DatabaseFileError);
    expect((refused as Error).message).toMatch(reason);
    expect((refused as Error).message).toMatch(/cannot be restored: .*Nothing was changed\.$/);
    expect(fingerprint(target), "the target").toEqual(targetBefore);
    expect(fingerprint(source), "the backup and the files beside it").toEqual(sourceBefore);
  });

  it("counts the cases", () => {
    reportCases("files-and-processes", DAMAGED.length + FOREIGN.length);
  });

  it("the genuine backup passes the same checks", () => {
    expect(verifyDatabaseFile(goodBackup)).toEqual({ ok: true, applied: ourHashes().length, known: ourHashes().length });
  });

  it("refuses to replace an existing database without force, and the database itself as its own backup", async () => {
    const target = join(scratch(), "live.db");
    copyFileSync(goodBackup, target);
    writeFileSync(target, readFileSync(target)); // a different inode, same bytes
    const before = fingerprint(target);
    await expect(restoreDatabase({ from: goodBackup, to: target, force: false })).rejects.toThrow(
      /already exists and may be in use; nothing was changed\. Run restore again with --force/,
    );
    expect(fingerprint(target)).toEqual(before);
    for (const from of [target, `${target}-wal`]) await expect(restoreDatabase({ from, to: target, force: true })).rejects.toThrow(/the database itself/);
    expect(fingerprint(target)).toEqual(before);
    reportCases("files-and-processes", 3);
  });
});

describe("restore", () => {
  it("with force replaces a 0644 database's contents through the backup API, leaves it 0600, sound, and nothing else behind", async () => {
    const dir = scratch();
    const target = join(dir, "live.db");
    copyFileSync(inject("templateDb"), target); // this app's database as an older version left it: 0644, other rows
    const live = new Database(target);
    live.exec("insert into teams (name) values ('Only in the live database')");
    live.close();
    chmodSync(target, 0o644);
    const report = await restoreDatabase({ from: goodBackup, to: target, force: true });
    expect(report).toMatchObject({ replaced: true, migrated: 0, users: 2, coes: 3 });
    expect(mode(target)).toBe("600");
    expect(readdirSync(dir).sort()).toEqual(["live.db"]);
    const restored = new Database(target, { readonly: true });
    expect(restored.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(checkAppDatabase(restored)).toMatchObject({ ok: true });
    expect(restored.prepare("select title from coes order by title").pluck().all()).toEqual(["Backed-up COE 0", "Backed-up COE 1", "Backed-up COE 2"]);
    expect(restored.prepare("select name from teams").pluck().all()).not.toContain("Only in the live database");
    restored.close();
  });

  it("into a path that does not exist yet: makes the directory 0700 and the database 0600, no force needed", async () => {
    const root = scratch();
    const target = join(root, "new", "coe.db");
    expect(await restoreDatabase({ from: goodBackup, to: target, force: false })).toMatchObject({ replaced: false, users: 2, coes: 3 });
    expect([mode(join(root, "new")), mode(target)]).toEqual(["700", "600"]);
    expect(readdirSync(join(root, "new"))).toEqual(["coe.db"]);
  });

  it("a backup from an older version is migrated to this one as it is restored", async () => {
    const known = ourHashes();
    const old = join(scratch(), "old.db");
    const db = new Database(old);
    db.pragma("journal_mode = WAL");
    db.exec(`create table "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
    for (const m of known.slice(0, -1)) {
      for (const statement of m.sql) if (statement.trim()) db.exec(statement);
      db.prepare(`insert into "__drizzle_migrations" (hash, created_at) values (?, ?)`).run(m.hash, m.folderMillis);
    }
    db.close();
    expect(verifyDatabaseFile(old)).toEqual({ ok: true, applied: known.length - 1, known: known.length });
    const target = join(scratch(), "coe.db");
    expect(await restoreDatabase({ from: old, to: target, force: false })).toMatchObject({ migrated: 1, users: 0, coes: 0 });
    expect(checkAppDatabase(new Database(target, { readonly: true }))).toEqual({ ok: true, applied: known.length, known: known.length });
  });

  it("into the database of a running server (npm run coe -- restore --force): every request meanwhile is answered, and the server serves the restored data at once", async () => {
    const db = await freshDb();
    await insertTeam(db, "Storage");
    const author = await insertUser(db, "author");
    const coeId = await insertCoe(db, { title: "Before the backup", team: "Storage", status: "draft" }, { actorId: author.id });
    const cookie = await sessionCookieFor(author.id);
    const backup = join(scratch(), "before.db");
    await backupDatabase({ from: process.env.DATABASE_PATH!, to: backup });
    await withTransaction(db, (tx) => tx.update(coes).set({ title: "Changed after the backup" }).where(eq(coes.id, coeId)));

    const server = await startTestServer();
    try {
      const title = async () => {
        const res = await fetch(`${server.origin}/coes/${coeId}`, { headers: { Cookie: cookie } });
        const html = await res.text();
        return `${res.status} ${/Before the backup|Changed after the backup/.exec(html)?.[0] ?? "no title"}`;
      };
      expect(await title()).toBe("200 Changed after the backup");
      let reading = true;
      const seen: string[] = [];
      const reader = (async () => {
        while (reading) seen.push(await title());
      })();
      await sleep(200);
      const restore = await coeAsync(["restore", backup, "--force"]);
      await sleep(200);
      reading = false;
      await reader;
      expect(restore.stderr).toBe("");
      expect(restore.status).toBe(0);
      expect(restore.stdout).toMatch(
        /^restored .*before\.db into .*test\.db \(replacing its contents\): 1 user, 1 COE; integrity_check ok; mode 0600\. The backup file was not changed\.\n$/,
      );
      expect(new Set(seen.map((s) => s.split(" ")[0])), "statuses while restoring").toEqual(new Set(["200"]));
      expect(seen.at(-1)).toBe("200 Before the backup");
      expect(seen.indexOf("200 Before the backup")).toBeGreaterThan(0);
      // Once "Before the backup" was seen, the old title never comes back: no mixture, no going back.
      expect(seen.slice(seen.indexOf("200 Before the backup"))).not.toContain("200 Changed after the backup");
      expect(mode(process.env.DATABASE_PATH!)).toBe("600");
    } finally {
      await server.stop();
    }
    reportCases("files-and-processes", 1);
  }, 60_000);
});
