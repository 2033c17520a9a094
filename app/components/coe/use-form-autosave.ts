import { useEffect, useEffectEvent, useLayoutEffect, useRef, useState, type FormEvent, type RefObject } from "react";
import { useFetcher } from "react-router";
import type { FormValues } from "~/domain/coe/form-merge";
import type { CoeSection } from "~/domain/coe/sections";
import { FORM_DEBOUNCE_MS, IDLE_PLAN, planAutosave, type AutosaveEvent } from "./autosave-plan";
import { chosen, fieldsKey, readFields, setField } from "./form-fields";
import type { FormResult } from "./form-result";
import { followOwnSaves, recordOwnSave } from "./own-section-versions";

/** What the edit page's action answers an autosave (a script caller): the section's new version, or a FormResult refusal. */
type Answer = FormResult & { ok?: true; version?: number };

export type FormSaveStatus =
  | { kind: "idle" }
  | { kind: "dirty" }
  /** `note`: the save brings in someone else's change to other fields (after a 409 merged them). */
  | { kind: "saving"; note?: string }
  | { kind: "saved"; at: Date; note?: string }
  /** A field both people changed waits for the author's choice; nothing is saved meanwhile. */
  | { kind: "conflict" }
  | { kind: "error"; message: string; canRetry: boolean };

/** The base as posted: empty fields (unchecked boxes, blank text) are left out, as the merge reads a missing field as empty. */
export function postedBase(values: FormValues): string {
  return JSON.stringify(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== "")));
}

type Options = {
  enabled: boolean;
  formRef: RefObject<HTMLFormElement | null>;
  formId: string;
  section: CoeSection | undefined;
  /** The version and the values of this form's part as the page last loaded them. */
  loadedVersion: number;
  loaded: FormValues;
  fieldLabel: (name: string) => string;
};

// Answers already acted on: a keyed fetcher's answer outlives a re-mount of its form.
const handled = new WeakSet<object>();

const firstError = (errors: Record<string, string> | undefined, label: (name: string) => string) => {
  if (!errors) return "the server refused it";
  if (errors.form) return errors.form;
  const [name, message] = Object.entries(errors)[0] ?? [];
  return name ? `${label(name)}: ${message}` : "the server refused it";
};

/**
 * Autosave for one edit-page form: after a pause in typing (at once on a blur, a select, a
 * checkbox or Enter) the form is posted in the background through the page's own action and
 * intent, with the version and values it is based on. One save at a time; the next carries the
 * version the previous returned. A 409 comes back merged field by field: the merged values go into
 * the fields and are saved, unless a field both people changed needs the author's choice (then
 * nothing is saved until every such field has one). A 400 shows its field errors and waits for an
 * edit. Nothing typed is lost by leaving: the page warns while something is unsaved and sends
 * what is pending as it goes.
 */
