import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coes, type DocJSON } from "../../db/schema";
import { RICH_SECTIONS, type RichSection } from "../domain/coe/rich-sections";
import { sectionVersion } from "../domain/coe/sections";
import { writeCoe, type CoeWrite } from "./coe-write.server";

/** Saves one narrative field (already validated) based on the version of its section the author had. */
export function saveRichText(db: Db, base: Omit<CoeWrite, "section" | "summary" | "lock">, field: RichSection, doc: DocJSON) {
  const { lock, column, label } = RICH_SECTIONS[field];
  return writeCoe(db, { ...base, section: lock, summary: `Edited “${label}”` }, () => {
    db.update(coes).set({ [column]: doc }).where(eq(coes.id, base.coeId)).run();
  });
}

/** The field's current text and its section's version, for a 409 answer. */
export function getRichText(db: Db, coeId: number, field: RichSection): { doc: DocJSON | null; version: number } | undefined {
  const { lock, column } = RICH_SECTIONS[field];
  const row = db.select({ doc: coes[column], versions: coes.sectionVersions }).from(coes).where(eq(coes.id, coeId)).get();
  return row && { doc: row.doc ?? null, version: sectionVersion(row.versions, lock) };
}
