import { and, asc, eq, gt, isNull, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditEvents, loginFailures, users } from "../../db/schema";
import { THROTTLE } from "../auth/login-throttle";

export function findUserByEmail(db: Db, email: string) {
  return db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()))
    .get();
}

/** Timestamps of recent failed sign-ins for this email and for this client. */
export function recentLoginFailures(db: Db, email: string, clientAddress: string, now: number) {
  const since = new Date(now - THROTTLE.windowMs);
  const rows = db
    .select({ email: loginFailures.email, clientAddress: loginFailures.clientAddress, at: loginFailures.createdAt })
    .from(loginFailures)
    .where(and(gt(loginFailures.createdAt, since), or(eq(loginFailures.email, email), eq(loginFailures.clientAddress, clientAddress))))
    .all();
  return {
    byEmail: rows.filter((r) => r.email === email).map((r) => r.at.getTime()),
    byClient: rows.filter((r) => r.clientAddress === clientAddress).map((r) => r.at.getTime()),
  };
}

export function recordLoginFailure(db: Db, email: string, clientAddress: string, now: number) {
  db.insert(loginFailures).values({ email, clientAddress, createdAt: new Date(now) }).run();
}

export function recordSignIn(db: Db, userId: number, email: string) {
  db.transaction(() => {
    db.delete(loginFailures).where(eq(loginFailures.email, email)).run();
    db.insert(auditEvents).values({ actorId: userId, action: "user.sign_in", entityType: "user", entityId: userId }).run();
  });
}

/** People who can own action items (active users), for owner pickers. */
export function listActiveUsers(db: Db) {
  return db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(isNull(users.disabledAt)).orderBy(asc(users.name)).all();
}
