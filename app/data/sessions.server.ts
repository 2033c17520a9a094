import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { sessions, users, type Role } from "../../db/schema";
import { perConnection } from "./per-connection.server";

/** The rows behind sign-in: a session is stored by its token's hash, never by the token. */
export type SessionUser = { id: number; email: string; name: string; role: Role; teamId: number | null };

/** Stores a session, and sweeps expired ones (sign-in is rare and cheap to piggyback on rather than a timer). */
export function insertSession(tokenHash: string, userId: number, expiresAt: Date, now: Date) {
  getDb().insert(sessions).values({ id: tokenHash, userId, expiresAt }).run();
  getDb().delete(sessions).where(lt(sessions.expiresAt, now)).run();
}

// Every signed-in request runs this: prepared once per connection rather than built and compiled each time.
const sessionUser = perConnection((db) =>
  db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, teamId: users.teamId })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder("id")), gt(sessions.expiresAt, sql.placeholder("now")), isNull(users.disabledAt)))
    .prepare(),
);

/** The enabled user of an unexpired session. A placeholder is bound as given: the column stores milliseconds. */
export function userOfSession(tokenHash: string, now: number): SessionUser | undefined {
  return sessionUser(getDb()).get({ id: tokenHash, now });
}

/** Ends one session (sign-out). */
export function deleteSession(tokenHash: string) {
  getDb().delete(sessions).where(eq(sessions.id, tokenHash)).run();
}

/** Ends every session of a user (password change, account disabled). */
export function deleteSessionsOf(userId: number) {
  getDb().delete(sessions).where(eq(sessions.userId, userId)).run();
}
