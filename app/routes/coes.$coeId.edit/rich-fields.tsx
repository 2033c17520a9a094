import { RichTextSection } from "~/components/coe/rich-text-section";
import { RICH_SECTIONS, type RichSection } from "~/domain/coe/rich-sections";
import { ROW_FIELDS, rowFieldKey, type RowFieldKind } from "~/domain/coe/rich-fields";
import type { RichFieldView } from "~/data/rich-views.server";
import type { RichContext } from "./edit-page-data";
import { EditSection } from "./edit-section";

/** One of the COE's narrative fields (impact summary, a detection question, the customer RCA), labelled as RICH_SECTIONS says. */
export function RichField({ field, view, compact, context }: { field: RichSection; view: RichFieldView; compact?: boolean; context: RichContext }) {
  const { label, placeholder, lock } = RICH_SECTIONS[field];
  return (
    <RichTextSection
      coeId={context.coeId}
      field={field}
      label={label}
      placeholder={placeholder}
      version={context.versions.of(lock)}
      lint={context.lint}
      compact={compact}
      {...view}
    />
  );
}

/** A part of the page that is one narrative field (the impact summary, the customer RCA). */
export function RichFieldSection({
  field,
  title,
  view,
  context,
}: {
  field: "impact-summary" | "customer-rca";
  title: string;
  view: RichFieldView;
  context: RichContext;
}) {
  return (
    <EditSection id={field} title={title}>
      <RichField field={field} view={view} context={context} />
    </EditSection>
  );
}

/** The rich text of one row: a dependency's notes or a lesson. */
export function RichRowField({ kind, id, label, view, context }: { kind: RowFieldKind; id: number; label: string; view: RichFieldView; context: RichContext }) {
  return (
    <RichTextSection
      coeId={context.coeId}
      field={rowFieldKey(kind, id)}
      label={label}
      placeholder={ROW_FIELDS[kind].placeholder}
      version={context.versions.of(ROW_FIELDS[kind].lock)}
      lint={context.lint}
      rows={4}
      compact
      {...view}
    />
  );
}
