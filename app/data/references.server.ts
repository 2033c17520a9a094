import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { teams, users } from "../../db/schema";
import { FieldError } from "./write-errors.server";

/*
 * Ids a form refers to (not the row it is about) are checked inside the write's transaction,
 * before anything is written: an unknown one is a 400 naming the field, never a foreign-key
 * failure. Call these from within `writeCoe`'s change (or another transaction).
 */

export function requireTeam(db: Db, teamId: number, field = "teamId") {
  const team = db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, teamId)).get();
  if (!team) throw new FieldError(field, "That team does not exist; choose one from the list");
  return team;
}

export function requirePerson(db: Db, userId: number, field: string) {
  const person = db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get();
  if (!person) throw new FieldError(field, "That person does not exist; choose someone from the list");
  return person;
}
