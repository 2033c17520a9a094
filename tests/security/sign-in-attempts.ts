import { and, eq } from "drizzle-orm";
import { getDb, withTransaction } from "../../db/client";
import { auditEvents, loginAttempts, sessions } from "../../db/schema";
import { postFormFrom, type Reply, type SendInit } from "../setup/http-from";

/** The password `insertUser` gives everyone. */
export const RIGHT = "password123";

/** One sign-in through the real form (a document POST to /login, as with JavaScript off). */
export function signIn(origin: string, email: string, password: string, init: Omit<SendInit, "method" | "body"> & { path?: string } = {}): Promise<Reply> {
  return postFormFrom(origin, init.path ?? "/login", { email, password }, init);
}

/** The password was checked: a 401 (wrong) or a 302 (signed in); a 429 means it never was. */
export const wasVerified = (r: Reply) => r.status === 401 || r.status === 302;

/** Retry-After in whole seconds (a positive integer), or a failure naming what came instead. */
export function retryAfterSeconds(r: Reply): number {
  const value = r.headers["retry-after"];
  if (r.status !== 429 || typeof value !== "string" || !/^[1-9]\d*$/.test(value))
    throw new Error(`expected a 429 with Retry-After, got ${r.status} with ${String(value)}`);
  return Number(value);
}

export const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export const sessionsOf = (userId: number) => getDb().select().from(sessions).where(eq(sessions.userId, userId));

export const signInEventsOf = (userId: number) =>
  getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.actorId, userId), eq(auditEvents.action, "user.sign_in")))
    .orderBy(auditEvents.id);

/** The recorded attempts for an email: one per password that was checked, none for a refusal. */
export const attemptsFor = (email: string) => getDb().select().from(loginAttempts).where(eq(loginAttempts.email, email)).orderBy(loginAttempts.id);

/** Wrong guesses one after another until refused; how many were checked before the 429 (throws if never refused). */
export async function guessUntilRefused(
  origin: string,
  email: string,
  init: (i: number) => Omit<SendInit, "method" | "body">,
  max = 10,
): Promise<{ verified: number; refusal: Reply }> {
  for (let i = 0; i < max; i++) {
    const reply = await signIn(origin, email, `wrong-${i}`, init(i));
    if (reply.status === 429) return { verified: i, refusal: reply };
    if (reply.status !== 401) throw new Error(`guess ${i} answered ${reply.status}: ${reply.body.slice(0, 200)}`);
  }
  throw new Error(`${max} wrong guesses for ${email} were all checked: the throttle never refused`);
}

/**
 * Writes failed attempts as the server records them (email, throttling key, no device), for a
 * history that would take minutes of real guessing: `at` is when each happened (epoch ms).
 */
export async function arrangeFailures(rows: { email: string; clientAddress: string; at?: number }[]) {
  if (rows.length === 0) return;
  const now = Date.now();
  const values = rows.map((r) => ({
    email: r.email,
    clientAddress: r.clientAddress,
    device: null,
    outcome: "failed" as const,
    createdAt: new Date(r.at ?? now),
  }));
  await withTransaction(getDb(), (tx) => tx.insert(loginAttempts).values(values));
}

/** Whether a browser sends a cookie with this Path attribute to `requestPath` (RFC 6265 §5.1.4). */
export function cookiePathMatches(setCookie: string, requestPath: string): boolean {
  const path = /;\s*Path=([^;]*)/i.exec(setCookie)?.[1] ?? "/";
  if (requestPath === path) return true;
  return requestPath.startsWith(path) && (path.endsWith("/") || requestPath[path.length] === "/");
}
