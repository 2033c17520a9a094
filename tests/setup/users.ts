import { eq } from "drizzle-orm";
import { hashPassword } from "~/auth/password.server";
import { createSession } from "~/auth/session.server";
import { withTransaction, type Db } from "../../db/client";
import { teams, users, type Role } from "../../db/schema";

let cachedHash: string | undefined;

/** A user with password "password123" (hashed once per file: scrypt is deliberately slow). */
export async function insertUser(db: Db, role: Role, email = `${role}-${Math.random().toString(36).slice(2)}@example.com`) {
  cachedHash ??= await hashPassword("password123");
  const passwordHash = cachedHash;
  const [user] = await withTransaction(db, (tx) =>
    tx
      .insert(users)
      .values({ email, name: `${role} person`, role, passwordHash })
      .returning(),
  );
  return user!;
}

/** The team named `name`, created if it does not exist yet. */
export async function insertTeam(db: Db, name = "Storage") {
  return withTransaction(db, async (tx) => {
    const [created] = await tx.insert(teams).values({ name }).onConflictDoNothing().returning();
    if (created) return created;
    const [existing] = await tx.select().from(teams).where(eq(teams.name, name));
    return existing!;
  });
}

/** The Cookie header of a fresh session for this user (browser tests and route tests skip the password form). */
export async function sessionCookieFor(userId: number): Promise<string> {
  const setCookie = await createSession(userId);
  return setCookie.split(";")[0]!;
}