export function useFormAutosave({ enabled, formRef, formId, section, loadedVersion, loaded, fieldLabel }: Options) {
  const fetcher = useFetcher<Answer>({ key: `autosave-${formId}` });
  const plan = useRef(IDLE_PLAN);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The version and stored values this form is based on (what its next save posts as base).
  const [version, setVersion] = useState(loadedVersion);
  const versionRef = useRef(loadedVersion);
  const base = useRef<FormValues>(loaded);
  // The fields as last confirmed saved, and as sent by the save in flight.
  const savedKey = useRef<string | undefined>(undefined);
  const sent = useRef<{ values: FormValues; version: number } | undefined>(undefined);
  const [status, setStatus] = useState<FormSaveStatus>({ kind: "idle" });
  const mergeNote = useRef<string | undefined>(undefined);
  // Field errors, or the fields both changed, as the last answer gave them.
  const [result, setResult] = useState<FormResult | undefined>(undefined);
  // Bumped to re-render the fields from what is stored (someone else's change arrived while this form sat idle).
  const [generation, setGeneration] = useState(0);
  const latest = useRef({ loadedVersion, loaded, fieldLabel, result });
  latest.current = { loadedVersion, loaded, fieldLabel, result };

  const adopt = (v: number) => {
    versionRef.current = v;
    setVersion(v);
  };
  const isDirty = () => !!formRef.current && savedKey.current !== undefined && fieldsKey(readFields(formRef.current)) !== savedKey.current;

  const send = () => {
    const form = formRef.current;
    if (!form) return step({ type: "answer", outcome: "failed" });
    // Fields both changed and settled as "theirs" take their value here too, so the form shows what is stored.
    for (const name of latest.current.result?.merge?.conflicts ?? []) if (chosen(form, name) === "theirs") setField(form, name, base.current[name] ?? "");
    const values = readFields(form);
    if (fieldsKey(values) === savedKey.current && !latest.current.result?.merge?.conflicts.length)
      return step({ type: "answer", outcome: "saved" }, { quiet: true });
    if (!navigator.onLine) {
      // A fetcher's network failure would replace the page with the error page: wait for the network instead (see the "online" listener).
      setStatus({ kind: "error", message: "offline; what you typed stays in the form and is saved when the network is back", canRetry: true });
      return step({ type: "answer", outcome: "failed" });
    }
    if (section) adopt(followOwnSaves(section, versionRef.current));
    const body = new FormData(form);
    body.set("baseVersion", String(versionRef.current));
    body.set("formBase", postedBase(base.current));
    body.set("via", "script");
    sent.current = { values, version: versionRef.current };
    setStatus({ kind: "saving", note: mergeNote.current });
    void fetcher.submit(body, { method: "post", action: form.getAttribute("action") ?? undefined });
  };

  function step(event: AutosaveEvent, opts: { quiet?: boolean } = {}) {
    const next = planAutosave(plan.current, event);
    plan.current = next.plan;
    if (event.type === "answer" && event.outcome === "saved" && opts.quiet && !next.plan.inFlight)
      setStatus((s) => (s.kind === "dirty" ? { kind: "idle" } : s));
    if (next.run === "debounce") {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => step({ type: "timer" }), FORM_DEBOUNCE_MS);
    } else if (next.run === "send") {
      clearTimeout(timer.current);
      send();
    }
  }

  // Where the fields start: what the server rendered (read once hydrated, and after a re-render from stored values).
  useLayoutEffect(() => {
    if (enabled && formRef.current) savedKey.current = fieldsKey(readFields(formRef.current));
  }, [enabled, generation, formRef]);

  // The answer to the save in flight (once the page has reloaded what changed).
  const onAnswer = useEffectEvent((data: Answer) => {
    handled.add(data);
    const form = formRef.current;
    const was = sent.current;
    sent.current = undefined;
    if (!was || !form) return;
    if (data.ok && typeof data.version === "number") {
      if (section) recordOwnSave(section, was.version, data.version);
      adopt(data.version);
      // What is stored now: as the page reloaded it when it is of this version (the server's own spelling), else what was sent.
      base.current = latest.current.loadedVersion === data.version ? latest.current.loaded : was.values;
      savedKey.current = fieldsKey(was.values);
      setResult(undefined);
      setStatus({ kind: "saved", at: new Date(), note: mergeNote.current });
      mergeNote.current = undefined;
      return step({ type: "answer", outcome: "saved" });
    }
    if (data.conflict && data.merge && data.values) {
      // Someone else saved this part first: base on their version (the page has reloaded it) and put the merge in the fields not touched since.
      adopt(latest.current.loadedVersion);
      base.current = latest.current.loaded;
      const now = readFields(form);
      for (const [name, value] of Object.entries(data.values)) if ((now[name] ?? "") === (was.values[name] ?? "")) setField(form, name, value);
      const taken = data.merge.takenFromThem.map(latest.current.fieldLabel);
      if (data.merge.conflicts.length) {
        setResult(data);
        setStatus({ kind: "conflict" });
        return step({ type: "answer", outcome: "choose" });
      }
      setResult(undefined);
      mergeNote.current = taken.length ? `with someone else’s change to ${taken.join(", ")}` : undefined;
      return step({ type: "answer", outcome: "merged" });
    }
    setResult(data.errors || data.merge ? data : undefined);
    if (data.errors && !data.conflict) {
      setStatus({ kind: "error", message: firstError(data.errors, latest.current.fieldLabel), canRetry: false });
      return step({ type: "answer", outcome: "refused" });
    }
    setStatus({ kind: "error", message: data.conflict ? "someone else changed this part; reload the page" : "the server did not accept it", canRetry: true });
    return step({ type: "answer", outcome: "failed" });
  });
  useEffect(() => {
    const data = fetcher.data;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the answer reaches us only as fetcher state (React Router gives no callback with the data): acting on it once, after the commit that shows it, is the event
    if (enabled && fetcher.state === "idle" && data && !handled.has(data)) onAnswer(data);
  }, [enabled, fetcher.state, fetcher.data]);

  // Someone else's change reached the page (a reload after any save) while this form sat untouched: show it and base on it.
  const loadedKey = fieldsKey(loaded);
  const onLoaded = useEffectEvent(() => {
    const form = formRef.current;
    if (!enabled || !form || loadedVersion === versionRef.current) {
      if (enabled && loadedVersion === versionRef.current && !plan.current.inFlight) base.current = loaded;
      return;
    }
    if (
      loadedVersion < versionRef.current ||
      plan.current.inFlight ||
      plan.current.queued ||
      plan.current.paused ||
      isDirty() ||
      form.contains(document.activeElement)
    )
      return;
    if (section && followOwnSaves(section, loadedVersion) !== loadedVersion) return;
    clearTimeout(timer.current);
    adopt(loadedVersion);
    base.current = loaded;
    setResult(undefined);
    if (fieldsKey(readFields(form)) !== loadedKey) setGeneration((g) => g + 1);
  });
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- whether to take a reloaded version depends on the form's DOM (focus, what is typed in it), readable only after the commit
    onLoaded();
  }, [enabled, loadedVersion, loadedKey]);

  const onChange = (e: FormEvent<HTMLFormElement>) => {
    if (!enabled) return;
    const target = e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const now = target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && (target.type === "checkbox" || target.type === "radio"));
    const conflicts = latest.current.result?.merge?.conflicts ?? [];
    if (plan.current.paused) {
      const form = formRef.current;
      if (form && conflicts.every((name) => chosen(form, name))) step({ type: "settled" });
      return;
    }
    setStatus((s) => (s.kind === "error" && s.canRetry ? s : { kind: "dirty" }));
    step({ type: "edit", now });
  };

  const onBlur = () => {
    if (enabled && isDirty()) step({ type: "edit", now: true });
  };

  /** Enter in a field saves now rather than posting the page. */
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    if (!enabled) return;
    e.preventDefault();
    step({ type: "edit", now: true });
  };

  const retry = () => step({ type: "edit", now: true });

  // Leaving: warn while something is unsaved, and send what is pending as the page goes.
  const unsaved = useEffectEvent(() => plan.current.inFlight || plan.current.paused || isDirty());
  const leave = useEffectEvent(() => {
    const form = formRef.current;
    if (!form || plan.current.inFlight || plan.current.paused || !isDirty()) return;
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === "string") body.append(name, value);
    body.set("baseVersion", String(section ? followOwnSaves(section, versionRef.current) : versionRef.current));
    body.set("formBase", postedBase(base.current));
    body.set("via", "script");
    savedKey.current = fieldsKey(readFields(form));
    void fetch(form.getAttribute("action") ?? location.pathname, { method: "POST", body, keepalive: true, credentials: "same-origin" }).catch(() => undefined);
  });
  const online = useEffectEvent(() => {
    if (isDirty()) step({ type: "edit", now: true });
  });
  useEffect(() => {
    if (!enabled) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (unsaved()) e.preventDefault();
    };
    const onPageHide = () => leave();
    const onOnline = () => online();
    window.addEventListener("beforeunload", onBeforeUnload);
    window.addEventListener("pagehide", onPageHide);
    window.addEventListener("online", onOnline);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("online", onOnline);
      clearTimeout(timer.current);
      // Leaving by a link inside the app unmounts the form: send what is pending.
      leave();
    };
  }, [enabled]);

  return { status, result, version, basePosted: postedBase(base.current), generation, onChange, onBlur, onSubmit, retry };
}
