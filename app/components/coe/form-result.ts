import { useActionData } from "react-router";
import type { FieldErrors } from "~/domain/coe/forms";

/** What the edit page's action answers: which form it was, what was typed, and what went wrong. */
export type FormResult = {
  formId: string;
  values?: Record<string, string>;
  errors?: FieldErrors;
  conflict?: { currentVersion: number };
  /**
   * A form based on stored values, after a 409 merged field by field: the fields that now hold
   * the other person's value, and those both changed (still holding yours) that the author must
   * settle. Their value of each is what the page now shows (the page reloads after a 409).
   */
  merge?: { takenFromThem: string[]; conflicts: string[] };
};

/** The action's answer if it belongs to this form, so only that form shows the kept input and errors. */
export function useFormResult(formId: string): FormResult | undefined {
  const result = useActionData<FormResult>();
  return result?.formId === formId ? result : undefined;
}
