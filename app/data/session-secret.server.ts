import { randomBytes } from "node:crypto";
import { existsSync, linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { databasePath } from "../../db/client";
import { createPrivateFile, ensurePrivateDir, tightenToPrivate } from "../../db/file-modes";

/**
 * SESSION_SECRET signs the session cookie. For local use a random secret is generated once and
 * kept beside the database (0600), so sign-ins survive restarts without any set-up. It is written
 * whole under a temporary name and then linked into place, which fails if the file exists: two
 * processes starting together agree on one secret, and neither ever reads a half-written one.
 */
export function sessionSecret(): string {
  const fromEnv = process.env.SESSION_SECRET;
  if (fromEnv) return fromEnv;
  const file = join(dirname(databasePath()), ".session-secret");
  ensurePrivateDir(dirname(file));
  const made = existsSync(file) ? undefined : makeSecretFile(file);
  if (made) return made;
  tightenToPrivate(file);
  const secret = readFileSync(file, "utf8").trim();
  if (!secret) throw new Error(`${file} is empty: delete it to have a new secret made (this signs everyone out), or set SESSION_SECRET`);
  return secret;
}

/** The new secret, or undefined when `file` already exists. */
function makeSecretFile(file: string): string | undefined {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  createPrivateFile(temp);
  try {
    const secret = randomBytes(32).toString("base64url");
    writeFileSync(temp, secret);
    linkSync(temp, file);
    return secret;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return undefined;
    throw e;
  } finally {
    unlinkSync(temp);
  }
}
