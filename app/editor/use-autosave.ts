import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { followOwnSaves, recordOwnSave } from "~/components/coe/own-section-versions";
import { parseRichField, richFieldInfo } from "~/domain/coe/rich-fields";
import type { DocJSON } from "~/domain/enums";
import { docHasWords } from "~/domain/coe/plain-text-doc";
import { hasMergeMarker, MERGE_MARKER_MESSAGE, mergeScaffold } from "~/domain/coe/merge-scaffold";
import { dropDrafts, findDrafts, keepDraft } from "./draft-store";

export type Theirs = { doc: DocJSON | null; version: number; html: string };

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "restored" }
  | { kind: "offline" }
  | { kind: "signed-out"; message: string }
  | { kind: "error"; message: string }
  /** Refused before sending, and not kept: e.g. an emptied lesson (the saved text stays). */
  | { kind: "refused"; message: string }
  | { kind: "conflict"; mine: DocJSON; theirs: Theirs }
  /** Merging by hand: nothing is sent until the author says it is done; `problem` when "done" was refused. */
  | { kind: "merging"; problem?: string };

const DEBOUNCE_MS = 1200;
const RETRY_MS = 5000;

type Options = {
  coeId: number;
  section: string;
  version: number;
  serverDoc: DocJSON | null;
  serverHtml: string;
  setContent: (doc: DocJSON) => void;
};

const same = (a: DocJSON | null, b: DocJSON | null) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Autosave for one rich-text section. Every change is first kept on this device (keyed by COE,
 * section and base version), then saved after a pause, on blur and before leaving. A save names
 * the version it was based on; a 409 brings the other text back for the author to choose. Nothing
 * typed is dropped: until the server confirms, the draft stays in local storage.
 */
