import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { actionItems, coes, lessons, revisions, users, whyNodes } from "../../db/schema";
import { formatUtc } from "../domain/coe/instant";
import { parseCoeDocument, walkWhys, type CoeDocument } from "../domain/coe/interchange";
import { docToPlainText, plainTextToDoc } from "../domain/coe/plain-text-doc";
import { changedRestorableSections, type DiffableCoe, type RestorableSection } from "../domain/coe/revision-diff";
import { sectionVersion, type SectionVersions } from "../domain/coe/sections";
import { MissingPartError } from "./coe-edit.server";
import { exportCoe } from "./coe-export.server";
import { replaceCoeContent } from "./coe-import.server";
import { getCoeAuthorIds } from "./coe-reading.server";
import { writeCoe } from "./coe-write.server";

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
export function listRevisions(db: Db, coeId: number): RevisionSummary[] {
  return db.select(listColumns).from(revisions).leftJoin(users, eq(users.id, revisions.authorId)).where(eq(revisions.coeId, coeId)).orderBy(desc(revisions.id)).all();
}

/** One revision of this COE with its snapshot; undefined for another COE's revision too. */
export function getRevision(db: Db, coeId: number, revisionId: number): (RevisionSummary & { snapshot: DiffableCoe }) | undefined {
  const row = db
    .select({ ...listColumns, snapshot: revisions.snapshot })
    .from(revisions)
    .leftJoin(users, eq(users.id, revisions.authorId))
    .where(and(eq(revisions.id, revisionId), eq(revisions.coeId, coeId)))
    .get();
  return row && { ...row, snapshot: (row.snapshot ?? {}) as DiffableCoe };
}

/** What the history page needs besides the revisions: a title, who may restore, and the versions a restore is based on. */
export function getHistoryCoe(db: Db, coeId: number) {
  const row = db.select({ id: coes.id, title: coes.title, status: coes.status, sectionVersions: coes.sectionVersions }).from(coes).where(eq(coes.id, coeId)).get();
  return row && { ...row, authorIds: getCoeAuthorIds(db, coeId) };
}

export type RestoreInput = { coeId: number; revisionId: number; actorId: number; baseVersions: SectionVersions; now?: Date };

/**
 * Puts the COE's content back to a revision's snapshot — header, narratives, customer impact,
 * timeline, whys, detection, dependencies, lessons and customer RCA — as one new revision
 * ("Restored the version of …", never coalesced).
 *
 * Only the sections that differ from the current document are rewritten, and each of those must
 * still be at the version in `baseVersions` (what the page showed): if anyone changed one since,
 * StaleWriteError and nothing is written. A section that already matches cannot lose anything,
 * so it is neither checked nor touched, and people editing it are not disturbed.
 *
 * Action items are not rewritten (they have owners, a log of promised dates and validation of
 * their own), but rewritten whys and lessons get new rows, so items are re-linked: to the why
 * (by whyPath) and lesson (by index) the snapshot gives an item of the same title, otherwise to
 * the node or lesson with the text they pointed at before, if the restored version has it.
 * Returns the sections rewritten (empty: the COE already reads like that version; nothing written).
 */
export function restoreRevision(db: Db, input: RestoreInput): { sections: RestorableSection[] } {
  const { coeId, actorId } = input;
  const revision = getRevision(db, coeId, input.revisionId);
  if (!revision) throw new MissingPartError("No such revision of this COE");
  const parsed = parseCoeDocument(revision.snapshot);
  if (!parsed.ok) throw new UnrestorableRevisionError(`That version cannot be restored: its snapshot is not a complete document (${parsed.errors[0]?.path}: ${parsed.errors[0]?.message}).`);
  const target = parsed.doc;
  const now = input.now ?? new Date();

  return db.transaction(() => {
    const current = exportCoe(db, coeId);
    if (!current) throw new MissingPartError("No such COE");
    const sections = changedRestorableSections(current, target);
    if (!sections.length) return { sections };
    const baseVersions: SectionVersions = Object.fromEntries(sections.map((s) => [s, sectionVersion(input.baseVersions, s)]));
    const summary = `Restored the version of ${formatUtc(revision.createdAt.getTime())}`;
    writeCoe(db, { coeId, actorId, section: "restore", summary, baseVersions, now }, () => {
      const before = linkTargetsBefore(db, coeId);
      const written = new Set(sections);
      const { whyIdByPath, lessonIds } = replaceCoeContent(db, coeId, target, written, now);
      if (written.has("whys") || written.has("lessons"))
        relinkActionItems(db, { target, before, whyIdByPath: written.has("whys") ? whyIdByPath : undefined, lessonIds: written.has("lessons") ? lessonIds : undefined });
    });
    return { sections };
  });
}

