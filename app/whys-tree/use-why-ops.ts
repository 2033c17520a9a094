import { useCallback, useEffect, useRef, useState } from "react";
import { useFetcher } from "react-router";

/** What the edit page's action answers a script caller: the outcome payload, or errors / a conflict. */
export type WhyOpResult =
  | { ok: true; formId: string; version?: number; nodeId?: number; trashId?: number; removed?: number; lessonId?: number; actionItemId?: number }
  | { ok?: undefined; formId: string; errors?: Record<string, string>; conflict?: { currentVersion: number } };

export type WhyOp = { intent: string; fields: Record<string, string | number>; onDone?: (result: WhyOpResult) => void };

/**
 * Posts tree operations to the edit page's action in order, one at a time. Each names the newest
 * COE version this page knows (from the loader or from the previous answer), so keystrokes made
 * faster than the server answers queue up instead of conflicting with our own previous write.
 */
export function useWhyOps(coeId: number, loaderVersion: number) {
  const fetcher = useFetcher<WhyOpResult>();
  // The newest version our own answers reported (the loader's may lag behind while it revalidates).
  const answered = useRef(0);
  const inFlight = useRef<WhyOp | undefined>(undefined);
  const queue = useRef<WhyOp[]>([]);
  const [queued, setQueued] = useState(0);

  const send = useCallback(
    (op: WhyOp) => {
      inFlight.current = op;
      void fetcher.submit(
        { ...op.fields, intent: op.intent, baseVersion: Math.max(answered.current, loaderVersion), formId: `why-${op.intent}`, via: "script" },
        { method: "post", action: `/coes/${coeId}/edit` },
      );
    },
    [fetcher, coeId, loaderVersion],
  );

  useEffect(() => {
    const data = fetcher.data;
    if (fetcher.state !== "idle" || !data || !inFlight.current) return;
    const op = inFlight.current;
    inFlight.current = undefined;
    if (data.ok && data.version) answered.current = Math.max(answered.current, data.version);
    op.onDone?.(data);
    // After a failure the queued operations were planned against a tree that did not happen: drop them.
    const next = data.ok ? queue.current.shift() : undefined;
    if (!data.ok) queue.current = [];
    setQueued(queue.current.length);
    if (next) send(next);
  }, [fetcher.state, fetcher.data, send]);

  const submit = useCallback(
    (op: WhyOp) => {
      if (inFlight.current) {
        queue.current.push(op);
        setQueued(queue.current.length);
      } else send(op);
    },
    [send],
  );

  return { submit, busy: fetcher.state !== "idle" || queued > 0 };
}
