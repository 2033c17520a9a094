import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coes, dependencies, lessons, type DocJSON } from "../../db/schema";
import { richFieldInfo, type RichField } from "../domain/coe/rich-fields";
import { RICH_SECTIONS } from "../domain/coe/rich-sections";
import { sectionVersion } from "../domain/coe/sections";
import { docHasWords } from "../domain/coe/plain-text-doc";
import { writeCoe, type CoeWrite } from "./coe-write.server";
import { FieldError, MissingPartError } from "./write-errors.server";

/** A rich field that may not be left without words (a lesson), saved empty: a field error on its text. */
export class EmptyRichTextError extends FieldError {
  constructor(message: string) {
    super("text", message);
  }
}

// The row tables holding rich text, by field kind, and their rich column.
const ROW_TABLES = {
  lesson: { table: lessons, column: lessons.text },
  dependency: { table: dependencies, column: dependencies.notes },
} as const;

/**
 * Saves one rich-text field (already validated) based on the version of its section the author had.
 * A row field of a row that is gone throws MissingPartError; an empty lesson, EmptyRichTextError.
 */
export function saveRichField(db: Db, base: Omit<CoeWrite, "section" | "summary" | "lock">, field: RichField, doc: DocJSON) {
  const { lock, label, emptyMessage } = richFieldInfo(field);
  if (emptyMessage && !docHasWords(doc)) throw new EmptyRichTextError(emptyMessage);
  if (field.kind === "coe")
    return writeCoe(db, { ...base, section: lock, summary: `Edited “${label}”` }, () => {
      db.update(coes).set({ [RICH_SECTIONS[field.key].column]: doc }).where(eq(coes.id, base.coeId)).run();
    });
  const summary = field.kind === "lesson" ? "Edited a lesson" : "Edited a dependency's notes";
  return writeCoe(db, { ...base, section: lock, summary }, () => {
    const row =
      field.kind === "lesson"
        ? db.update(lessons).set({ text: doc }).where(and(eq(lessons.id, field.id), eq(lessons.coeId, base.coeId))).returning({ id: lessons.id }).get()
        : db.update(dependencies).set({ notes: doc }).where(and(eq(dependencies.id, field.id), eq(dependencies.coeId, base.coeId))).returning({ id: dependencies.id }).get();
    if (!row) throw new MissingPartError(`No such ${field.kind} in this COE`);
  });
}

/** The field's current text and its section's version, for a 409 answer; undefined when the COE or row is gone. */
export function getRichField(db: Db, coeId: number, field: RichField): { doc: DocJSON | null; version: number } | undefined {
  const { lock } = richFieldInfo(field);
  const coe = db.select({ versions: coes.sectionVersions }).from(coes).where(eq(coes.id, coeId)).get();
  if (!coe) return undefined;
  const version = sectionVersion(coe.versions, lock);
  if (field.kind === "coe") {
    const row = db.select({ doc: coes[RICH_SECTIONS[field.key].column] }).from(coes).where(eq(coes.id, coeId)).get();
    return row && { doc: row.doc ?? null, version };
  }
  const { table, column } = ROW_TABLES[field.kind];
  const row = db
    .select({ doc: column })
    .from(table)
    .where(and(eq(table.id, field.id), eq(table.coeId, coeId)))
    .get();
  return row && { doc: row.doc ?? null, version };
}
