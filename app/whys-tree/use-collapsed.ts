import { useEffect, useState, type Dispatch, type SetStateAction } from "react";

/** Which branches are collapsed, remembered per COE in this browser (a view preference, not document content). */
export function useCollapsed(coeId: number, existing: ReadonlyMap<number, unknown>): [ReadonlySet<number>, Dispatch<SetStateAction<ReadonlySet<number>>>] {
  const key = `coe:${coeId}:whys-collapsed`;
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set());
  useEffect(() => {
    try {
      const saved = JSON.parse(window.localStorage.getItem(key) ?? "[]") as unknown;
      if (Array.isArray(saved)) setCollapsed(new Set(saved.filter((id): id is number => typeof id === "number" && existing.has(id))));
    } catch {
      /* a corrupt preference is just ignored */
    }
    // Read once per COE; later changes to the tree must not reset what the author collapsed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  useEffect(() => {
    try {
      window.localStorage.setItem(key, JSON.stringify([...collapsed]));
    } catch {
      /* storage full or disabled: collapsing still works for this visit */
    }
  }, [key, collapsed]);
  return [collapsed, setCollapsed];
}
