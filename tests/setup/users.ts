import { hashPassword } from "~/auth/password.server";
import { createSession } from "~/auth/session.server";
import type { Db } from "../../db/client";
import { teams, users, type Role } from "../../db/schema";

let cachedHash: string | undefined;

/** A user with password "password123" (hashed once per file: scrypt is deliberately slow). */
export async function insertUser(db: Db, role: Role, email = `${role}-${Math.random().toString(36).slice(2)}@example.com`) {
  cachedHash ??= await hashPassword("password123");
  return db
    .insert(users)
    .values({ email, name: `${role} person`, role, passwordHash: cachedHash })
    .returning()
    .get();
}

export function insertTeam(db: Db, name = "Storage") {
  return (
    db.insert(teams).values({ name }).onConflictDoNothing().returning().get() ??
    db
      .select()
      .from(teams)
      .all()
      .find((t) => t.name === name)!
  );
}

/** The Cookie header of a fresh session for this user (browser tests and route tests skip the password form). */
export async function sessionCookieFor(userId: number): Promise<string> {
  const setCookie = await createSession(userId);
  return setCookie.split(";")[0]!;
}
