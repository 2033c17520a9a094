import { randomBytes } from "node:crypto";
import { closeSync, existsSync, openSync, readSync, realpathSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { migrationsFolder } from "../../db/client";
import { openSqliteFile } from "../../db/sqlite-file";
import { createPrivateFile, ensurePrivateDir, SIDE_FILE_SUFFIXES, tightenToPrivate } from "../../db/file-modes";
import { checkAppDatabase } from "./database-identity.server";

type Sqlite = Database.Database;

/** A backup or restore that was refused or failed; the message says why and what was (not) changed. */
export class DatabaseFileError extends Error {}

// better-sqlite3 copies 100 pages per step by default, and SQLite restarts a backup whenever
// another connection writes to the source between steps: under steady writes a large database
// might never finish. Copying every page in one step reads one consistent snapshot instead (in WAL
// mode that blocks no writer).
const ALL_PAGES = 0x7fffffff;
const copyAll = { progress: () => ALL_PAGES };

export type Verified = { ok: true; applied: number; known: number } | { ok: false; reason: string };

/**
 * Whether `file` can be restored: a regular SQLite file that opens, passes `PRAGMA
 * integrity_check`, and is this app's database (see checkAppDatabase). Opened read-only.
 */
export function verifyDatabaseFile(file: string): Verified {
  const unreadable = notAnSqliteFile(file);
  if (unreadable) return { ok: false, reason: unreadable };
  let source: ReturnType<typeof openBackupFile> | undefined;
  try {
    source = openBackupFile(file);
    const problems = integrityProblems(source.sqlite);
    if (problems.length) return { ok: false, reason: `it is damaged: PRAGMA integrity_check says ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ""}` };
    return checkAppDatabase(source.sqlite);
  } catch (e) {
    return { ok: false, reason: `it is damaged or not a database: ${(e as Error).message}` };
  } finally {
    source?.close();
  }
}

/**
 * A read-only connection to a backup file. Reading a WAL-mode file makes SQLite create an empty
 * -wal and a -shm beside it; those we made are removed again on close, so restoring leaves the
 * backup's directory as it was. (Never used on the live database: a server opening it meanwhile
 * would share those files.)
 */
function openBackupFile(file: string) {
  const existed = SIDE_FILE_SUFFIXES.filter((s) => existsSync(file + s));
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  return {
    sqlite,
    close() {
      sqlite.close();
      const madeWal = !existed.includes("-wal") && existsSync(`${file}-wal`);
      if (madeWal && statSync(`${file}-wal`).size !== 0) return;
      for (const s of SIDE_FILE_SUFFIXES) if (!existed.includes(s)) rmSync(file + s, { force: true });
    },
  };
}

/**
 * An online backup of the database at `from` into `to`: one consistent snapshot taken with SQLite's
 * backup API while the server keeps writing, written under a temporary 0600 name beside `to`,
 * checked with integrity_check, then renamed into place — so `to` is never readable by others and
 * never a half-written file.
 */
export async function backupDatabase({ from, to }: { from: string; to: string }): Promise<{ bytes: number }> {
  if (!existsSync(from)) throw new DatabaseFileError(`there is no database at ${from}`);
  if (!existsSync(dirname(to))) throw new DatabaseFileError(`the directory ${dirname(to)} does not exist`);
  refuseSameFile(from, to, "the backup would overwrite the database itself; choose another file");
  const staged = stagingName(to);
  try {
    await copyDatabase(from, staged);
    const problems = integrityProblems(staged);
    if (problems.length) throw new DatabaseFileError(`the copy failed PRAGMA integrity_check (${problems[0]}); ${to} was not written`);
    renameSync(staged, to);
    return { bytes: statSync(to).size };
  } finally {
    removeDatabaseFiles(staged);
  }
}

export type RestoreReport = { replaced: boolean; migrated: number; users: number; coes: number };

/**
 * Replaces the database at `to` with the backup at `from`. The backup is verified first (and left
 * untouched); an existing database is replaced only with `force`. The backup is staged beside the
 * target and migrated to this version there, then copied into the target with SQLite's backup API
 * in one transaction, so a server running on `to` sees the old database or the restored one, never
 * a mixture or an old schema. The result is 0600 and passes integrity_check.
 */
export async function restoreDatabase({ from, to, force }: { from: string; to: string; force: boolean }): Promise<RestoreReport> {
  refuseSameFile(from, to, `${from} is the database itself (DATABASE_PATH), not a backup of it; nothing was changed`);
  const verified = verifyDatabaseFile(from);
  if (!verified.ok) throw new DatabaseFileError(`${from} cannot be restored: ${verified.reason}. Nothing was changed.`);
  const replaced = existsSync(to);
  if (replaced && !force)
    throw new DatabaseFileError(
      `${to} already exists and may be in use; nothing was changed. Run restore again with --force to replace its contents with ${from} (a server running on it sees the restored database at once).`,
    );
  ensurePrivateDir(dirname(to));
  const staged = stagingName(to);
  try {
    await copyDatabase(from, staged, { fromBackupFile: true });
    // What is restored is this snapshot of the backup, so check it again (the file may have changed since).
    const snapshot = verifyDatabaseFile(staged);
    if (!snapshot.ok) throw new DatabaseFileError(`${from} cannot be restored: ${snapshot.reason}. Nothing was changed.`);
    const migrated = migrateStaged(staged);
    const created = createPrivateFile(to);
    if (!created) for (const f of [to, ...SIDE_FILE_SUFFIXES.map((s) => to + s)]) tightenToPrivate(f);
    await copyDatabase(staged, to).catch((e: unknown) => {
      if (created) removeDatabaseFiles(to); // leave no empty database where there was none
      throw new DatabaseFileError(
        `could not write into ${to}: ${(e as Error).message}. If it is not a database of this app, or its page size differs, stop the server, move ${to} aside and restore again.`,
      );
    });
    const restored = checkRestored(to);
    if (restored.problems.length) throw new DatabaseFileError(`${to} failed PRAGMA integrity_check after the restore: ${restored.problems.slice(0, 3).join("; ")}`);
    return { replaced, migrated, users: restored.users, coes: restored.coes };
  } finally {
    removeDatabaseFiles(staged);
  }
}

/** Copies the database at `from` into the file `to` (created 0600 if missing) with SQLite's backup API, all pages in one step. */
async function copyDatabase(from: string, to: string, { fromBackupFile = false } = {}) {
  createPrivateFile(to);
  const source = fromBackupFile ? openBackupFile(from) : readonly(from);
  try {
    source.sqlite.pragma("busy_timeout = 5000");
    await source.sqlite.backup(to, copyAll);
  } finally {
    source.close();
  }
}

function readonly(file: string) {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  return { sqlite, close: () => sqlite.close() };
}

/** Brings a staged copy to this version's schema; returns how many migrations that took. */
function migrateStaged(file: string): number {
  const sqlite = openSqliteFile(file);
  const applied = () => sqlite.prepare(`select count(*) from "__drizzle_migrations"`).pluck().get() as number;
  try {
    const before = applied();
    migrate(drizzle({ client: sqlite }), { migrationsFolder: migrationsFolder("sqlite") });
    const after = applied();
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    return after - before;
  } finally {
    sqlite.close();
  }
}

/** The rows `PRAGMA integrity_check` reports; none when the database is sound. */
function integrityProblems(db: Sqlite | string): string[] {
  const sqlite = typeof db === "string" ? new Database(db, { fileMustExist: true }) : db;
  try {
    if (typeof db === "string") sqlite.pragma("busy_timeout = 5000");
    const rows = sqlite.pragma("integrity_check", { simple: false }) as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).filter((r) => r !== "ok");
  } finally {
    if (typeof db === "string") sqlite.close();
  }
}

