import { useRef, type ReactNode } from "react";
import { Form } from "react-router";
import { useHydrated } from "~/components/ui/use-hydrated";
import type { FormValues } from "~/domain/coe/form-merge";
import { formFieldLabel } from "~/domain/coe/form-values";
import type { CoeSection } from "~/domain/coe/sections";
import { ConflictChoices } from "./conflict-choices";
import { FormAlerts } from "./form-alerts";
import { useFormResult, type FormResult } from "./form-result";
import { useOwnSectionVersion } from "./own-section-versions";
import { FormSaveStatusLine } from "./form-save-status";
import { postedBase, useFormAutosave } from "./use-form-autosave";

type Props = {
  formId: string;
  intent: string;
  baseVersion: number;
  /**
   * What the form's fields hold as stored (from `~/domain/coe/form-values`). It is posted as the
   * form's base, so a 409 merges field by field: their changes are taken, yours kept, and a field
   * both changed is offered as a choice. Every form that edits something existing passes it (and
   * its intent is in MERGED_FORMS); a form that adds a row passes its empty values and `isNew`
   * (nothing to merge); a form without fields (a delete, a move) passes nothing.
   */
  current?: FormValues;
  isNew?: boolean;
  label: string;
  submitLabel: string;
  entityId?: number;
  className?: string;
  /** The section `baseVersion` is of: the base then follows this page's own autosaves to that section. */
  section?: CoeSection;
  /** A field's label, for fields named per row (a lesson's why links); otherwise the form's labels by intent. */
  fieldLabel?: (name: string) => string;
  /** How a value reads to a person (a select's option label rather than its id). */
  describe?: (name: string, value: string) => string;
  /**
   * The form saves itself as its fields change (see use-form-autosave), with a status line instead
   * of its button; for forms that edit something existing (with `current` and `section`). Without
   * JavaScript the button is there and the form posts as any other.
   */
  autosave?: boolean;
  /** `values`: what the fields show — the answer's (typed or merged) after a refusal, otherwise `current`. */
  children: (result: FormResult | undefined, values: FormValues) => ReactNode;
};

/**
 * One form of the edit page: it names its intent, the section version and the values it was based
 * on, and itself (so the answer's kept input, merge and errors come back to this form only).
 */
export function EditForm({
  formId,
  intent,
  baseVersion,
  current,
  isNew,
  label,
  submitLabel,
  entityId,
  className,
  section,
  fieldLabel,
  describe,
  autosave,
  children,
}: Props) {
  const fromPage = useFormResult(formId);
  const labelOf = fieldLabel ?? ((name: string) => formFieldLabel(intent, name));
  const formRef = useRef<HTMLFormElement>(null);
  const hydrated = useHydrated();
  const saver = useFormAutosave({
    enabled: !!autosave && hydrated,
    formRef,
    formId,
    section,
    loadedVersion: baseVersion,
    loaded: current ?? {},
    fieldLabel: labelOf,
  });
  const followed = useOwnSectionVersion(section, baseVersion);
  const autosaving = !!autosave && hydrated;
  const result = autosaving ? (saver.result ?? fromPage) : fromPage;
  const base = autosaving ? saver.version : followed;
  const conflicts = result?.merge?.conflicts ?? [];
  const posted = current && !isNew ? (autosaving ? saver.basePosted : postedBase(current)) : undefined;
  // A form re-mounts when what it was based on changes (after a 409 the page reloads their version),
  // so its fields start from the merged values; a refusal that changes nothing keeps what was typed.
  // An autosaving form stays mounted while it is typed in; it re-renders from stored values only when idle.
  return (
    <Form
      key={autosave ? `g${saver.generation}` : posted}
      ref={formRef}
      method="post"
      className={`stack ${className ?? ""}`}
      noValidate
      aria-label={label}
      preventScrollReset
      data-adds={isNew || undefined}
      onChange={saver.onChange}
      onBlur={saver.onBlur}
      onSubmit={saver.onSubmit}
    >
      <FormAlerts result={result} fieldLabel={labelOf} autosaves={autosaving} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="baseVersion" value={base} />
      {posted === undefined ? null : <input type="hidden" name="formBase" value={posted} />}
      {conflicts.length ? <input type="hidden" name="formConflicts" value={conflicts.join(",")} /> : null}
      {entityId !== undefined ? <input type="hidden" name="id" value={entityId} /> : null}
      <ConflictChoices
        formId={formId}
        names={conflicts}
        mine={result?.values ?? {}}
        theirs={current ?? {}}
        errors={result?.errors}
        label={labelOf}
        describe={describe}
      />
      {children(result, (autosaving ? undefined : result?.values) ?? current ?? {})}
      {autosaving ? null : (
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      )}
      {autosaving ? <FormSaveStatusLine status={saver.status} formId={formId} onRetry={saver.retry} conflicts={conflicts.map(labelOf)} /> : null}
    </Form>
  );
}
