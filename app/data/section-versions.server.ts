import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coeSectionVersions, coes } from "../../db/schema";
import type { VersionedPart } from "../domain/coe/sections";
import { EDITABLE_STATUSES } from "../domain/coe/permissions";
import { perConnection } from "./per-connection.server";

// Every page of a COE reads its versions first: prepared once per connection, like the COE's rows.
const versionReads = perConnection((db) => {
  const coeId = sql.placeholder("coeId");
  const columns = { section: coeSectionVersions.section, version: coeSectionVersions.version };
  return {
    all: db.select(columns).from(coeSectionVersions).where(eq(coeSectionVersions.coeId, coeId)).prepare("section_versions_all"),
    one: db
      .select(columns)
      .from(coeSectionVersions)
      .where(and(eq(coeSectionVersions.coeId, coeId), eq(coeSectionVersions.section, sql.placeholder("section"))))
      .prepare("section_versions_one"),
  };
});

/** Every section's version of a COE, and its status's (a part never written is absent: version 0). */
export async function sectionVersionsOf(db: Db, coeId: number): Promise<Partial<Record<VersionedPart, number>>> {
  const rows = await versionReads(db).all.execute({ coeId });
  return Object.fromEntries(rows.map((r) => [r.section, r.version]));
}

/** One section's version. */
export async function sectionVersionOf(db: Db, coeId: number, section: VersionedPart): Promise<number> {
  const [row] = await versionReads(db).one.execute({ coeId, section });
  return row?.version ?? 0;
}

/**
 * Moves one section from `base` to `base + 1`, only if it is still at `base`: one statement, the
 * same on both engines, so two writers based on the same version cannot both win (the second
 * waits for the first's row lock, then finds the version moved). Returns the new version, or
 * undefined when the section is no longer at `base`.
 */
async function claimSection(tx: Db, coeId: number, section: VersionedPart, base: number): Promise<number | undefined> {
  const [row] =
    base === 0
      ? await tx
          .insert(coeSectionVersions)
          .values({ coeId, section, version: 1 })
          .onConflictDoNothing()
          .returning({ version: coeSectionVersions.version })
      : await tx
          .update(coeSectionVersions)
          .set({ version: sql`${coeSectionVersions.version} + 1` })
          .where(and(eq(coeSectionVersions.coeId, coeId), eq(coeSectionVersions.section, section), eq(coeSectionVersions.version, base)))
          .returning({ version: coeSectionVersions.version });
  return row?.version;
}

/** A write based on a version that is no longer current; the route answers 409 with the current one. */
export class StaleWriteError extends Error {
  constructor(
    readonly coeId: number,
    readonly baseVersion: number,
    readonly currentVersion: number,
    /** The section that moved on ("status": the lifecycle moved, or the COE changed under a transition). */
    readonly section?: VersionedPart,
  ) {
    super(`COE ${coeId}${section ? ` (${section})` : ""} is at version ${currentVersion}, the write was based on ${baseVersion}`);
  }
}

/** A change to the document of a COE that left the editable states (approved or closed) after the writer checked. */
export class NotEditableError extends Error {
  constructor(readonly coeId: number) {
    super(`COE ${coeId} was approved or closed meanwhile and can no longer be edited.`);
  }
}

/**
 * What a claim asserts about the COE row. A change to the document needs the COE still editable
 * (a transition to approved that committed first wins, and the edit is refused); a lifecycle
 * transition names the COE version it was decided on, so it is refused if anything changed since.
 */
export type ClaimGuard = { kind: "content" } | { kind: "transition"; coeVersion: number };

/**
 * Bumps the COE's version (which locks its row: writers of one COE take turns, so none can
 * deadlock another), then claims every locked section. Throws StaleWriteError naming the first
 * section that moved on, or NotEditableError; the caller's transaction then rolls back whatever
 * was claimed.
 */
export async function claimSections(tx: Db, coeId: number, locks: readonly [VersionedPart, number][], now: Date, guard: ClaimGuard = { kind: "content" }) {
  const condition =
    guard.kind === "transition" ? and(eq(coes.id, coeId), eq(coes.version, guard.coeVersion)) : and(eq(coes.id, coeId), inArray(coes.status, [...EDITABLE_STATUSES]));
  const [coe] = await tx
    .update(coes)
    .set({ version: sql`${coes.version} + 1`, updatedAt: now })
    .where(condition)
    .returning({ version: coes.version });
  if (!coe) throw await refusedClaim(tx, coeId, locks, guard);
  const claimed: Partial<Record<VersionedPart, number>> = {};
  for (const [section, base] of locks) {
    const version = await claimSection(tx, coeId, section, base);
    if (version === undefined) throw new StaleWriteError(coeId, base, await sectionVersionOf(tx, coeId, section), section);
    claimed[section] = version;
  }
  return { version: coe.version, versionOf: (section: VersionedPart) => claimed[section] ?? 0 };
}

/** Why the COE row could not be claimed: gone (a stale write to version 0), frozen, or moved on under a transition. */
async function refusedClaim(tx: Db, coeId: number, locks: readonly [VersionedPart, number][], guard: ClaimGuard): Promise<Error> {
  const [row] = await tx.select({ version: coes.version }).from(coes).where(eq(coes.id, coeId));
  const [section, base] = locks[0] ?? ["header" as const, 0];
  if (!row) return new StaleWriteError(coeId, base, 0, section);
  if (guard.kind === "content") return new NotEditableError(coeId);
  return new StaleWriteError(coeId, guard.coeVersion, row.version, "status");
}
