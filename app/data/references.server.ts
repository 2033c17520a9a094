import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { lessons, teams, users, whyNodes } from "../../db/schema";
import { FieldError } from "./write-errors.server";

/*
 * Ids a form refers to (not the row it is about) are checked inside the write's transaction,
 * before anything is written: an unknown one is a 400 naming the field, never a foreign-key
 * failure. Call these from within `writeCoe`'s change (or another transaction).
 */

export async function requireTeam(db: Db, teamId: number, field = "teamId") {
  const [team] = await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, teamId));
  if (!team) throw new FieldError(field, "That team does not exist; choose one from the list");
  return team;
}

export async function requirePerson(db: Db, userId: number, field: string) {
  const [person] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!person) throw new FieldError(field, "That person does not exist; choose someone from the list");
  return person;
}

/** A why node of this COE (another COE's, or none, is a 400 naming the field). */
export async function requireWhyOfCoe(db: Db, coeId: number, whyNodeId: number, field: string) {
  const [node] = await db.select({ id: whyNodes.id }).from(whyNodes).where(and(eq(whyNodes.id, whyNodeId), eq(whyNodes.coeId, coeId)));
  if (!node) throw new FieldError(field, "That why is not in this COE (it may have been deleted); choose one from the list");
  return node;
}

/** A lesson of this COE (another COE's, or none, is a 400 naming the field). */
export async function requireLessonOfCoe(db: Db, coeId: number, lessonId: number, field: string) {
  const [lesson] = await db.select({ id: lessons.id }).from(lessons).where(and(eq(lessons.id, lessonId), eq(lessons.coeId, coeId)));
  if (!lesson) throw new FieldError(field, "That lesson is not in this COE (it may have been deleted); choose one from the list");
  return lesson;
}
