import { useCallback, useMemo, useSyncExternalStore } from "react";

const NONE: ReadonlySet<number> = new Set();

/** The set without `ids`; the same set when none of them is in it, so React skips the render. */
export function withoutIds(set: ReadonlySet<number>, ids: Iterable<number>): ReadonlySet<number> {
  const drop = new Set(ids);
  return [...drop].some((id) => set.has(id)) ? new Set([...set].filter((id) => !drop.has(id))) : set;
}

/**
 * This page's collapsed branches per COE. Kept here, not only in localStorage, so collapsing works
 * for the visit when storage is full or disabled; read from storage on the first use of a COE in
 * this page load.
 */
const sets = new Map<string, ReadonlySet<number>>();
const listeners = new Set<() => void>();

function readSaved(key: string, existing: ReadonlyMap<number, unknown>): ReadonlySet<number> {
  try {
    const saved = JSON.parse(window.localStorage.getItem(key) ?? "[]") as unknown;
    // Ids of whys deleted since are dropped, so they do not pile up in storage.
    if (Array.isArray(saved)) return new Set(saved.filter((id): id is number => typeof id === "number" && existing.has(id)));
  } catch {
    /* a corrupt preference is just ignored */
  }
  return NONE;
}

function write(key: string, next: ReadonlySet<number>) {
  if (sets.get(key) === next) return;
  sets.set(key, next);
  try {
    window.localStorage.setItem(key, JSON.stringify([...next]));
  } catch {
    /* storage full or disabled: collapsing still works for this visit */
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/**
 * Which branches are collapsed, remembered per COE in this browser (a view preference, not
 * document content). The server and hydration draw every branch open; the saved preference
 * applies right after.
 */
export function useCollapsed(coeId: number, existing: ReadonlyMap<number, unknown>) {
  const key = `coe:${coeId}:whys-collapsed`;
  const current = useCallback(() => {
    if (!sets.has(key)) sets.set(key, readSaved(key, existing));
    return sets.get(key)!;
  }, [key, existing]);
  const collapsed = useSyncExternalStore(subscribe, current, () => NONE);
  return useMemo(() => {
    const update = (change: (prev: ReadonlySet<number>) => ReadonlySet<number>) => write(key, change(current()));
    return {
      collapsed,
      /** Opens these branches (and leaves the others as they are). */
      expand: (ids: Iterable<number>) => update((prev) => withoutIds(prev, ids)),
      collapse: (id: number) => update((prev) => (prev.has(id) ? prev : new Set([...prev, id]))),
      toggle: (id: number) => update((prev) => (prev.has(id) ? withoutIds(prev, [id]) : new Set([...prev, id]))),
      expandAll: () => update(() => NONE),
    };
  }, [key, collapsed, current]);
}

export type CollapsedBranches = ReturnType<typeof useCollapsed>;
