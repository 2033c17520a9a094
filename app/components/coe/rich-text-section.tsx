import { lazy, Suspense } from "react";
import { TextareaField } from "~/components/ui/textarea-field";
import { useHydrated } from "~/components/ui/use-hydrated";
import type { LintOptions } from "~/domain/coe/blameless-lint";
import type { DocJSON } from "~/domain/enums";
import { EditForm } from "./edit-form";
import { LIMITS } from "~/domain/limits";

// TipTap is loaded only here, only in the browser: reading pages and the first paint ship none of it.
const RichTextEditor = lazy(() => import("~/editor/rich-text-editor"));

type Props = {
  coeId: number;
  /** The field's key: a narrative section ("impact-summary") or a row's field ("lesson-12"). */
  field: string;
  label: string;
  placeholder: string;
  doc: DocJSON | null;
  html: string;
  plainText: string;
  version: number;
  lint: LintOptions;
  /** Height of the no-JavaScript textarea. */
  rows?: number;
  /** A short field: the editor's toolbar shows only while it has focus. */
  compact?: boolean;
};

/**
 * One rich-text field of the edit page. Without JavaScript (and until it loads) it is a textarea
 * form that saves plain paragraphs; with it, the rich editor with autosave.
 */
export function RichTextSection({ coeId, field, label, placeholder, doc, html, plainText, version, lint, rows = 8, compact }: Props) {
  const hydrated = useHydrated();
  if (!hydrated)
    return (
      <EditForm formId={field} intent="save-rich-text" baseVersion={version} label={label} submitLabel={`Save ${label.toLowerCase()}`}>
        {(r) => (
          <>
            <input type="hidden" name="section" value={field} />
            <TextareaField
              label={label}
              name="text"
              rows={rows}
              defaultValue={r?.values?.text ?? plainText}
              error={r?.errors?.text}
              limit={LIMITS.richTextPlain}
              placeholder={placeholder}
              hint="Plain paragraphs, separated by blank lines."
            />
          </>
        )}
      </EditForm>
    );
  return (
    <Suspense fallback={<div className="rich-text rich-editor" dangerouslySetInnerHTML={{ __html: html }} />}>
      <RichTextEditor
        coeId={coeId}
        section={field}
        label={label}
        placeholder={placeholder}
        doc={doc}
        html={html}
        version={version}
        lint={lint}
        compact={compact}
      />
    </Suspense>
  );
}