export function useAutosave({ coeId, section, version, serverDoc, serverHtml, setContent }: Options) {
  const base = useRef(version);
  // The field's text as the server last confirmed it: a 409 that leaves it unchanged came from another field of the same section.
  const baseDoc = useRef<DocJSON | null>(serverDoc);
  const pending = useRef<DocJSON | null>(null);
  const inFlight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const blocked = useRef(false); // while a conflict waits for the author's choice, or after the session ended
  // While the author merges by hand: kept on this device (marked as a merge), never sent to the server.
  const merging = useRef(false);
  const url = `/coes/${coeId}/sections/${section}`;
  const field = parseRichField(section);
  const lock = field ? richFieldInfo(field).lock : section;
  const emptyMessage = field ? richFieldInfo(field).emptyMessage : undefined;

  // A timer saves through the newest flush (set after each commit that makes one).
  const flushLater = useRef(() => {});
  const schedule = useCallback((ms: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => flushLater.current(), ms);
  }, []);

  const flush = useCallback(
    async (opts: { keepalive?: boolean } = {}) => {
      clearTimeout(timer.current);
      // Once more at once after a rebase onto another field's save of this section.
      for (let again = true; again;) {
        again = false;
        const doc = pending.current;
        if (!doc || inFlight.current || blocked.current || merging.current) return;
        if (hasMergeMarker(doc)) {
          // The marker line came back some other way (an old device draft, a paste): still a merge in progress.
          merging.current = true;
          keepDraft({ coeId, section, baseVersion: base.current, doc, merging: true });
          setStatus({ kind: "merging", problem: MERGE_MARKER_MESSAGE });
          return;
        }
        inFlight.current = true;
        setStatus({ kind: "saving" });
        // Our own saves of other fields of this section (other lessons, say) do not make this one stale.
        base.current = followOwnSaves(lock, base.current);
        const sentBase = base.current;
        let res: Response;
        try {
          res = await fetch(url, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ doc, baseVersion: sentBase }),
            keepalive: opts.keepalive,
          });
        } catch {
          inFlight.current = false;
          setStatus({ kind: "offline" });
          schedule(RETRY_MS);
          return;
        }
        inFlight.current = false;
        const body = (await res.json().catch(() => ({}))) as { version?: number; savedAt?: string; message?: string; current?: Theirs };
        if (res.ok && typeof body.version === "number") {
          dropDrafts(coeId, section);
          // Forms of this section loaded at sentBase may follow (see own-section-versions).
          recordOwnSave(lock, sentBase, body.version);
          base.current = body.version;
          baseDoc.current = doc;
          if (pending.current === doc) {
            pending.current = null;
            setStatus({ kind: "saved", at: new Date(body.savedAt ?? Date.now()) });
          } else if (pending.current) {
            // More was typed while saving: keep it under the new base and save again.
            keepDraft({ coeId, section, baseVersion: base.current, doc: pending.current });
            schedule(DEBOUNCE_MS);
          }
        } else if (res.status === 409 && body.current && same(body.current.doc, pending.current ?? doc)) {
          // The server already has exactly this text (our own save from before a reload landed first).
          dropDrafts(coeId, section);
          base.current = body.current.version;
          baseDoc.current = body.current.doc;
          pending.current = null;
          setStatus({ kind: "saved", at: new Date() });
        } else if (res.status === 409 && body.current && same(body.current.doc, baseDoc.current)) {
          // Another field of the same section was saved (its version moved) but this field is as we had it: rebase and save.
          base.current = body.current.version;
          keepDraft({ coeId, section, baseVersion: base.current, doc: pending.current ?? doc });
          again = true;
        } else if (res.status === 409 && body.current) {
          blocked.current = true;
          setStatus({ kind: "conflict", mine: pending.current ?? doc, theirs: body.current });
        } else if (res.status === 401) {
          // Stop trying until the author signs in again (the kept draft is restored then).
          blocked.current = true;
          setStatus({ kind: "signed-out", message: body.message ?? "Your session has ended." });
        } else {
          setStatus({ kind: "error", message: body.message ?? `The server answered ${res.status}.` });
        }
      }
    },
    [url, coeId, section, lock, schedule],
  );
  useLayoutEffect(() => {
    flushLater.current = () => void flush();
  }, [flush]);

  const change = useCallback(
    (doc: DocJSON) => {
      if (emptyMessage && !docHasWords(doc)) {
        // Nothing to keep: the saved text stays until words are typed again.
        clearTimeout(timer.current);
        pending.current = null;
        dropDrafts(coeId, section);
        if (!blocked.current) setStatus(merging.current ? { kind: "merging" } : { kind: "refused", message: emptyMessage });
        return;
      }
      pending.current = doc;
      keepDraft({ coeId, section, baseVersion: base.current, doc, merging: merging.current || undefined });
      if (merging.current) {
        setStatus((s) => (s.kind === "merging" && !s.problem ? s : { kind: "merging" }));
        return;
      }
      if (!blocked.current) {
        setStatus((s) => (s.kind === "offline" || s.kind === "error" ? s : { kind: "dirty" }));
        schedule(DEBOUNCE_MS);
      }
    },
    [coeId, section, emptyMessage, schedule],
  );

  /** The author's answer to a conflict: keep their own text, take the other, or merge both by hand. */
  const resolve = useCallback(
    (choice: "mine" | "theirs" | "merge") => {
      if (status.kind !== "conflict") return;
      const { mine, theirs } = status;
      blocked.current = false;
      base.current = theirs.version;
      baseDoc.current = theirs.doc;
      if (choice === "theirs") {
        pending.current = null;
        dropDrafts(coeId, section);
        setContent(theirs.doc ?? { type: "doc", content: [{ type: "paragraph" }] });
        setStatus({ kind: "saved", at: new Date() });
        return;
      }
      const doc: DocJSON = choice === "mine" ? mine : mergeScaffold(mine, theirs.doc);
      setContent(doc);
      pending.current = doc;
      if (choice === "mine") {
        keepDraft({ coeId, section, baseVersion: base.current, doc });
        void flush();
      } else {
        // Nothing is saved until the author says the merge is done (finishMerge).
        merging.current = true;
        clearTimeout(timer.current);
        keepDraft({ coeId, section, baseVersion: base.current, doc, merging: true });
        setStatus({ kind: "merging" });
      }
    },
    [status, coeId, section, setContent, flush],
  );

  /** "Done merging": refused while the marker line is still there; otherwise the merged text is saved. */
  const finishMerge = useCallback(() => {
    if (!merging.current) return;
    const doc = pending.current;
    if (doc && hasMergeMarker(doc)) return setStatus({ kind: "merging", problem: MERGE_MARKER_MESSAGE });
    merging.current = false;
    if (!doc) return setStatus(emptyMessage ? { kind: "refused", message: emptyMessage } : { kind: "idle" });
    keepDraft({ coeId, section, baseVersion: base.current, doc });
    void flush();
  }, [coeId, section, emptyMessage, flush]);

  /**
   * Once, when the editor exists (TipTap's create event): bring back text this device kept but the
   * server never confirmed, into that editor. Later loader revalidations must not replace what is
   * being typed, so it reads the version and text the page has at that moment.
   */
  const checkedDrafts = useRef(false);
  const restoreKept = (setEditorContent: (doc: DocJSON) => void) => {
    if (checkedDrafts.current) return;
    checkedDrafts.current = true;
    const draft = findDrafts(coeId, section)[0];
    if (!draft) return;
    if (draft.baseVersion === version && (draft.merging || hasMergeMarker(draft.doc))) {
      // A merge by hand was under way when the page went away: back into it, still unsaved.
      pending.current = draft.doc;
      merging.current = true;
      setEditorContent(draft.doc);
      setStatus({ kind: "merging" });
    } else if (draft.baseVersion === version) {
      if (same(draft.doc, serverDoc)) return dropDrafts(coeId, section);
      pending.current = draft.doc;
      setEditorContent(draft.doc);
      setStatus({ kind: "restored" });
      schedule(DEBOUNCE_MS);
    } else if (draft.baseVersion < version && !same(draft.doc, serverDoc)) {
      // Someone saved this section after the kept text was written: let the author choose.
      pending.current = draft.doc;
      setEditorContent(draft.doc);
      blocked.current = true;
      setStatus({ kind: "conflict", mine: draft.doc, theirs: { doc: serverDoc, version, html: serverHtml } });
    } else dropDrafts(coeId, section);
  };

  // Retry as soon as the network is back; save before the page goes away.
  useEffect(() => {
    const online = () => void flush();
    const leaving = () => void flush({ keepalive: true });
    window.addEventListener("online", online);
    window.addEventListener("pagehide", leaving);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("pagehide", leaving);
      clearTimeout(timer.current);
      // Leaving by client-side navigation unmounts the editor: save what is pending.
      void flush({ keepalive: true });
    };
  }, [flush]);

  return { status, change, flush, resolve, finishMerge, restoreKept };
}
