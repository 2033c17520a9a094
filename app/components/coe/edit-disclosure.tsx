import type { ReactNode } from "react";
import { useFormResult } from "./form-result";

/** A collapsed "Edit" that opens by itself when its form came back with errors or a conflict. */
export function EditDisclosure({ formId, label, summary = "Edit", children }: { formId: string; label: string; summary?: string; children: ReactNode }) {
  const result = useFormResult(formId);
  return (
    <details className="edit-disclosure" open={result ? true : undefined}>
      <summary aria-label={label}>{summary}</summary>
      {children}
    </details>
  );
}
