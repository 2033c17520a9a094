import { useSyncExternalStore } from "react";

/**
 * The section versions this page itself moved on by autosaving rich text (a lesson, a
 * dependency's notes), without reloading the page. A form of the same section was loaded at the
 * version before: if nothing but our own saves happened since, its base can follow them, so the
 * next submit does not report our own autosave as someone else's change. A version moved by
 * anyone else is not recorded here, and a form based on it still gets its 409.
 */
const moves = new Map<string, Map<number, number>>();
const listeners = new Set<() => void>();
let changes = 0;

export function recordOwnSave(section: string, from: number, to: number) {
  if (to <= from) return;
  let bySection = moves.get(section);
  if (!bySection) moves.set(section, (bySection = new Map()));
  bySection.set(from, to);
  changes++;
  for (const listener of listeners) listener();
}

/** `base` followed through our own saves to the newest version they reached. */
export function followOwnSaves(section: string, base: number): number {
  const bySection = moves.get(section);
  let version = base;
  while (bySection?.has(version)) version = bySection.get(version)!;
  return version;
}

/**
 * The version `version` was reached from by our own saves alone (itself when none led to it): a
 * form keyed by it keeps its place (and what is typed into it) when our own autosave reloads the page.
 */
export function ownSaveOrigin(section: string, version: number): number {
  const bySection = moves.get(section);
  if (!bySection) return version;
  const back = new Map([...bySection].map(([from, to]) => [to, from]));
  let origin = version;
  while (back.has(origin)) origin = back.get(origin)!;
  return origin;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** The version a form of `section` loaded at `base` should submit (the server render, and before any save, is `base`). */
export function useOwnSectionVersion(section: string | undefined, base: number): number {
  const seen = useSyncExternalStore(
    subscribe,
    () => changes,
    () => -1,
  );
  return section === undefined || seen < 1 ? base : followOwnSaves(section, base);
}
