import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditEvents, coes, revisions } from "../../db/schema";
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

export type CoeWrite = { coeId: number; baseVersion: number; actorId: number; section: string; summary: string };

/**
 * Runs `change` inside one transaction that first claims the next version (only if the COE is
 * still at `baseVersion`) and afterwards records a revision with the whole document, so every
 * saved change is both conflict-checked and kept. Returns the new version.
 */
export function writeCoe<T>(db: Db, write: CoeWrite, change: () => T): { version: number; result: T } {
  return db.transaction(() => {
    const claimed = db
      .update(coes)
      .set({ version: sql`${coes.version} + 1`, updatedAt: new Date() })
      .where(and(eq(coes.id, write.coeId), eq(coes.version, write.baseVersion)))
      .returning({ version: coes.version })
      .get();
    if (!claimed) {
      const current = db.select({ version: coes.version }).from(coes).where(eq(coes.id, write.coeId)).get();
      throw new StaleWriteError(write.coeId, write.baseVersion, current?.version ?? 0);
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
    return { version: claimed.version, result };
  });
}