/** integrity_check and a head count of the restored database, through a connection of its own. */
function checkRestored(file: string) {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 5000");
    const count = (table: string) => sqlite.prepare(`select count(*) from ${table}`).pluck().get() as number;
    return { problems: integrityProblems(sqlite), users: count("users"), coes: count("coes") };
  } finally {
    sqlite.close();
  }
}

const SQLITE_HEADER = Buffer.from("SQLite format 3\0", "latin1");

/** Why `file` is not even worth opening, or undefined. */
function notAnSqliteFile(file: string): string | undefined {
  let fd: number;
  try {
    if (!statSync(file).isFile()) return "it is not a regular file";
    fd = openSync(file, "r");
  } catch (e) {
    return `it cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
  }
  try {
    const header = Buffer.alloc(100);
    const read = readSync(fd, header, 0, header.length, 0);
    if (read < 100 || !header.subarray(0, 16).equals(SQLITE_HEADER)) return "it is not an SQLite database (no SQLite header)";
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function refuseSameFile(a: string, b: string, message: string) {
  const real = (f: string) => (existsSync(f) ? realpathSync(f) : resolve(f));
  const [ra, rb] = [real(a), real(b)];
  if (ra === rb || SIDE_FILE_SUFFIXES.some((s) => rb === ra + s || ra === rb + s)) throw new DatabaseFileError(message);
}

/** A temporary name beside `file` (same file system, so the rename is atomic), hidden and unique. */
function stagingName(file: string): string {
  return join(dirname(file), `.${basename(file)}.partial-${process.pid}-${randomBytes(4).toString("hex")}`);
}

function removeDatabaseFiles(file: string) {
  for (const f of [file, ...SIDE_FILE_SUFFIXES.map((s) => file + s)]) rmSync(f, { force: true });
}
