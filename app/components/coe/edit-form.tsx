import type { ReactNode } from "react";
import { Form } from "react-router";
import { FormAlerts } from "./form-alerts";
import { useFormResult, type FormResult } from "./form-result";
import { useOwnSectionVersion } from "./own-section-versions";
import type { CoeSection } from "~/domain/coe/sections";

type Props = {
  formId: string;
  intent: string;
  baseVersion: number;
  label: string;
  submitLabel: string;
  entityId?: number;
  className?: string;
  /** The section `baseVersion` is of: the base then follows this page's own autosaves to that section. */
  section?: CoeSection;
  children: (result: FormResult | undefined) => ReactNode;
};

/**
 * One form of the edit page: it names its intent, the COE version it was based on and itself
 * (so the answer's kept input and errors come back to this form only).
 */
export function EditForm({ formId, intent, baseVersion, label, submitLabel, entityId, className, section, children }: Props) {
  const result = useFormResult(formId);
  const base = useOwnSectionVersion(section, baseVersion);
  return (
    <Form method="post" className={`stack ${className ?? ""}`} noValidate aria-label={label} preventScrollReset>
      <FormAlerts result={result} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="baseVersion" value={base} />
      {entityId !== undefined ? <input type="hidden" name="id" value={entityId} /> : null}
      {children(result)}
      <button type="submit" className="primary">
        {submitLabel}
      </button>
    </Form>
  );
}
