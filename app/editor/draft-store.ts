import type { DocJSON } from "~/domain/enums";

/** Unsaved text kept on this device, keyed by COE, section and the version it was based on. */
export type Draft = {
  coeId: number;
  section: string;
  baseVersion: number;
  doc: DocJSON;
  keptAt: string;
  /** A merge by hand in progress: restored into the merge, never saved until the author says it is done. */
  merging?: boolean;
};

const PREFIX = "coe-draft:";
const sectionPrefix = (coeId: number, section: string) => `${PREFIX}${coeId}:${section}:`;
const keyOf = (coeId: number, section: string, baseVersion: number) => `${sectionPrefix(coeId, section)}${baseVersion}`;

/** The stored keys starting with `prefix`, collected before anything is removed (removing shifts the indexes). */
function keysStartingWith(s: Storage, prefix: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const key = s.key(i);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  return keys;
}

function storage(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

/** Returns false when the browser refuses (private mode, quota): the caller then says the text is not kept. */
export function keepDraft(draft: Omit<Draft, "keptAt">): boolean {
  const s = storage();
  if (!s) return false;
  try {
    // One draft per section: a newer base version replaces the older one. Runs on every keystroke, so nothing is parsed.
    const key = keyOf(draft.coeId, draft.section, draft.baseVersion);
    for (const other of keysStartingWith(s, sectionPrefix(draft.coeId, draft.section))) if (other !== key) s.removeItem(other);
    s.setItem(key, JSON.stringify({ ...draft, keptAt: new Date().toISOString() }));
    return true;
  } catch {
    return false;
  }
}

export function findDrafts(coeId: number, section: string): Draft[] {
  const s = storage();
  if (!s) return [];
  const out: Draft[] = [];
  for (const key of keysStartingWith(s, sectionPrefix(coeId, section))) {
    try {
      const d = JSON.parse(s.getItem(key) ?? "") as Draft;
      if (d && typeof d.baseVersion === "number" && d.doc?.type === "doc") out.push(d);
    } catch {
      s.removeItem(key);
    }
  }
  return out.sort((a, b) => b.baseVersion - a.baseVersion);
}

export function dropDrafts(coeId: number, section: string) {
  const s = storage();
  if (s) for (const key of keysStartingWith(s, sectionPrefix(coeId, section))) s.removeItem(key);
}

/** On sign-out: nothing a person wrote stays on a shared machine. */
export function dropAllDrafts() {
  const s = storage();
  if (s) for (const key of keysStartingWith(s, PREFIX)) s.removeItem(key);
}
