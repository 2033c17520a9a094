import { useEffect, useRef, type RefObject } from "react";
import type { WhyTreeLayout } from "./why-tree-svg";

type Box = { x: number; y: number; width: number; height: number };

/**
 * A tree wider or taller than the view starts at 100 % (text at its reading size) around the
 * focused node, once; "Fit to screen" shows it whole. After that the author's pan and zoom stay.
 */
export function useStartView(
  svgRef: RefObject<SVGSVGElement | null>,
  zoom: { ready: boolean; start: (box: Box) => void },
  layout: WhyTreeLayout | undefined,
  focused: Box | undefined,
) {
  const started = useRef(false);
  useEffect(() => {
    const svg = svgRef.current;
    if (!zoom.ready || started.current || !svg || !layout) return;
    started.current = true;
    const { width, height } = svg.getBoundingClientRect();
    const box = focused ?? layout.nodes[0];
    if ((layout.width > width || layout.height > height) && box) zoom.start(box);
  }, [svgRef, zoom, layout, focused]);
}
