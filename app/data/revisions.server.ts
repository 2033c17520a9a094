import { and, desc, eq } from "drizzle-orm";
import { withTransaction, type Db } from "../../db/client";
import { coes, revisions, users } from "../../db/schema";
import { formatUtc } from "../domain/coe/instant";
import { parseStoredCoeDocument } from "../domain/coe/interchange";
import { implausibleDates, type ImplausibleDate } from "../domain/coe/implausible-dates";
import { completeLegacySnapshot, recordsEverything } from "../domain/coe/legacy-snapshot";
import { changedRestorableSections, type DiffableCoe, type RestorableSection } from "../domain/coe/revision-diff";
import { sectionVersion, type SectionVersions } from "../domain/coe/sections";
import { MissingPartError } from "./coe-edit.server";
import { exportCoe } from "./coe-export.server";
import { replaceCoeContent } from "./coe-import.server";
import { getCoeAuthorIds } from "./coe-reading.server";
import { anchoredParts, relinkComments } from "./comments.server";
import { writeCoe } from "./coe-write.server";
import { sectionVersionsOf } from "./section-versions.server";

/** A revision whose snapshot is not a valid interchange document (written before the format settled); it can be read, not restored. */
export class UnrestorableRevisionError extends Error {}

const listColumns = {
  id: revisions.id,
  createdAt: revisions.createdAt,
  authorName: users.name,
  section: revisions.section,
  summary: revisions.summary,
  coeVersion: revisions.coeVersion,
};

export type RevisionSummary = { id: number; createdAt: Date; authorName: string | null; section: string; summary: string; coeVersion: number };

/** Newest first; the author's name is null when the account was deleted (or for a system import). */
export function listRevisions(db: Db, coeId: number): Promise<RevisionSummary[]> {
  return db.select(listColumns).from(revisions).leftJoin(users, eq(users.id, revisions.authorId)).where(eq(revisions.coeId, coeId)).orderBy(desc(revisions.id));
}

/** One revision of this COE with its snapshot; undefined for another COE's revision too. */
export async function getRevision(db: Db, coeId: number, revisionId: number): Promise<(RevisionSummary & { snapshot: DiffableCoe }) | undefined> {
  const [row] = await db
    .select({ ...listColumns, snapshot: revisions.snapshot })
    .from(revisions)
    .leftJoin(users, eq(users.id, revisions.authorId))
    .where(and(eq(revisions.id, revisionId), eq(revisions.coeId, coeId)));
  return row && { ...row, snapshot: (row.snapshot ?? {}) as DiffableCoe };
}

/** What the history page needs besides the revisions: a title, who may restore, and the versions a restore is based on. */
export async function getHistoryCoe(db: Db, coeId: number) {
  const sectionVersions = await sectionVersionsOf(db, coeId);
  const [row] = await db.select({ id: coes.id, title: coes.title, status: coes.status }).from(coes).where(eq(coes.id, coeId));
  return row && { ...row, sectionVersions, authorIds: await getCoeAuthorIds(db, coeId) };
}

export type RestoreInput = { coeId: number; revisionId: number; actorId: number; baseVersions: SectionVersions; now?: Date };

/**
 * Puts the COE's content back to a revision's snapshot — every section: header (with tenets
 * cited), narratives, customer impact, timeline, whys (with categories), detection, dependencies,
 * lessons (with every why they flow from), action items (with the original promise, the log of
 * promised dates, validation notes and cancel reasons) and the close-out checklist — as one new
 * revision ("Restored the version of …", never coalesced). The status is not content and stays.
 *
 * Only the sections that differ from the current document are rewritten, and each of those must
 * still be at the version in `baseVersions` (what the page showed): if anyone changed one since,
 * StaleWriteError and nothing is written. A section that already matches cannot lose anything,
 * so it is neither checked nor touched, and people editing it are not disturbed.
 *
 * A snapshot from before revisions recorded everything is completed from the COE as it is (see
 * legacy-snapshot.ts), so restoring it never wipes what it did not record.
 * Returns the sections rewritten (empty: the COE already reads like that version; nothing written).
 */
export async function restoreRevision(db: Db, input: RestoreInput): Promise<{ sections: RestorableSection[]; keptDates: ImplausibleDate[] }> {
  const { coeId, actorId } = input;
  const revision = await getRevision(db, coeId, input.revisionId);
  if (!revision) throw new MissingPartError("No such revision of this COE");
  // What this system stored is read as written: a date from before the plausible range was
  // enforced is restored as it was (never silently changed) and named in `keptDates`.
  const parsed = parseStoredCoeDocument(revision.snapshot);
  if (!parsed.ok) throw new UnrestorableRevisionError(`That version cannot be restored: its snapshot is not a complete document (${parsed.errors[0]?.path}: ${parsed.errors[0]?.message}).`);
  const now = input.now ?? new Date();

  return withTransaction(db, async (tx) => {
    const exported = await exportCoe(tx, coeId);
    if (!exported) throw new MissingPartError("No such COE");
    const current = parseStoredCoeDocument(exported);
    if (!current.ok) throw new Error(`COE ${coeId} does not export as a valid document: ${current.errors[0]?.path}: ${current.errors[0]?.message}`);
    const target = recordsEverything(revision.snapshot) ? parsed.doc : completeLegacySnapshot(parsed.doc, current.doc);
    const sections = changedRestorableSections(current.doc, target);
    const keptDates = implausibleDates(target, now.getTime());
    if (!sections.length) return { sections, keptDates };
    const baseVersions: SectionVersions = Object.fromEntries(sections.map((s) => [s, sectionVersion(input.baseVersions, s)]));
    const summary = `Restored the version of ${formatUtc(revision.createdAt.getTime())}`;
    await writeCoe(tx, { coeId, actorId, section: "restore", summary, baseVersions, now }, async (restoring) => {
      // Restored parts get new ids; comments on them follow their words to the new rows.
      const before = await anchoredParts(restoring, coeId);
      const links = await replaceCoeContent(restoring, coeId, target, new Set(sections), now);
      await relinkComments(restoring, coeId, before);
      return links;
    }
    );
    return { sections, keptDates };
  });
}
