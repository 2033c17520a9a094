import type { ReactNode } from "react";

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

/** The words every autosaving field uses (rich text and forms alike), so the page speaks one way about saving. */
export const SAVE_WORDS = {
  idle: "All changes saved",
  dirty: "Unsaved changes",
  saving: "Saving…",
  saved: (at: Date) => `Saved ${timeFormat.format(at)}`,
  notSaved: (reason: string) => `Not saved — ${reason}`,
};

/**
 * The line beside an autosaving field that says where its saving stands; announced politely.
 * `kind` styles it (save-error, save-conflict…); `onRetry` adds a Retry button after the text.
 */
export function SaveStatusLine({ kind, testId, children, onRetry }: { kind: string; testId: string; children: ReactNode; onRetry?: () => void }) {
  return (
    <p className={`save-status save-${kind}`} role="status" aria-live="polite" data-testid={testId}>
      {children}
      {onRetry ? (
        <>
          {" · "}
          <button type="button" className="link-button" onClick={onRetry}>
            Retry
          </button>
        </>
      ) : null}
    </p>
  );
}
