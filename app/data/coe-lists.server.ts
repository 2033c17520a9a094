import { and, asc, eq, inArray, max } from "drizzle-orm";
import type { Db } from "../../db/client";
import { dependencies, lessons, lessonWhyLinks, whyNodes, type DocJSON } from "../../db/schema";
import type { DependencyForm, NewDependencyForm } from "../domain/coe/forms";
import { docToPlainText } from "../domain/coe/plain-text-doc";
import { FieldError, MissingPartError } from "./write-errors.server";
import { writeCoe, type CoeWrite } from "./coe-write.server";

type Base = Omit<CoeWrite, "section" | "summary">;

const short = (doc: DocJSON) => {
  const text = docToPlainText(doc).replace(/\s+/g, " ").trim();
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
};

function nextPosition(db: Db, table: typeof lessons | typeof dependencies, coeId: number) {
  return (db.select({ p: max(table.position) }).from(table).where(eq(table.coeId, coeId)).get()?.p ?? -1) + 1;
}

/**
 * Every id must name a why node of this COE (a stale form may name one deleted since, a forged one
 * another COE's): a reference, so an unknown one is a 400 naming `field`, not a 404.
 */
function requireWhys(db: Db, coeId: number, whyIds: readonly number[], field: string) {
  if (!whyIds.length) return;
  const found = db.select({ id: whyNodes.id }).from(whyNodes).where(and(eq(whyNodes.coeId, coeId), inArray(whyNodes.id, [...whyIds]))).all();
  if (found.length !== new Set(whyIds).size) throw new FieldError(field, "A why it links to is not in this COE (it may have been deleted); reload the page", field !== "whyIds");
}

/**
 * A lesson, linked to the whys it flows from. `lock` is "lessons" from the lessons section and
 * "whys" when added from a node of the tree (the tree's version is what that editor holds).
 */
export function addLesson(db: Db, base: Base, input: { doc: DocJSON; whyIds: readonly number[] }, whyField = "whyIds") {
  return writeCoe(db, { ...base, section: "lessons", summary: `Added lesson “${short(input.doc)}”` }, () => {
    requireWhys(db, base.coeId, input.whyIds, whyField);
    const id = db
      .insert(lessons)
      .values({ coeId: base.coeId, position: nextPosition(db, lessons, base.coeId), text: input.doc })
      .returning({ id: lessons.id })
      .get().id;
    for (const whyNodeId of new Set(input.whyIds)) db.insert(lessonWhyLinks).values({ lessonId: id, whyNodeId }).run();
    return id;
  });
}

function requireLesson(db: Db, coeId: number, lessonId: number) {
  const row = db.select({ text: lessons.text }).from(lessons).where(and(eq(lessons.id, lessonId), eq(lessons.coeId, coeId))).get();
  if (!row) throw new MissingPartError("No such lesson in this COE");
  return row;
}

/** Replaces the set of whys a lesson flows from. */
export function setLessonWhyLinks(db: Db, base: Base, lessonId: number, whyIds: readonly number[]) {
  return writeCoe(db, { ...base, section: "lessons", summary: "Changed which whys a lesson flows from" }, () => {
    requireLesson(db, base.coeId, lessonId);
    requireWhys(db, base.coeId, whyIds, "whyIds");
    db.delete(lessonWhyLinks).where(eq(lessonWhyLinks.lessonId, lessonId)).run();
    for (const whyNodeId of new Set(whyIds)) db.insert(lessonWhyLinks).values({ lessonId, whyNodeId }).run();
  });
}

/** Deletes a lesson (its why links go with it; action items that named it keep existing, unlinked). The revision keeps its text. */
export function deleteLesson(db: Db, base: Base, lessonId: number) {
  return writeCoe(db, { ...base, section: "lessons", summary: "Deleted a lesson" }, () => {
    const { text } = requireLesson(db, base.coeId, lessonId);
    db.delete(lessons).where(eq(lessons.id, lessonId)).run();
    return short(text);
  });
}

export function addDependency(db: Db, base: Base, form: NewDependencyForm) {
  return writeCoe(db, { ...base, section: "dependencies", summary: `Added dependency “${form.name}”` }, () =>
    db
      .insert(dependencies)
      .values({ coeId: base.coeId, position: nextPosition(db, dependencies, base.coeId), ...form })
      .returning({ id: dependencies.id })
      .get().id,
  );
}

/** Name and the three questions; the notes are saved by the rich-text editor on their own. */
export function updateDependency(db: Db, base: Base, dependencyId: number, form: DependencyForm) {
  return writeCoe(db, { ...base, section: "dependencies", summary: `Edited dependency “${form.name}”` }, () => {
    const row = db
      .update(dependencies)
      .set(form)
      .where(and(eq(dependencies.id, dependencyId), eq(dependencies.coeId, base.coeId)))
      .returning({ id: dependencies.id })
      .get();
    if (!row) throw new MissingPartError("No such dependency in this COE");
  });
}

export function deleteDependency(db: Db, base: Base, dependencyId: number) {
  return writeCoe(db, { ...base, section: "dependencies", summary: "Deleted a dependency" }, () => {
    const row = db
      .delete(dependencies)
      .where(and(eq(dependencies.id, dependencyId), eq(dependencies.coeId, base.coeId)))
      .returning({ id: dependencies.id })
      .get();
    if (!row) throw new MissingPartError("No such dependency in this COE");
  });
}

/** Swaps a lesson or dependency with its neighbour; positions are renumbered densely. */
export function moveRow(db: Db, base: Base, kind: "lessons" | "dependencies", rowId: number, direction: "up" | "down") {
  const table = kind === "lessons" ? lessons : dependencies;
  return writeCoe(db, { ...base, section: kind, summary: kind === "lessons" ? `Moved a lesson ${direction}` : `Moved a dependency ${direction}` }, () => {
    const ids = db
      .select({ id: table.id })
      .from(table)
      .where(eq(table.coeId, base.coeId))
      .orderBy(asc(table.position), asc(table.id))
      .all()
      .map((r) => r.id);
    const from = ids.indexOf(rowId);
    if (from < 0) throw new MissingPartError(`No such ${kind === "lessons" ? "lesson" : "dependency"} in this COE`);
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    ids.forEach((id, position) => db.update(table).set({ position }).where(eq(table.id, id)).run());
  });
}
