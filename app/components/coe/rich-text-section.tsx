import { lazy, Suspense } from "react";
import { TextareaField } from "~/components/ui/textarea-field";
import { useHydrated } from "~/components/ui/use-hydrated";
import { RICH_SECTIONS, type RichSection } from "~/domain/coe/rich-sections";
import type { LintOptions } from "~/domain/coe/blameless-lint";
import type { DocJSON } from "~/domain/enums";
import { EditForm } from "./edit-form";

// TipTap is loaded only here, only in the browser: reading pages and the first paint ship none of it.
const RichTextEditor = lazy(() => import("~/editor/rich-text-editor"));

type Props = { coeId: number; section: RichSection; doc: DocJSON | null; html: string; plainText: string; version: number; lint: LintOptions };

/**
 * One narrative section of the edit page. Without JavaScript (and until it loads) it is a
 * textarea form that saves plain paragraphs; with it, the rich editor with autosave.
 */
export function RichTextSection({ coeId, section, doc, html, plainText, version, lint }: Props) {
  const hydrated = useHydrated();
  const { label, placeholder } = RICH_SECTIONS[section];
  if (!hydrated)
    return (
      <EditForm formId={section} intent="save-rich-text" baseVersion={version} label={label} submitLabel={`Save ${label.toLowerCase()}`}>
        {(r) => (
          <>
            <input type="hidden" name="section" value={section} />
            <TextareaField label={label} name="text" rows={8} defaultValue={r?.values?.text ?? plainText} error={r?.errors?.text} placeholder={placeholder} hint="Plain paragraphs, separated by blank lines." />
          </>
        )}
      </EditForm>
    );
  return (
    <Suspense fallback={<div className="rich-text rich-editor" dangerouslySetInnerHTML={{ __html: html }} />}>
      <RichTextEditor coeId={coeId} section={section} label={label} placeholder={placeholder} doc={doc} html={html} version={version} lint={lint} />
    </Suspense>
  );
}
