import { withTransaction, type Db } from "../../db/client";
import type { HeaderForm } from "../domain/coe/forms";
import { importCoe } from "./coe-import.server";
import { requireTeam } from "./references.server";
import { FieldError } from "./write-errors.server";

// The header form's field for a path of the interchange document ("$.services[2]" → "services").
const HEADER_FIELDS: Record<string, string> = { title: "title", severity: "severity", team: "teamId", services: "services", tags: "tags", event: "event" };
function headerField(path: string | undefined): string {
  const top = /^\$\.(\w+)/.exec(path ?? "")?.[1];
  return top !== undefined && Object.hasOwn(HEADER_FIELDS, top) ? HEADER_FIELDS[top]! : "form";
}

/**
 * A new draft from the header form, through the same import path as interchange files, in one
 * transaction with the check of the team it names. An unknown team, or anything the import
 * refuses, throws a FieldError (400) and nothing is written.
 */
export function createCoe(db: Db, actorId: number, form: HeaderForm): Promise<{ coeId: number }> {
  return withTransaction(db, async (tx) => {
    const team = await requireTeam(tx, form.teamId);
    const result = await importCoe(tx, { schemaVersion: 1, title: form.title, severity: form.severity, team: team.name, services: form.services, tags: form.tags, ...(form.event ? { event: form.event } : {}) }, { actorId, origin: "create" });
    if (!result.ok) {
      const [first] = result.errors;
      throw new FieldError(headerField(first?.path), first ? first.message : "The COE could not be created");
    }
    return { coeId: result.coeId };
  });
}
