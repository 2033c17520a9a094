import { useState } from "react";
import type { WhyOpResult } from "./use-why-ops";

export const CONFLICT_MESSAGE = "Someone else changed this tree first. It now shows their version; what you typed is kept — press Enter to save it again.";

/** What the tree editor tells the author: the last error (shown), and the last outcome (announced to screen readers). */
export function useOpFeedback() {
  const [error, setError] = useState<string | undefined>();
  const [announcement, announce] = useState("");
  /** An operation's answer handler: `then` on success, else the error (a conflict, or the first field error). */
  const after = (then: (r: Extract<WhyOpResult, { ok: true }>) => void) => (r: WhyOpResult) => {
    if (r.ok) {
      setError(undefined);
      then(r);
    } else if (r.conflict) setError(CONFLICT_MESSAGE);
    else setError(Object.values(r.errors ?? {})[0] ?? "That did not work.");
  };
  return { error, setError, announcement, announce, after };
}

export type OpFeedback = ReturnType<typeof useOpFeedback>;
