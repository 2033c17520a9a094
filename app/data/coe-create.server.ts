import type { Db } from "../../db/client";
import type { HeaderForm } from "../domain/coe/forms";
import { importCoe } from "./coe-import.server";
import { requireTeam } from "./references.server";
import { FieldError } from "./write-errors.server";

/**
 * A new draft from the header form, through the same import path as interchange files, in one
 * transaction with the check of the team it names. An unknown team, or anything the import
 * refuses, throws a FieldError (400) and nothing is written.
 */
export function createCoe(db: Db, actorId: number, form: HeaderForm): { coeId: number } {
  return db.transaction(() => {
    const team = requireTeam(db, form.teamId);
    const result = importCoe(db, { schemaVersion: 1, title: form.title, severity: form.severity, team: team.name, services: form.services, tags: form.tags, ...(form.event ? { event: form.event } : {}) }, { actorId });
    if (!result.ok) throw new FieldError("form", result.errors.map((e) => `${e.path}: ${e.message}`).join("; "));
    return { coeId: result.coeId };
  });
}
