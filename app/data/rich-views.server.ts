import type { DocJSON } from "../domain/enums";
import { docToPlainText } from "../domain/coe/plain-text-doc";
import { renderRichText } from "../editor/render.server";
import type { CoeView } from "./coe-reading.server";

/** A rich-text field as an editor starts from it: the stored document, its HTML, and its plain text (for the no-JS form). */
export function richFieldView(doc: DocJSON | null) {
  return { doc, html: renderRichText(doc), plainText: doc ? docToPlainText(doc) : "" };
}
export type RichFieldView = ReturnType<typeof richFieldView>;

/** Lessons and dependencies with their rich text as HTML only: what the reading view ships. */
export function readingRows(coe: CoeView) {
  return {
    lessons: coe.lessons.map(({ doc, ...lesson }) => ({ ...lesson, html: renderRichText(doc) })),
    dependencies: coe.dependencies.map(({ notes, ...dependency }) => ({ ...dependency, html: renderRichText(notes) })),
  };
}

/** Lessons and dependencies with what each row's editor starts from. */
export function editingRows(coe: CoeView) {
  return {
    lessons: coe.lessons.map(({ doc, ...lesson }) => ({ ...lesson, rich: richFieldView(doc) })),
    dependencies: coe.dependencies.map(({ notes, ...dependency }) => ({ ...dependency, rich: richFieldView(notes) })),
  };
}
