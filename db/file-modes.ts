import { chmodSync, closeSync, constants, fchmodSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname } from "node:path";

/**
 * The database holds password hashes and sessions, and so do its WAL, its backups and the session
 * secret beside it: they are readable by this service's user only (0600), in a directory only it
 * can list (0700), whatever the umask of the process that creates them.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** The files SQLite keeps beside a database in WAL mode (and the rollback journal a backup destination uses). */
export const SIDE_FILE_SUFFIXES = ["-wal", "-shm", "-journal"] as const;

/**
 * mkdir -p, where every directory this call creates is 0700. A directory that already exists is
 * left as it is: the operator chose its mode (a shared /var/lib, a mounted volume).
 */
export function ensurePrivateDir(dir: string) {
  const first = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (first === undefined) return;
  // mkdir's mode passes through the umask; chmod does not. Tighten every level we created.
  for (let d = dir; ; d = dirname(d)) {
    chmodSync(d, PRIVATE_DIR_MODE);
    if (d === first || dirname(d) === d) break;
  }
}

/**
 * Creates `file` empty and 0600 (O_EXCL, then fchmod: the umask cannot loosen it and there is no
 * moment at which it exists with a looser mode). Returns false, touching nothing, when it exists.
 */
export function createPrivateFile(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, PRIVATE_FILE_MODE);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * An existing file that group or others may read or write (a database made by an older version,
 * under umask 022) becomes 0600. A file we do not own cannot be changed: say so rather than fail,
 * since the operator may have set it up that way on purpose.
 */
export function tightenToPrivate(file: string) {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw e;
  }
  if ((mode & 0o077) === 0) return;
  try {
    chmodSync(file, mode & 0o700);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "EACCES") throw e;
    console.warn(
      `warning: ${file} is readable by other users (mode ${(mode & 0o777).toString(8)}) and this user cannot change that (${code}); it holds password hashes`,
    );
  }
}

/**
 * Before SQLite opens `file`: its directory exists (0700 if we create it), the file exists 0600
 * (SQLite then gives the -wal and -shm it creates the same mode), and a looser file left by an
 * older version, with its side files, is tightened.
 */
export function preparePrivateDatabaseFile(file: string) {
  ensurePrivateDir(dirname(file));
  if (createPrivateFile(file)) return;
  for (const f of [file, ...SIDE_FILE_SUFFIXES.map((s) => file + s)]) tightenToPrivate(f);
}