/** Each action item with the text of the why and lesson it links to, read before those rows are replaced. */
function linkTargetsBefore(db: Db, coeId: number) {
  const whyText = new Map(db.select({ id: whyNodes.id, text: whyNodes.text }).from(whyNodes).where(eq(whyNodes.coeId, coeId)).all().map((r) => [r.id, r.text]));
  const lessonText = new Map(db.select({ id: lessons.id, text: lessons.text }).from(lessons).where(eq(lessons.coeId, coeId)).all().map((r) => [r.id, docToPlainText(r.text)]));
  return db
    .select({ id: actionItems.id, title: actionItems.title, whyNodeId: actionItems.whyNodeId, lessonId: actionItems.lessonId })
    .from(actionItems)
    .where(eq(actionItems.coeId, coeId))
    .orderBy(asc(actionItems.position), asc(actionItems.id))
    .all()
    .map((item) => ({
      id: item.id,
      title: item.title,
      whyText: item.whyNodeId === null ? undefined : whyText.get(item.whyNodeId),
      lessonText: item.lessonId === null ? undefined : lessonText.get(item.lessonId),
    }));
}

function relinkActionItems(
  db: Db,
  ctx: { target: CoeDocument; before: ReturnType<typeof linkTargetsBefore>; whyIdByPath?: Map<string, number>; lessonIds?: number[] },
) {
  const { target, before, whyIdByPath, lessonIds } = ctx;
  // The restored version's items by title (the same title twice pairs up in order).
  const snapshotItems = new Map<string, CoeDocument["actionItems"]>();
  for (const item of target.actionItems) snapshotItems.set(item.title, [...(snapshotItems.get(item.title) ?? []), item]);
  // First node (in reading order) and first lesson with a given text.
  const whyIdByText = new Map<string, number>();
  walkWhys(target.whys, (node, path) => {
    const id = whyIdByPath?.get(path);
    if (id !== undefined && !whyIdByText.has(node.text)) whyIdByText.set(node.text, id);
  });
  const lessonIdByText = new Map<string, number>();
  target.lessons.forEach((lesson, i) => {
    const id = lessonIds?.[i];
    const text = typeof lesson.text === "string" ? docToPlainText(plainTextToDoc(lesson.text)) : docToPlainText(lesson.text);
    if (id !== undefined && !lessonIdByText.has(text)) lessonIdByText.set(text, id);
  });

  for (const item of before) {
    const snap = snapshotItems.get(item.title)?.shift();
    const set: { whyNodeId?: number | null; lessonId?: number | null } = {};
    if (whyIdByPath) {
      const fromSnapshot = snap?.whyPath === undefined ? undefined : whyIdByPath.get(snap.whyPath);
      set.whyNodeId = fromSnapshot ?? (item.whyText === undefined ? undefined : whyIdByText.get(item.whyText)) ?? null;
    }
    if (lessonIds) {
      const fromSnapshot = snap?.lessonIndex === undefined ? undefined : lessonIds[snap.lessonIndex];
      set.lessonId = fromSnapshot ?? (item.lessonText === undefined ? undefined : lessonIdByText.get(item.lessonText)) ?? null;
    }
    db.update(actionItems).set(set).where(eq(actionItems.id, item.id)).run();
  }
}
