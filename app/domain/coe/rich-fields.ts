import { isRichSection, RICH_SECTIONS, type RichSection } from "./rich-sections";
import type { CoeSection } from "./sections";

/** Rich text that belongs to one row of a list (a lesson, a dependency's notes) rather than to the COE row. */
export const ROW_FIELDS = {
  lesson: {
    label: "Lesson",
    placeholder: "What did we learn that applies beyond this event? Say which why it flows from, and what will change.",
    lock: "lessons",
    emptyMessage: "A lesson needs some text. Delete the lesson if it is no longer needed.",
  },
  dependency: {
    label: "Notes",
    placeholder:
      "Did it perform as promised (SLA, RPO, RTO)? Was our use of it validated? What would reduce the blast radius: graceful degradation, caching, a fallback?",
    lock: "dependencies",
    emptyMessage: undefined,
  },
} as const satisfies Record<string, { label: string; placeholder: string; lock: CoeSection; emptyMessage: string | undefined }>;

export type RowFieldKind = keyof typeof ROW_FIELDS;

/**
 * One rich-text field of a COE, named by a key that is safe in a URL and a storage key:
 * a narrative section ("impact-summary") or a row's field ("lesson-12", "dependency-3").
 */
export type RichField = { kind: "coe"; key: RichSection } | { kind: RowFieldKind; key: string; id: number };

const ROW_KEY = /^(lesson|dependency)-([1-9]\d{0,15})$/;

export function parseRichField(key: string): RichField | undefined {
  if (isRichSection(key)) return { kind: "coe", key };
  const m = ROW_KEY.exec(key);
  if (!m) return undefined;
  const id = Number(m[2]);
  return Number.isSafeInteger(id) ? { kind: m[1] as RowFieldKind, key, id } : undefined;
}

export const rowFieldKey = (kind: RowFieldKind, id: number) => `${kind}-${id}`;

/** What the editor shows and which section's version locks the field. */
export function richFieldInfo(field: RichField): { label: string; placeholder: string; lock: CoeSection; emptyMessage?: string } {
  return field.kind === "coe" ? RICH_SECTIONS[field.key] : ROW_FIELDS[field.kind];
}
