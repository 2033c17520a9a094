import type { DocJSON } from "../domain/enums";
import { RICH_SECTIONS, type RichColumn } from "../domain/coe/rich-sections";
import { docToPlainText } from "../domain/coe/plain-text-doc";
import { renderRichText } from "../editor/render.server";
import type { CoeView } from "./coe-reading.server";
import { packWhyTree } from "../domain/whys/packed-rows";

/** A rich-text field as an editor starts from it: the stored document, its HTML, and its plain text (for the no-JS form). */
export function richFieldView(doc: DocJSON | null) {
  return { doc, html: renderRichText(doc), plainText: doc ? docToPlainText(doc) : "" };
}
export type RichFieldView = ReturnType<typeof richFieldView>;

const NARRATIVE_COLUMNS = Object.values(RICH_SECTIONS).map((s) => s.column);

/** The COE without its narrative documents and list rows. */
export type PageCoe = Omit<CoeView, RichColumn | "lessons" | "dependencies">;

/** The COE without its narrative documents and list rows: the pages ship those once, rendered or as editor input. */
function pageFields(coe: CoeView): PageCoe {
  const fields: Partial<CoeView> = { ...coe };
  for (const column of [...NARRATIVE_COLUMNS, "lessons", "dependencies"] as const) delete fields[column];
  return fields as PageCoe;
}

/** What the reading view ships: rich text as HTML only, and the whys as flat columns (a big tree nested is most of the page). */
export function readingView(coe: CoeView) {
  const { whyTree, ...fields } = pageFields(coe);
  return {
    ...fields,
    whyRows: packWhyTree(whyTree),
    lessons: coe.lessons.map(({ doc, ...lesson }) => ({ ...lesson, html: renderRichText(doc) })),
    dependencies: coe.dependencies.map(({ notes, ...dependency }) => ({ ...dependency, html: renderRichText(notes) })),
  };
}

/** What the edit page ships: the COE's plain fields, and each rich field as its editor starts from it. */
export function editingView(coe: CoeView) {
  return {
    coe: pageFields(coe),
    narrative: Object.fromEntries(Object.entries(RICH_SECTIONS).map(([field, { column }]) => [field, richFieldView(coe[column])])) as Record<keyof typeof RICH_SECTIONS, RichFieldView>,
    rows: {
      lessons: coe.lessons.map(({ doc, ...lesson }) => ({ ...lesson, rich: richFieldView(doc) })),
      dependencies: coe.dependencies.map(({ notes, ...dependency }) => ({ ...dependency, rich: richFieldView(notes) })),
    },
  };
}
