import type { ReactNode } from "react";
import { Form } from "react-router";
import { FormAlerts } from "./form-alerts";
import { useFormResult, type FormResult } from "./form-result";

type Props = {
  formId: string;
  intent: string;
  baseVersion: number;
  label: string;
  submitLabel: string;
  entityId?: number;
  className?: string;
  children: (result: FormResult | undefined) => ReactNode;
};

/**
 * One form of the edit page: it names its intent, the COE version it was based on and itself
 * (so the answer's kept input and errors come back to this form only).
 */
export function EditForm({ formId, intent, baseVersion, label, submitLabel, entityId, className, children }: Props) {
  const result = useFormResult(formId);
  return (
    <Form method="post" className={`stack ${className ?? ""}`} noValidate aria-label={label} preventScrollReset>
      <FormAlerts result={result} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="baseVersion" value={baseVersion} />
      {entityId !== undefined ? <input type="hidden" name="id" value={entityId} /> : null}
      {children(result)}
      <button type="submit" className="primary">
        {submitLabel}
      </button>
    </Form>
  );
}
