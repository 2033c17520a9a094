import { useEffect, useEffectEvent, type RefObject } from "react";

/** "From why: …" links on lessons and action items point at #why-<id>: that node is focused on arrival and when the hash changes. */
export function useHashFocus(exists: (id: number) => boolean, focusNode: (id: number) => void, svgRef: RefObject<SVGSVGElement | null>) {
  const onHash = useEffectEvent(() => {
    const m = /^#why-(\d+)$/.exec(window.location.hash);
    if (m && exists(Number(m[1]))) {
      focusNode(Number(m[1]));
      svgRef.current?.scrollIntoView({ block: "center" });
    }
  });
  useEffect(() => {
    const listener = () => onHash();
    listener();
    window.addEventListener("hashchange", listener);
    return () => window.removeEventListener("hashchange", listener);
  }, []);
}
