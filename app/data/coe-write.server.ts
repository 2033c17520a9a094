import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditEvents, coes, revisions } from "../../db/schema";
import { sectionVersion, type CoeSection, type SectionVersions } from "../domain/coe/sections";
import { exportCoe } from "./coe-export.server";

/** Saves by one author to one section within this window fold into one revision (autosave must not flood the history). */
export const REVISION_COALESCE_MS = 5 * 60_000;

/** A write based on a version that is no longer current; the route answers 409 with the current one. */
export class StaleWriteError extends Error {
  constructor(
    readonly coeId: number,
    readonly baseVersion: number,
    readonly currentVersion: number,
    /** The section that moved on. */
    readonly section?: CoeSection,
  ) {
    super(`COE ${coeId}${section ? ` (${section})` : ""} is at version ${currentVersion}, the write was based on ${baseVersion}`);
  }
}

/**
 * `section` names what changed (for the revision); `lock` is the section whose version the caller
 * read (`baseVersion`), when that differs (a lesson added from the whys tree locks "whys").
 * `now` stamps the revision (tests pass it to step past the coalescing window).
 */
export type CoeWrite = { coeId: number; baseVersion: number; actorId: number; section: CoeSection; summary: string; lock?: CoeSection; now?: Date };

/**
 * Restoring an earlier version rewrites several sections in one go: every section in
 * `baseVersions` must still be at the version the caller read, and each is claimed. Its revision
 * is filed under "restore" and never coalesced.
 */
export type RestoreWrite = { coeId: number; actorId: number; section: "restore"; summary: string; baseVersions: SectionVersions; now?: Date };

/**
 * Runs `change` inside one transaction that first claims the next version of the locked section
 * (only if it is still at `baseVersion`) and afterwards records a revision with the whole
 * document, so every saved change is both conflict-checked and kept. Returns the section's new
 * version (what the caller bases its next write on) and the COE's.
 */
export function writeCoe<T>(db: Db, write: CoeWrite, change: () => T): { version: number; coeVersion: number; result: T };
/** A restore: claims every section in `baseVersions`; returns their new versions. */
export function writeCoe<T>(db: Db, write: RestoreWrite, change: () => T): { versions: SectionVersions; coeVersion: number; result: T };
export function writeCoe<T>(db: Db, write: CoeWrite | RestoreWrite, change: () => T) {
  const now = write.now ?? new Date();
  const locks: [CoeSection, number][] =
    write.section === "restore" ? (Object.entries(write.baseVersions) as [CoeSection, number][]) : [[write.lock ?? write.section, write.baseVersion]];
  return db.transaction(() => {
    const claimed = claimSections(db, write.coeId, locks, now);
    const result = change();
    recordRevision(db, write, claimed.version, now);
    db.insert(auditEvents)
      .values({ actorId: write.actorId, action: `coe.${write.section}`, entityType: "coe", entityId: write.coeId, detail: { summary: write.summary, version: claimed.version }, createdAt: now })
      .run();
    if (write.section !== "restore") return { version: sectionVersion(claimed.sectionVersions, locks[0]![0]), coeVersion: claimed.version, result };
    const versions: SectionVersions = Object.fromEntries(locks.map(([section]) => [section, sectionVersion(claimed.sectionVersions, section)]));
    return { versions, coeVersion: claimed.version, result };
  });
}

/** Bumps the COE's version and each locked section's, only if every one is still at its base; otherwise names the first that moved. */
function claimSections(db: Db, coeId: number, locks: readonly [CoeSection, number][], now: Date) {
  const current = (section: CoeSection) => sql`coalesce(json_extract(${coes.sectionVersions}, ${`$."${section}"`}), 0)`;
  const bumps: SQL[] = locks.map(([section]) => sql`${`$."${section}"`}, ${current(section)} + 1`);
  const claimed = db
    .update(coes)
    .set({
      version: sql`${coes.version} + 1`,
      ...(bumps.length ? { sectionVersions: sql`json_set(${coes.sectionVersions}, ${sql.join(bumps, sql`, `)})` } : {}),
      updatedAt: now,
    })
    .where(and(eq(coes.id, coeId), ...locks.map(([section, base]) => sql`${current(section)} = ${base}`)))
    .returning({ version: coes.version, sectionVersions: coes.sectionVersions })
    .get();
  if (claimed) return claimed;
  const row = db.select({ sectionVersions: coes.sectionVersions }).from(coes).where(eq(coes.id, coeId)).get();
  const [section, base] = locks.find(([s, v]) => sectionVersion(row?.sectionVersions, s) !== v) ?? locks[0] ?? ["header" as const, 0];
  throw new StaleWriteError(coeId, base, sectionVersion(row?.sectionVersions, section), section);
}

/**
 * The whole document after the change. When the newest revision is this author's, of this section,
 * and younger than REVISION_COALESCE_MS, it is updated in place (autosaves while typing become one
 * revision); anyone else's save in between, another section, or a restore starts a new one.
 */
function recordRevision(db: Db, write: CoeWrite | RestoreWrite, coeVersion: number, now: Date) {
  const snapshot = exportCoe(db, write.coeId) ?? {};
  const newest =
    write.section === "restore"
      ? undefined
      : db
          .select({ id: revisions.id, authorId: revisions.authorId, section: revisions.section, createdAt: revisions.createdAt })
          .from(revisions)
          .where(eq(revisions.coeId, write.coeId))
          .orderBy(desc(revisions.id))
          .limit(1)
          .get();
  const age = newest ? now.getTime() - newest.createdAt.getTime() : Infinity;
  if (newest && newest.authorId === write.actorId && newest.section === write.section && age >= 0 && age < REVISION_COALESCE_MS) {
    db.update(revisions).set({ snapshot, coeVersion, summary: write.summary, createdAt: now }).where(eq(revisions.id, newest.id)).run();
    return;
  }
  db.insert(revisions).values({ coeId: write.coeId, authorId: write.actorId, coeVersion, section: write.section, summary: write.summary, snapshot, createdAt: now }).run();
}
