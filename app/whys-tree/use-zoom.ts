import { select } from "d3-selection";
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior, type ZoomTransform } from "d3-zoom";
import { WHY_LAYOUT_MARGIN } from "~/domain/whys/layout";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from "react";

type Box = { x: number; y: number; width: number; height: number };
/** A node's box; `id` tells whether two anchors are the same node. */
type Anchor = Box & { id: number };
type Size = { width: number; height: number };

/** Room kept between a revealed box and the edge of the view, px on screen. */
const MARGIN = 24;
/** Below this scale text is too small to read: a growing tree is then followed by panning, not by zooming out further. */
const MIN_AUTO_SCALE = 0.5;

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/** The least pan (screen px, one axis) that brings [from, to] inside [0, size] with the margin; the start wins when it cannot all fit. */
function nudge(from: number, to: number, size: number): number {
  if (from < MARGIN) return MARGIN - from;
  if (to > size - MARGIN) return Math.max(size - MARGIN - to, MARGIN - from);
  return 0;
}

/**
 * Where the view goes when the tree's layout changes (a why added, removed, collapsed): the anchor
 * (the node being worked on) stays where it was on screen, so nothing jumps. Then, if the whole
 * tree was in view, it stays in view: panned back inside, or zoomed out as far as a readable scale
 * when it has outgrown the view. Otherwise (the author has zoomed into a part), the least pan that
 * shows the anchor. Pure, for tests: sizes in px, `t` as {x, y, k}.
 */
export function followLayout(
  t: { x: number; y: number; k: number },
  view: Size,
  content: { before: Size; after: Size },
  anchor: { before: Anchor | undefined; after: Anchor | undefined },
): { x: number; y: number; k: number } {
  let { x, y, k } = t;
  // The layout's own margin may be off screen: what counts is that every box was.
  const slack = WHY_LAYOUT_MARGIN * k + 0.5;
  const wasAllVisible =
    x >= -slack && y >= -slack && x + content.before.width * k <= view.width + slack && y + content.before.height * k <= view.height + slack;
  const { before } = anchor;
  const after = anchor.after;
  if (before && after && before.id === after.id) {
    x += (before.x - after.x) * k;
    y += (before.y - after.y) * k;
  }
  const size = content.after;
  const fitK = Math.min(k, view.width / size.width, view.height / size.height);
  if (wasAllVisible && fitK >= Math.min(k, MIN_AUTO_SCALE)) {
    if (fitK < k && after) {
      // Zoom out around the anchor, then keep the whole tree inside.
      const sx = x + after.x * k;
      const sy = y + after.y * k;
      x = sx - after.x * fitK;
      y = sy - after.y * fitK;
      k = fitK;
    } else k = fitK;
    return { x: clamp(x, 0, view.width - size.width * k), y: clamp(y, 0, view.height - size.height * k), k };
  }
  if (!after) return { x, y, k };
  x += nudge(x + after.x * k, x + (after.x + after.width) * k, view.width);
  y += nudge(y + after.y * k, y + (after.y + after.height) * k, view.height);
  return { x, y, k };
}

/**
 * Where the editor starts on a tree bigger than its view: at 100 % (text at its reading size),
 * panned so `box` (the focused node, the root at first) is in the middle of the view — but never
 * past the tree's own edges, so the root of a wide tree sits at the left, not mid-screen. An axis
 * the tree fits in is not panned. Pure, for tests.
 */
export function startView(view: Size, content: Size, box: Box): { x: number; y: number; k: number } {
  const axis = (size: number, extent: number, from: number, length: number) => (extent <= size ? 0 : clamp(size / 2 - (from + length / 2), size - extent, 0));
  return { x: axis(view.width, content.width, box.x, box.width), y: axis(view.height, content.height, box.y, box.height), k: 1 };
}

/**
 * Pan and zoom with d3-zoom on one <svg> via a ref; React renders the transform. Double-click is
 * left to the editor (it edits a node), and the wheel zooms only inside the tree.
 */
