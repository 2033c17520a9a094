import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditEvents, coes, revisions } from "../../db/schema";
import { sectionVersion, type CoeSection } from "../domain/coe/sections";
import { exportCoe } from "./coe-export.server";

/** A write based on a version that is no longer current; the route answers 409 with the current one. */
export class StaleWriteError extends Error {
  constructor(
    readonly coeId: number,
    readonly baseVersion: number,
    readonly currentVersion: number,
  ) {
    super(`COE ${coeId} is at version ${currentVersion}, the write was based on ${baseVersion}`);
  }
}

/**
 * `section` names what changed (for the revision); `lock` is the section whose version the caller
 * read (`baseVersion`), when that differs (a lesson added from the whys tree locks "whys").
 */
export type CoeWrite = { coeId: number; baseVersion: number; actorId: number; section: CoeSection; summary: string; lock?: CoeSection };

/**
 * Runs `change` inside one transaction that first claims the next version of the locked section
 * (only if it is still at `baseVersion`) and afterwards records a revision with the whole
 * document, so every saved change is both conflict-checked and kept. Returns the section's new
 * version (what the caller bases its next write on) and the COE's.
 */
export function writeCoe<T>(db: Db, write: CoeWrite, change: () => T): { version: number; coeVersion: number; result: T } {
  const path = `$."${write.lock ?? write.section}"`;
  const current = sql`coalesce(json_extract(${coes.sectionVersions}, ${path}), 0)`;
  return db.transaction(() => {
    const claimed = db
      .update(coes)
      .set({ version: sql`${coes.version} + 1`, sectionVersions: sql`json_set(${coes.sectionVersions}, ${path}, ${current} + 1)`, updatedAt: new Date() })
      .where(and(eq(coes.id, write.coeId), sql`${current} = ${write.baseVersion}`))
      .returning({ version: coes.version, sectionVersions: coes.sectionVersions })
      .get();
    if (!claimed) {
      const row = db.select({ sectionVersions: coes.sectionVersions }).from(coes).where(eq(coes.id, write.coeId)).get();
      throw new StaleWriteError(write.coeId, write.baseVersion, sectionVersion(row?.sectionVersions, write.lock ?? write.section));
    }
    const result = change();
    db.insert(revisions)
      .values({
        coeId: write.coeId,
        authorId: write.actorId,
        coeVersion: claimed.version,
        section: write.section,
        summary: write.summary,
        snapshot: exportCoe(db, write.coeId) ?? {},
      })
      .run();
    db.insert(auditEvents)
      .values({ actorId: write.actorId, action: `coe.${write.section}`, entityType: "coe", entityId: write.coeId, detail: { summary: write.summary, version: claimed.version } })
      .run();
    return { version: sectionVersion(claimed.sectionVersions, write.lock ?? write.section), coeVersion: claimed.version, result };
  });
}
