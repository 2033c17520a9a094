import { and, asc, eq, inArray, max } from "drizzle-orm";
import type { Db } from "../../db/client";
import { dependencies, lessons, lessonWhyLinks, whyNodes, type DocJSON } from "../../db/schema";
import type { DependencyForm, NewDependencyForm } from "../domain/coe/forms";
import { docToPlainText } from "../domain/coe/plain-text-doc";
import { FieldError, MissingPartError } from "./write-errors.server";
import { writeCoe, type CoeWrite } from "./coe-write.server";
import { insertedId, nextPositionAfter } from "./rows.server";

type Base = Omit<CoeWrite, "section" | "summary">;

const short = (doc: DocJSON) => {
  const text = docToPlainText(doc).replace(/\s+/g, " ").trim();
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
};

function nextPosition(db: Db, table: typeof lessons | typeof dependencies, coeId: number) {
  return nextPositionAfter(db.select({ p: max(table.position) }).from(table).where(eq(table.coeId, coeId)));
}

/**
 * Every id must name a why node of this COE (a stale form may name one deleted since, a forged one
 * another COE's): a reference, so an unknown one is a 400 naming `field`, not a 404.
 */
async function requireWhys(db: Db, coeId: number, whyIds: readonly number[], field: string) {
  if (!whyIds.length) return;
  const found = await db.select({ id: whyNodes.id }).from(whyNodes).where(and(eq(whyNodes.coeId, coeId), inArray(whyNodes.id, [...whyIds])));
  if (found.length !== new Set(whyIds).size) throw new FieldError(field, "A why it links to is not in this COE (it may have been deleted); reload the page", field !== "whyIds");
}

/**
 * A lesson, linked to the whys it flows from. `lock` is "lessons" from the lessons section and
 * "whys" when added from a node of the tree (the tree's version is what that editor holds).
 */
export function addLesson(db: Db, base: Base, input: { doc: DocJSON; whyIds: readonly number[] }, whyField = "whyIds") {
  return writeCoe(db, { ...base, section: "lessons", summary: `Added lesson “${short(input.doc)}”` }, async (tx) => {
    await requireWhys(tx, base.coeId, input.whyIds, whyField);
    const id = await insertedId(
      tx
        .insert(lessons)
        .values({ coeId: base.coeId, position: await nextPosition(tx, lessons, base.coeId), text: input.doc })
        .returning({ id: lessons.id }),
    );
    for (const whyNodeId of new Set(input.whyIds)) await tx.insert(lessonWhyLinks).values({ lessonId: id, whyNodeId });
    return id;
  });
}

async function requireLesson(db: Db, coeId: number, lessonId: number) {
  const [row] = await db.select({ text: lessons.text }).from(lessons).where(and(eq(lessons.id, lessonId), eq(lessons.coeId, coeId)));
  if (!row) throw new MissingPartError("No such lesson in this COE");
  return row;
}

/** Replaces the set of whys a lesson flows from. */
export function setLessonWhyLinks(db: Db, base: Base, lessonId: number, whyIds: readonly number[]) {
  return writeCoe(db, { ...base, section: "lessons", summary: "Changed which whys a lesson flows from" }, async (tx) => {
    await requireLesson(tx, base.coeId, lessonId);
    await requireWhys(tx, base.coeId, whyIds, "whyIds");
    await tx.delete(lessonWhyLinks).where(eq(lessonWhyLinks.lessonId, lessonId));
    for (const whyNodeId of new Set(whyIds)) await tx.insert(lessonWhyLinks).values({ lessonId, whyNodeId });
  });
}

/** Deletes a lesson (its why links go with it; action items that named it keep existing, unlinked). The revision keeps its text. */
export function deleteLesson(db: Db, base: Base, lessonId: number) {
  return writeCoe(db, { ...base, section: "lessons", summary: "Deleted a lesson" }, async (tx) => {
    const { text } = await requireLesson(tx, base.coeId, lessonId);
    await tx.delete(lessons).where(eq(lessons.id, lessonId));
    return short(text);
  });
}

export function addDependency(db: Db, base: Base, form: NewDependencyForm) {
  return writeCoe(db, { ...base, section: "dependencies", summary: `Added dependency “${form.name}”` }, async (tx) =>
    insertedId(
      tx
        .insert(dependencies)
        .values({ coeId: base.coeId, position: await nextPosition(tx, dependencies, base.coeId), ...form })
        .returning({ id: dependencies.id }),
    ),
  );
}

/** Name and the three questions; the notes are saved by the rich-text editor on their own. */
export function updateDependency(db: Db, base: Base, dependencyId: number, form: DependencyForm) {
  return writeCoe(db, { ...base, section: "dependencies", summary: `Edited dependency “${form.name}”` }, async (tx) => {
    const [row] = await tx
      .update(dependencies)
      .set(form)
      .where(and(eq(dependencies.id, dependencyId), eq(dependencies.coeId, base.coeId)))
      .returning({ id: dependencies.id })
      ;
    if (!row) throw new MissingPartError("No such dependency in this COE");
  });
}

export function deleteDependency(db: Db, base: Base, dependencyId: number) {
  return writeCoe(db, { ...base, section: "dependencies", summary: "Deleted a dependency" }, async (tx) => {
    const [row] = await tx
      .delete(dependencies)
      .where(and(eq(dependencies.id, dependencyId), eq(dependencies.coeId, base.coeId)))
      .returning({ id: dependencies.id })
      ;
    if (!row) throw new MissingPartError("No such dependency in this COE");
  });
}

/** Swaps a lesson or dependency with its neighbour; positions are renumbered densely. */
export function moveRow(db: Db, base: Base, kind: "lessons" | "dependencies", rowId: number, direction: "up" | "down") {
  const table = kind === "lessons" ? lessons : dependencies;
  return writeCoe(db, { ...base, section: kind, summary: kind === "lessons" ? `Moved a lesson ${direction}` : `Moved a dependency ${direction}` }, async (tx) => {
    const ids = (
      await tx
        .select({ id: table.id })
        .from(table)
        .where(eq(table.coeId, base.coeId))
        .orderBy(asc(table.position), asc(table.id))
    ).map((r) => r.id);
    const from = ids.indexOf(rowId);
    if (from < 0) throw new MissingPartError(`No such ${kind === "lessons" ? "lesson" : "dependency"} in this COE`);
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    for (const [position, id] of ids.entries()) await tx.update(table).set({ position }).where(eq(table.id, id));
  });
}