export function useZoom(svgRef: RefObject<SVGSVGElement | null>, content: Size, anchor?: Anchor) {
  const behavior = useRef<ZoomBehavior<SVGSVGElement, unknown> | undefined>(undefined);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const [ready, setReady] = useState(false);
  const current = useRef(transform);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.1, 2.5])
      .filter(
        (event: Event) =>
          (event.type === "wheel" || event.type === "mousedown" || event.type === "touchstart") && !(event.target as Element).closest?.("[data-no-pan]"),
      )
      .on("zoom", (event: D3ZoomEvent<SVGSVGElement, unknown>) => {
        // Read by followLayout and reveal in the same commit, before React re-renders with the state.
        current.current = event.transform;
        setTransform(event.transform);
      });
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

  // When the layout changes, move the view as followLayout says (after the DOM has its new size).
  const last = useRef<{ content: Size; anchor: Anchor | undefined } | undefined>(undefined);
  useLayoutEffect(() => {
    const before = last.current;
    last.current = { content, anchor };
    const svg = svgRef.current;
    if (!before || !svg || !behavior.current) return;
    // Focus moving to another node is not a layout change (reveal() handles it).
    const same = (a: Anchor | undefined, b: Anchor | undefined) => a?.id !== b?.id || (a?.x === b?.x && a?.y === b?.y);
    if (before.content.width === content.width && before.content.height === content.height && same(before.anchor, anchor)) return;
    const { width, height } = svg.getBoundingClientRect();
    if (!width || !height) return;
    const next = followLayout(current.current, { width, height }, { before: before.content, after: content }, { before: before.anchor, after: anchor });
    const t = current.current;
    if (next.x !== t.x || next.y !== t.y || next.k !== t.k) apply(zoomIdentity.translate(next.x, next.y).scale(next.k));
  });

  const fit = useCallback(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const { width, height } = svg.getBoundingClientRect();
    const k = Math.min(1, width / content.width, height / content.height);
    apply(zoomIdentity.translate((width - content.width * k) / 2, Math.max(0, (height - content.height * k) / 2)).scale(k));
  }, [svgRef, content.width, content.height, apply]);

  /** Shows the tree at 100 % around `box` (see startView). */
  const start = useCallback(
    (box: Box) => {
      const svg = svgRef.current;
      if (!svg) return;
      const { width, height } = svg.getBoundingClientRect();
      const t = startView({ width, height }, content, box);
      apply(zoomIdentity.translate(t.x, t.y).scale(t.k));
    },
    [svgRef, content, apply],
  );

  const zoomBy = useCallback(
    (factor: number) => {
      if (svgRef.current && behavior.current) select(svgRef.current).call(behavior.current.scaleBy, factor);
    },
    [svgRef],
  );

  /** Pans (keeping the zoom) the least that brings a box inside the view, e.g. when focus moves by keyboard; the rest of the tree stays put. */
  const reveal = useCallback(
    (box: Box) => {
      const svg = svgRef.current;
      if (!svg) return;
      const { width, height } = svg.getBoundingClientRect();
      const t = current.current;
      let x = t.x + nudge(t.x + box.x * t.k, t.x + (box.x + box.width) * t.k, width);
      let y = t.y + nudge(t.y + box.y * t.k, t.y + (box.y + box.height) * t.k, height);
      // A tree that fits stays whole: the margin around the box never pushes another box out.
      if (content.width * t.k <= width) x = clamp(x, 0, width - content.width * t.k);
      if (content.height * t.k <= height) y = clamp(y, 0, height - content.height * t.k);
      if (x !== t.x || y !== t.y) apply(zoomIdentity.translate(x, y).scale(t.k));
    },
    [svgRef, apply, content.width, content.height],
  );

  // One object per change, not per render: effects that depend on the zoom run when it changes.
  return useMemo(() => ({ transform, ready, fit, start, zoomBy, reveal }), [transform, ready, fit, start, zoomBy, reveal]);
}
