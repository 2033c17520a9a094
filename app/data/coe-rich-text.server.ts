import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coes, dependencies, lessons, type DocJSON } from "../../db/schema";
import { richFieldInfo, type RichField } from "../domain/coe/rich-fields";
import { RICH_SECTIONS } from "../domain/coe/rich-sections";
import { docHasWords } from "../domain/coe/plain-text-doc";
import { writeCoe, type CoeWrite } from "./coe-write.server";
import { sectionVersionOf } from "./section-versions.server";
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
    return writeCoe(db, { ...base, section: lock, summary: `Edited “${label}”` }, async (tx) => {
      await tx
        .update(coes)
        .set({ [RICH_SECTIONS[field.key].column]: doc })
        .where(eq(coes.id, base.coeId));
    });
  const summary = field.kind === "lesson" ? "Edited a lesson" : "Edited a dependency's notes";
  return writeCoe(db, { ...base, section: lock, summary }, async (tx) => {
    const [row] =
      field.kind === "lesson"
        ? await tx
            .update(lessons)
            .set({ text: doc })
            .where(and(eq(lessons.id, field.id), eq(lessons.coeId, base.coeId)))
            .returning({ id: lessons.id })
        : await tx
            .update(dependencies)
            .set({ notes: doc })
            .where(and(eq(dependencies.id, field.id), eq(dependencies.coeId, base.coeId)))
            .returning({ id: dependencies.id });
    if (!row) throw new MissingPartError(`No such ${field.kind} in this COE`);
  });
}

/** The field's current text and its section's version, for a 409 answer; undefined when the COE or row is gone. */
export async function getRichField(db: Db, coeId: number, field: RichField): Promise<{ doc: DocJSON | null; version: number } | undefined> {
  const { lock } = richFieldInfo(field);
  // The version first: text read after it can only be newer (see getCoe).
  const version = await sectionVersionOf(db, coeId, lock);
  if (field.kind === "coe") {
    const [row] = await db
      .select({ doc: coes[RICH_SECTIONS[field.key].column] })
      .from(coes)
      .where(eq(coes.id, coeId));
    return row && { doc: row.doc ?? null, version };
  }
  const { table, column } = ROW_TABLES[field.kind];
  const [row] = await db
    .select({ doc: column })
    .from(table)
    .where(and(eq(table.id, field.id), eq(table.coeId, coeId)));
  return row && { doc: row.doc ?? null, version };
}
