import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { teams } from "../../db/schema";
import type { HeaderForm } from "../domain/coe/forms";
import { importCoe } from "./coe-import.server";

/** A new draft from the header form, through the same import path as interchange files. */
export function createCoe(db: Db, actorId: number, form: HeaderForm): { ok: true; coeId: number } | { ok: false; field: string; message: string } {
  const team = db.select({ name: teams.name }).from(teams).where(eq(teams.id, form.teamId)).get();
  if (!team) return { ok: false, field: "teamId", message: "That team no longer exists" };
  const result = importCoe(db, { schemaVersion: 1, title: form.title, severity: form.severity, team: team.name, services: form.services, tags: form.tags, ...(form.event ? { event: form.event } : {}) }, { actorId });
  if (!result.ok) return { ok: false, field: "form", message: result.errors.map((e) => `${e.path}: ${e.message}`).join("; ") };
  return { ok: true, coeId: result.coeId };
}
