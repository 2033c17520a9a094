import type { DocJSON } from "~/domain/enums";

/** Unsaved text kept on this device, keyed by COE, section and the version it was based on. */
export type Draft = { coeId: number; section: string; baseVersion: number; doc: DocJSON; keptAt: string };

const PREFIX = "coe-draft:";
const keyOf = (coeId: number, section: string, baseVersion: number) => `${PREFIX}${coeId}:${section}:${baseVersion}`;

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
    // One draft per section: a newer base version replaces the older one.
    for (const d of findDrafts(draft.coeId, draft.section)) if (d.baseVersion !== draft.baseVersion) s.removeItem(keyOf(d.coeId, d.section, d.baseVersion));
    s.setItem(keyOf(draft.coeId, draft.section, draft.baseVersion), JSON.stringify({ ...draft, keptAt: new Date().toISOString() }));
    return true;
  } catch {
    return false;
  }
}

export function findDrafts(coeId: number, section: string): Draft[] {
  const s = storage();
  if (!s) return [];
  const out: Draft[] = [];
  for (let i = 0; i < s.length; i++) {
    const key = s.key(i);
    if (!key?.startsWith(`${PREFIX}${coeId}:${section}:`)) continue;
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
  for (const d of findDrafts(coeId, section)) s?.removeItem(keyOf(d.coeId, d.section, d.baseVersion));
}

/** On sign-out: nothing a person wrote stays on a shared machine. */
export function dropAllDrafts() {
  const s = storage();
  if (!s) return;
  const keys: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const key = s.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  keys.forEach((k) => s.removeItem(k));
}
