import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { getDb, instantParam, withTransaction } from "../../db/client";
import { sessions, users, type Role } from "../../db/schema";
import { perConnection } from "./per-connection.server";

/** The rows behind sign-in: a session is stored by its token's hash, never by the token. */
export type SessionUser = { id: number; email: string; name: string; role: Role; teamId: number | null };

/** Stores a session, and sweeps expired ones (sign-in is rare and cheap to piggyback on rather than a timer). */
export async function insertSession(tokenHash: string, userId: number, expiresAt: Date, now: Date) {
  await withTransaction(getDb(), async (tx) => {
    await tx.insert(sessions).values({ id: tokenHash, userId, expiresAt });
    await tx.delete(sessions).where(lt(sessions.expiresAt, now));
  });
}

// Every signed-in request runs this: prepared once per connection rather than built and compiled each time.
const sessionUser = perConnection((db) =>
  db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, teamId: users.teamId })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder("id")), gt(sessions.expiresAt, sql.placeholder("now")), isNull(users.disabledAt)))
    .prepare("session_user"),
);

/** The enabled user of an unexpired session. */
export async function userOfSession(tokenHash: string, now: number): Promise<SessionUser | undefined> {
  const [user] = await sessionUser(getDb()).execute({ id: tokenHash, now: instantParam(now) });
  return user;
}

/** Ends one session (sign-out). */
export async function deleteSession(tokenHash: string) {
  await withTransaction(getDb(), (tx) => tx.delete(sessions).where(eq(sessions.id, tokenHash)));
}

/** Ends every session of a user (password change, account disabled). */
export async function deleteSessionsOf(userId: number) {
  await withTransaction(getDb(), (tx) => tx.delete(sessions).where(eq(sessions.userId, userId)));
}
