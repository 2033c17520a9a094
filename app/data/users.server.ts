import { and, asc, eq, gt, inArray, isNull, lt, lte, or } from "drizzle-orm";
import { takeTurns, withTransaction, type Db } from "../../db/client";
import { loginAttempts, users, type LoginOutcome } from "../../db/schema";
import { THROTTLE, throttleVerdict, type ThrottleVerdict } from "../auth/login-throttle";
import { recordEvent } from "./audit.server";
import { perConnection } from "./per-connection.server";
import { insertedId } from "./rows.server";

export function findUserByEmail(db: Db, email: string) {
  return db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()))
    .then(([user]) => user);
}

/** Who is trying: `clientAddress` is the throttling key of its address (`throttleClientKey`: an IPv6 client is its /64), `device` its known-device id for this email. */
export type AttemptClient = { clientAddress: string; device: string | null };
export type Reservation = { ok: true; attemptId: number } | { ok: false; verdict: Extract<ThrottleVerdict, { allowed: false }> };

/**
 * Decides whether this sign-in attempt may check a password and, if so, records it as pending, in
 * one IMMEDIATE transaction: no other attempt can be decided between the count and the write, so
 * N concurrent guesses count N (the count includes attempts still being checked). Attempts of this
 * email and this client older than the window go at the same time, so the table stays as small as
 * the attacks of the last window.
 */
export function reserveLoginAttempt(db: Db, email: string, client: AttemptClient, now: number): Promise<Reservation> {
  return withTransaction(db, async (tx): Promise<Reservation> => {
      await takeTurns(tx, "sign-in");
      const since = new Date(now - THROTTLE.windowMs);
      const mineOrMyEmail = or(eq(loginAttempts.email, email), eq(loginAttempts.clientAddress, client.clientAddress));
      await tx.delete(loginAttempts).where(and(lte(loginAttempts.createdAt, since), mineOrMyEmail));
      const rows = await tx
        .select({ email: loginAttempts.email, clientAddress: loginAttempts.clientAddress, device: loginAttempts.device, at: loginAttempts.createdAt })
        .from(loginAttempts)
        .where(and(gt(loginAttempts.createdAt, since), inArray(loginAttempts.outcome, ["pending", "failed"]), mineOrMyEmail));
      const isThisClient = (r: (typeof rows)[number]) => (client.device ? r.device === client.device : r.device === null && r.clientAddress === client.clientAddress);
      const times = (keep: (r: (typeof rows)[number]) => boolean) => rows.filter(keep).map((r) => r.at.getTime());
      const verdict = throttleVerdict({
        now,
        emailClient: times((r) => r.email === email && isThisClient(r)),
        client: times((r) => r.clientAddress === client.clientAddress && r.device === null),
        email: times((r) => r.email === email),
        trustedDevice: client.device !== null,
      });
      if (!verdict.allowed) return { ok: false as const, verdict };
      const attemptId = await insertedId(tx.insert(loginAttempts).values({ email, ...client, createdAt: new Date(now) }).returning({ id: loginAttempts.id }));
      return { ok: true as const, attemptId };
  });
}

/**
 * Marks a reserved attempt failed or succeeded. A success also forgets this client's failures for
 * the email reserved before it (typos before getting it right); attempts reserved after it still count.
 */
export async function finishLoginAttempt(db: Db, attemptId: number, outcome: Exclude<LoginOutcome, "pending">) {
  await withTransaction(db, async (tx) => {
    const [attempt] = await tx.update(loginAttempts).set({ outcome }).where(eq(loginAttempts.id, attemptId)).returning();
    if (outcome !== "succeeded" || !attempt) return;
    const sameClient = attempt.device ? eq(loginAttempts.device, attempt.device) : and(isNull(loginAttempts.device), eq(loginAttempts.clientAddress, attempt.clientAddress));
    await tx.delete(loginAttempts).where(and(eq(loginAttempts.email, attempt.email), eq(loginAttempts.outcome, "failed"), lt(loginAttempts.id, attempt.id), sameClient));
  });
}

export function recordSignIn(db: Db, userId: number, clientAddress: string) {
  return recordEvent(db, { actorId: userId, action: "user.sign_in", entityType: "user", entityId: userId, clientAddress });
}

// Every COE page asks for this (owner pickers, the blameless lint): prepared once per connection.
const activeUsers = perConnection((db) =>
  db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(isNull(users.disabledAt)).orderBy(asc(users.name)).prepare("active_users"),
);

/** People who can own action items (active users), for owner pickers. */
export function listActiveUsers(db: Db) {
  return activeUsers(db).execute();
}
