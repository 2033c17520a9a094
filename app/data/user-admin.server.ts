import { eq, sql } from "drizzle-orm";
import { takeTurns, withTransaction, type Db } from "../../db/client";
import { teams, users } from "../../db/schema";
import { hashPassword } from "../auth/password.server";
import type { UserAdd } from "../domain/users";
import { recordEvent } from "./audit.server";
import { insertedId } from "./rows.server";

export type AddUserResult = { ok: true; userId: number; createdTeam: boolean } | { ok: false; error: string };

/**
 * Creates a user for the CLI and the demo seed. Emails are unique regardless of case, because
 * sign-in and action-item owners match them that way. A named team is created if it is new.
 * The audit event is written in the same transaction; `actorId` is who did it (none from the
 * command line or the seed, which the audit page shows as "System").
 */
export async function addUser(db: Db, user: UserAdd, { actorId = null }: { actorId?: number | null } = {}): Promise<AddUserResult> {
  const passwordHash = await hashPassword(user.password);
  // Checked and written after the (slow) hash, in one transaction, so two runs cannot both pass the check.
  return withTransaction(db, async (tx): Promise<AddUserResult> => {
    await takeTurns(tx, "users");
    const [taken] = await tx
      .select({ email: users.email })
      .from(users)
      .where(eq(sql`lower(${users.email})`, user.email.toLowerCase()));
    if (taken) return { ok: false, error: `a user with email ${taken.email} already exists` };
    let createdTeam = false;
    let teamId: number | null = null;
    if (user.team !== undefined) {
      const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.name, user.team));
      teamId = team?.id ?? null;
      if (teamId === null) {
        teamId = await insertedId(tx.insert(teams).values({ name: user.team }).returning({ id: teams.id }));
        createdTeam = true;
      }
    }
    const userId = await insertedId(
      tx.insert(users).values({ email: user.email.toLowerCase(), name: user.name, role: user.role, passwordHash, teamId }).returning({ id: users.id }),
    );
    await recordEvent(tx, {
      actorId,
      action: "user.create",
      entityType: "user",
      entityId: userId,
      detail: { email: user.email.toLowerCase(), role: user.role, ...(user.team !== undefined ? { team: user.team } : {}), ...(createdTeam ? { createdTeam } : {}) },
    });
    return { ok: true, userId, createdTeam };
  });
}

/** A user's id by email, compared case-insensitively (emails are stored lower-case). */
export async function userIdByEmail(db: Db, email: string): Promise<number | undefined> {
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return user?.id;
}
