import { SAVE_WORDS, SaveStatusLine } from "~/components/ui/save-status-line";
import type { FormSaveStatus } from "./use-form-autosave";

/** An autosaving form's status line, in the rich-text editors' words. */
export function FormSaveStatusLine({
  status,
  formId,
  onRetry,
  conflicts,
}: {
  status: FormSaveStatus;
  formId: string;
  onRetry: () => void;
  conflicts: string[];
}) {
  const testId = `save-status-form-${formId}`;
  switch (status.kind) {
    case "idle":
    case "dirty":
      return (
        <SaveStatusLine kind={status.kind} testId={testId}>
          {SAVE_WORDS[status.kind]}
        </SaveStatusLine>
      );
    case "saving":
      return (
        <SaveStatusLine kind="saving" testId={testId}>
          {SAVE_WORDS.saving}
          {status.note ? ` (${status.note})` : null}
        </SaveStatusLine>
      );
    case "saved":
      return (
        <SaveStatusLine kind="saved" testId={testId}>
          {SAVE_WORDS.saved(status.at)}
          {status.note ? ` ${status.note}` : null}
        </SaveStatusLine>
      );
    case "conflict":
      return (
        <SaveStatusLine kind="conflict" testId={testId}>
          {SAVE_WORDS.notSaved(`both of you changed ${conflicts.join(", ")}: choose above which to keep`)}
        </SaveStatusLine>
      );
    case "error":
      return (
        <SaveStatusLine kind="error" testId={testId} onRetry={status.canRetry ? onRetry : undefined}>
          {SAVE_WORDS.notSaved(status.message)}
        </SaveStatusLine>
      );
  }
}
