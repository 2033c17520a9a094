import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coes, type DocJSON } from "../../db/schema";
import type { RichSection } from "../domain/coe/rich-sections";
import { sectionVersion } from "../domain/coe/sections";
import { writeCoe, type CoeWrite } from "./coe-write.server";

const COLUMN = { "impact-summary": "impactSummary", "customer-rca": "customerRca" } as const;

/** Saves one narrative section (already validated) based on the section version the author had. */
export function saveRichText(db: Db, base: Omit<CoeWrite, "section" | "summary" | "lock">, section: RichSection, doc: DocJSON) {
  return writeCoe(db, { ...base, section, summary: section === "impact-summary" ? "Edited the impact summary" : "Edited the customer-facing RCA" }, () => {
    db.update(coes).set({ [COLUMN[section]]: doc }).where(eq(coes.id, base.coeId)).run();
  });
}

/** The section's current text and version, for a 409 answer. */
export function getRichText(db: Db, coeId: number, section: RichSection): { doc: DocJSON | null; version: number } | undefined {
  const row = db.select({ doc: coes[COLUMN[section]], versions: coes.sectionVersions }).from(coes).where(eq(coes.id, coeId)).get();
  return row && { doc: row.doc ?? null, version: sectionVersion(row.versions, section) };
}
