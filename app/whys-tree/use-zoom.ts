import { select } from "d3-selection";
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior, type ZoomTransform } from "d3-zoom";
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";

type Box = { x: number; y: number; width: number; height: number };

/**
 * Pan and zoom with d3-zoom on one <svg> via a ref; React renders the transform. Double-click is
 * left to the editor (it edits a node), and the wheel zooms only inside the tree.
 */
export function useZoom(svgRef: RefObject<SVGSVGElement | null>, content: { width: number; height: number }) {
  const behavior = useRef<ZoomBehavior<SVGSVGElement, unknown> | undefined>(undefined);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.1, 2.5])
      .filter((event: Event) => (event.type === "wheel" || event.type === "mousedown" || event.type === "touchstart") && !(event.target as Element).closest?.("[data-no-pan]"))
      .on("zoom", (event: D3ZoomEvent<SVGSVGElement, unknown>) => setTransform(event.transform));
    behavior.current = z;
    select(svg).call(z).on("dblclick.zoom", null);
    setReady(true);
    return () => {
      select(svg).on(".zoom", null);
    };
  }, [svgRef]);

  const apply = useCallback(
    (t: ZoomTransform) => {
      if (svgRef.current && behavior.current) select(svgRef.current).call(behavior.current.transform, t);
    },
    [svgRef],
  );

  const fit = useCallback(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const { width, height } = svg.getBoundingClientRect();
    const k = Math.min(1, width / content.width, height / content.height);
    apply(zoomIdentity.translate((width - content.width * k) / 2, Math.max(0, (height - content.height * k) / 2)).scale(k));
  }, [svgRef, content.width, content.height, apply]);

  const zoomBy = useCallback((factor: number) => {
    if (svgRef.current && behavior.current) select(svgRef.current).call(behavior.current.scaleBy, factor);
  }, [svgRef]);

  /** Pans (keeping the zoom) so that a box is inside the view, e.g. when focus moves by keyboard. */
  const reveal = useCallback(
    (box: Box) => {
      const svg = svgRef.current;
      if (!svg) return;
      const { width, height } = svg.getBoundingClientRect();
      const t = transform;
      const [left, top] = t.apply([box.x, box.y]);
      const [right, bottom] = t.apply([box.x + box.width, box.y + box.height]);
      const margin = 24;
      if (left >= margin && top >= margin && right <= width - margin && bottom <= height - margin) return;
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      apply(zoomIdentity.translate(width / 2 - cx * t.k, height / 2 - cy * t.k).scale(t.k));
    },
    [svgRef, transform, apply],
  );

  return { transform, ready, fit, zoomBy, reveal };
}
