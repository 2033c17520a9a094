import { useCallback, useEffect, useRef, useState } from "react";
import { useFetcher } from "react-router";

/** What the edit page's action answers a script caller: the outcome payload, or errors / a conflict. */
export type WhyOpResult =
  | { ok: true; formId: string; version?: number; nodeId?: number; trashId?: number; removed?: number; lessonId?: number; actionItemId?: number }
  | { ok?: undefined; formId: string; errors?: Record<string, string>; conflict?: { currentVersion: number } };

export type WhyOp = { intent: string; fields: Record<string, string | number>; onDone?: (result: WhyOpResult) => void };

/**
 * Posts tree operations to the edit page's action, one at a time, each naming the newest COE
 * version this page knows (from the loader or from the last answer), so quick successive
 * keystrokes do not conflict with our own previous write.
 */
export function useWhyOps(coeId: number, loaderVersion: number) {
  const fetcher = useFetcher<WhyOpResult>();
  const version = useRef(loaderVersion);
  const pending = useRef<WhyOp | undefined>(undefined);
  const [conflict, setConflict] = useState(false);
  version.current = Math.max(version.current, loaderVersion);

  useEffect(() => {
    const data = fetcher.data;
    if (fetcher.state !== "idle" || !data || !pending.current) return;
    const op = pending.current;
    pending.current = undefined;
    if (data.ok && data.version) version.current = Math.max(version.current, data.version);
    // After a 409 the route revalidates, so the loader brings the current tree and version.
    setConflict(!data.ok && !!data.conflict);
    op.onDone?.(data);
  }, [fetcher.state, fetcher.data]);

  const submit = useCallback(
    (op: WhyOp) => {
      if (pending.current) return false;
      pending.current = op;
      fetcher.submit({ ...op.fields, intent: op.intent, baseVersion: version.current, formId: `why-${op.intent}`, via: "script" }, { method: "post", action: `/coes/${coeId}/edit` });
      return true;
    },
    [fetcher, coeId],
  );

  return { submit, busy: fetcher.state !== "idle", conflict, dismissConflict: () => setConflict(false) };
}
