// File modes: the database holds password hashes, so it, its WAL and SHM, backups and the session
// secret are 0600 and a data directory we create is 0700, whatever the umask; files left looser by
// an older version are tightened when opened.
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { createPrivateFile, ensurePrivateDir, preparePrivateDatabaseFile, tightenToPrivate } from "../../db/file-modes";
import { sessionSecret } from "~/data/session-secret.server";
import { openSqlite } from "../../db/client";
import { openSqliteFile } from "../../db/sqlite-file";
import { startTestServer } from "../setup/test-server";
import { reportCases } from "./cases";

const mode = (f: string) => (statSync(f).mode & 0o777).toString(8);
const modes = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, mode(join(dir, f))]));
const scratch = () => mkdtempSync(join(tmpdir(), "coe-modes-"));

const originalUmask = process.umask();
afterEach(() => {
  process.umask(originalUmask);
});

describe.each(["022", "000"])("under umask %s", (umask) => {
  it("a new database, its WAL and SHM are 0600, and every directory made for it 0700", async () => {
    process.umask(parseInt(umask, 8));
    const root = scratch();
    const file = join(root, "made", "for", "coe.db");
    const engine = openSqlite(file); // opened and migrated, as at start
    expect(modes(join(root, "made", "for"))).toEqual({ "coe.db": "600", "coe.db-wal": "600", "coe.db-shm": "600" });
    expect([mode(join(root, "made")), mode(join(root, "made", "for"))]).toEqual(["700", "700"]);
    await engine.close();
    reportCases("files-and-processes", 5);
  });

  it("a directory that already exists keeps the mode its operator gave it", () => {
    process.umask(parseInt(umask, 8));
    const dir = join(scratch(), "shared");
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    openSqliteFile(join(dir, "coe.db")).close();
    expect(mode(dir)).toBe("755");
    expect(mode(join(dir, "coe.db"))).toBe("600");
  });

  it("createPrivateFile makes 0600 files and never touches one that exists", () => {
    process.umask(parseInt(umask, 8));
    const dir = scratch();
    expect(createPrivateFile(join(dir, "a"))).toBe(true);
    expect(mode(join(dir, "a"))).toBe("600");
    writeFileSync(join(dir, "b"), "keep me", { mode: 0o644 });
    chmodSync(join(dir, "b"), 0o644);
    expect(createPrivateFile(join(dir, "b"))).toBe(false);
    expect([mode(join(dir, "b")), readFileSync(join(dir, "b"), "utf8")]).toEqual(["644", "keep me"]);
    ensurePrivateDir(join(dir, "x", "y"));
    expect([mode(join(dir, "x")), mode(join(dir, "x", "y"))]).toEqual(["700", "700"]);
    reportCases("files-and-processes", 2);
  });
});

describe("upgrading from a version that left files readable", () => {
  it("opening tightens a 0644 database and its WAL, SHM and journal to 0600", () => {
    const dir = scratch();
    const file = join(dir, "coe.db");
    copyFileSync(inject("templateDb"), file);
    for (const suffix of ["-wal", "-shm", "-journal"]) writeFileSync(file + suffix, "");
    for (const f of readdirSync(dir)) chmodSync(join(dir, f), 0o644);
    preparePrivateDatabaseFile(file);
    expect(modes(dir)).toEqual({ "coe.db": "600", "coe.db-wal": "600", "coe.db-shm": "600", "coe.db-journal": "600" });
    chmodSync(file, 0o664);
    openSqliteFile(file).close();
    expect(mode(file)).toBe("600");
    tightenToPrivate(join(dir, "absent")); // nothing to do, no error
    reportCases("files-and-processes", 5);
  });
});

describe("the session secret", () => {
  const withDatabaseAt = <T>(file: string, fn: () => T): T => {
    const saved = { DATABASE_PATH: process.env.DATABASE_PATH, SESSION_SECRET: process.env.SESSION_SECRET };
    Object.assign(process.env, { DATABASE_PATH: file, SESSION_SECRET: "" });
    try {
      return fn();
    } finally {
      Object.assign(process.env, saved);
    }
  };

  it("is made 0600 under umask 000 (its directory 0700), kept, and tightened when an older version left it readable", () => {
    process.umask(0o000);
    const dir = join(scratch(), "fresh");
    const secret = withDatabaseAt(join(dir, "coe.db"), sessionSecret);
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(modes(dir)).toEqual({ ".session-secret": "600" }); // written whole under a temporary name, then linked: nothing else left
    expect(mode(dir)).toBe("700");
    chmodSync(join(dir, ".session-secret"), 0o644);
    expect(withDatabaseAt(join(dir, "coe.db"), sessionSecret)).toBe(secret);
    expect(mode(join(dir, ".session-secret"))).toBe("600");
    writeFileSync(join(dir, ".session-secret"), "");
    expect(() => withDatabaseAt(join(dir, "coe.db"), sessionSecret)).toThrow(/is empty: delete it/);
    reportCases("files-and-processes", 2);
  });
});

/** A failed sign-in makes the server open (or create) the database and read (or make) the session secret. */
async function failedSignIn(origin: string) {
  const res = await fetch(`${origin}/login`, {
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: "nobody@example.com", password: "wrong password" }),
  });
  await res.arrayBuffer();
  return res.status;
}

describe("the real server", () => {
  it("under umask 022 on a fresh path: creates the directories 0700 and the database, WAL, SHM and session secret 0600", async () => {
    process.umask(0o022);
    const root = scratch();
    const dir = join(root, "data", "coe");
    const server = await startTestServer({ DATABASE_PATH: join(dir, "coe.db"), SESSION_SECRET: "" });
    try {
      expect(await failedSignIn(server.origin)).toBe(401);
      expect(modes(dir)).toEqual({ "coe.db": "600", "coe.db-wal": "600", "coe.db-shm": "600", ".session-secret": "600" });
      expect([mode(join(root, "data")), mode(dir)]).toEqual(["700", "700"]);
      expect(readFileSync(join(dir, ".session-secret"), "utf8")).toMatch(/^[\w-]{43}$/);
    } finally {
      await server.stop();
    }
    expect(existsSync(join(dir, "coe.db-wal")) ? mode(join(dir, "coe.db-wal")) : "gone").toMatch(/^(600|gone)$/);
    reportCases("files-and-processes", 6);
  });

  it("under umask 000 on files an older version left 0644: tightens the database, its side files and the session secret", async () => {
    process.umask(0o000);
    const dir = scratch();
    const file = join(dir, "coe.db");
    copyFileSync(inject("templateDb"), file);
    writeFileSync(join(dir, ".session-secret"), "an-older-secret-that-stays-the-same");
    writeFileSync(`${file}-shm`, "");
    for (const f of readdirSync(dir)) chmodSync(join(dir, f), 0o644);
    chmodSync(dir, 0o755);
    const server = await startTestServer({ DATABASE_PATH: file, SESSION_SECRET: "" });
    try {
      expect(await failedSignIn(server.origin)).toBe(401);
      expect(modes(dir)).toEqual({ "coe.db": "600", "coe.db-wal": "600", "coe.db-shm": "600", ".session-secret": "600" });
      expect(mode(dir), "a directory we did not create is left as it is").toBe("755");
      expect(readFileSync(join(dir, ".session-secret"), "utf8")).toBe("an-older-secret-that-stays-the-same");
    } finally {
      await server.stop();
    }
    reportCases("files-and-processes", 4);
  });
});
