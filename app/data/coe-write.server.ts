import { desc, eq } from "drizzle-orm";
import { withTransaction, type Db } from "../../db/client";
import { auditEvents, revisions } from "../../db/schema";
import type { CoeExport } from "../domain/coe/interchange";
import type { CoeSection, SectionVersions, VersionedPart } from "../domain/coe/sections";
import { exportCoe } from "./coe-export.server";
import { refreshRcaOwed } from "./customer-rca-owed.server";
import { refreshSearchIndex } from "./search-index.server";
import { claimSections, type ClaimGuard } from "./section-versions.server";

export { NotEditableError, StaleWriteError } from "./section-versions.server";

/** The parts whose change can move when the customer RCA is owed: impact start (customer impact, timeline) and the RCA itself. */
const RCA_INPUTS: ReadonlySet<string> = new Set(["customer-impact", "timeline", "customer-rca", "restore"]);

/** Saves by one author to one section within this window fold into one revision (autosave must not flood the history). */
export const REVISION_COALESCE_MS = 5 * 60_000;

/**
 * `section` names what changed (for the revision); `lock` is the section whose version the caller
 * read (`baseVersion`), when that differs (a lesson added from the whys tree locks "whys").
 * `now` stamps the revision (tests pass it to step past the coalescing window).
 */
export type CoeWrite = {
  coeId: number;
  baseVersion: number;
  actorId: number;
  section: VersionedPart;
  summary: string;
  lock?: VersionedPart;
  now?: Date;
  /** What the claim asserts about the COE (default: still editable); a lifecycle transition names the COE version it was decided on. */
  guard?: ClaimGuard;
  /** Added to the audit event's detail. */
  detail?: Record<string, unknown>;
};

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
export function writeCoe<T>(db: Db, write: CoeWrite, change: (tx: Db) => Promise<T>): Promise<{ version: number; coeVersion: number; result: T }>;
/** A restore: claims every section in `baseVersions`; returns their new versions. */
export function writeCoe<T>(db: Db, write: RestoreWrite, change: (tx: Db) => Promise<T>): Promise<{ versions: SectionVersions; coeVersion: number; result: T }>;
export function writeCoe<T>(db: Db, write: CoeWrite | RestoreWrite, change: (tx: Db) => Promise<T>) {
  const now = write.now ?? new Date();
  const locks: [VersionedPart, number][] =
    write.section === "restore" ? (Object.entries(write.baseVersions) as [CoeSection, number][]) : [[write.lock ?? write.section, write.baseVersion]];
  return withTransaction(db, async (tx) => {
    const claimed = await claimSections(tx, write.coeId, locks, now, write.section === "restore" ? undefined : write.guard);
    const result = await change(tx);
    // A change to impact start, the timeline or the customer RCA moves when the RCA is owed.
    if (RCA_INPUTS.has(write.section)) await refreshRcaOwed(tx, write.coeId, now);
    const snapshot = await exportCoe(tx, write.coeId);
    await recordRevision(tx, write, claimed.version, now, snapshot ?? {});
    await refreshSearchIndex(tx, write.coeId, snapshot);
    await tx.insert(auditEvents).values({
      actorId: write.actorId,
      action: `coe.${write.section}`,
      entityType: "coe",
      entityId: write.coeId,
      detail: { summary: write.summary, version: claimed.version, ...(write.section === "restore" ? {} : write.detail) },
      createdAt: now,
    });
    if (write.section !== "restore") return { version: claimed.versionOf(locks[0]![0]), coeVersion: claimed.version, result };
    const versions: SectionVersions = Object.fromEntries(locks.map(([section]) => [section, claimed.versionOf(section)]));
    return { versions, coeVersion: claimed.version, result };
  });
}

/**
 * The whole document after the change. When the newest revision is this author's, of this section,
 * and younger than REVISION_COALESCE_MS, it is updated in place (autosaves while typing become one
 * revision); anyone else's save in between, another section, or a restore starts a new one.
 */
async function recordRevision(tx: Db, write: CoeWrite | RestoreWrite, coeVersion: number, now: Date, snapshot: CoeExport | Record<string, never>) {
  const [newest] =
    write.section === "restore"
      ? []
      : await tx
          .select({ id: revisions.id, authorId: revisions.authorId, section: revisions.section, createdAt: revisions.createdAt })
          .from(revisions)
          .where(eq(revisions.coeId, write.coeId))
          .orderBy(desc(revisions.id))
          .limit(1);
  const age = newest ? now.getTime() - newest.createdAt.getTime() : Infinity;
  if (newest && newest.authorId === write.actorId && newest.section === write.section && age >= 0 && age < REVISION_COALESCE_MS) {
    await tx.update(revisions).set({ snapshot, coeVersion, summary: write.summary, createdAt: now }).where(eq(revisions.id, newest.id));
    return;
  }
  await tx.insert(revisions).values({ coeId: write.coeId, authorId: write.actorId, coeVersion, section: write.section, summary: write.summary, snapshot, createdAt: now });
}
