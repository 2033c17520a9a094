import { randomBytes } from "node:crypto";
import { existsSync, linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { eq } from "drizzle-orm";
import { databasePath, getDb, withTransaction } from "../../db/client";
import { engineKind } from "../../db/engine-kind";
import { settings } from "../../db/schema";
import { createPrivateFile, ensurePrivateDir, tightenToPrivate } from "../../db/file-modes";

/**
 * SESSION_SECRET signs the session cookie. For local use a random secret is generated once and
 * kept beside the database (0600), so sign-ins survive restarts without any set-up. It is written
 * whole under a temporary name and then linked into place, which fails if the file exists: two
 * processes starting together agree on one secret, and neither ever reads a half-written one.
 * On PostgreSQL it lives in the database instead (see loadSessionSecret).
 */
export function sessionSecret(): string {
  const fromEnv = process.env.SESSION_SECRET;
  if (fromEnv) return fromEnv;
  if (engineKind() === "pg") return sharedSecret ?? raise("the session secret is read from the database at start (loadSessionSecret) and was not");
  const file = join(dirname(databasePath()), ".session-secret");
  ensurePrivateDir(dirname(file));
  const made = existsSync(file) ? undefined : makeSecretFile(file);
  if (made) return made;
  tightenToPrivate(file);
  const secret = readFileSync(file, "utf8").trim();
  if (!secret) throw new Error(`${file} is empty: delete it to have a new secret made (this signs everyone out), or set SESSION_SECRET`);
  return secret;
}

let sharedSecret: string | undefined;
const SECRET_KEY = "session_secret";

/**
 * On PostgreSQL the app may run as several instances on several machines, which must all sign
 * alike: without SESSION_SECRET, the secret is made once in the database by whichever instance
 * starts first (the others' inserts do nothing) and every instance reads that one. Call before serving.
 */
export async function loadSessionSecret(): Promise<void> {
  if (process.env.SESSION_SECRET || engineKind() !== "pg") return;
  const db = getDb();
  await withTransaction(db, (tx) => tx.insert(settings).values({ key: SECRET_KEY, value: randomBytes(32).toString("base64url") }).onConflictDoNothing());
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, SECRET_KEY));
  if (typeof row?.value !== "string" || !row.value) throw new Error(`the setting ${SECRET_KEY} is not a secret: delete that row to have a new one made (this signs everyone out), or set SESSION_SECRET`);
  sharedSecret = row.value;
}

function raise(message: string): never {
  throw new Error(message);
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
