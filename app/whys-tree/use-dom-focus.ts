import { useLayoutEffect, useRef, type FocusEvent, type RefObject } from "react";

type Box = { x: number; y: number; width: number; height: number };

type Args = {
  focusId: number | undefined;
  /** Changes each time DOM focus should move to `focusId` and the view reveal it. */
  request: number;
  isEditing: boolean;
  /** Where each node is drawn: a new map after every change of the tree's shape. */
  boxes: ReadonlyMap<number, Box>;
  reveal: (box: Box) => void;
  svgRef: RefObject<SVGSVGElement | null>;
};

/**
 * DOM focus follows the focused node after every commit that changes it or the tree, before paint.
 * It moves when asked (`request`: a change from the keyboard or an operation); and while the author
 * is in the tree, a commit that left DOM focus elsewhere — on <body> because a save's revalidation
 * replaced an element, or on the node the author just left because a save landed between the key
 * and its render — is corrected, so keyboard work is never interrupted by a save in flight.
 * A request made while a field is open waits until it closes.
 */
export function useDomFocus({ focusId, request, isEditing, boxes, reveal, svgRef }: Args) {
  const items = useRef(new Map<number, SVGGElement>());
  const treeHadFocus = useRef(false);
  const handled = useRef(request);

  useLayoutEffect(() => {
    if (isEditing || focusId === undefined) return;
    const el = items.current.get(focusId);
    if (!el || !el.isConnected) return;
    const wanted = handled.current !== request;
    const active = document.activeElement;
    const strayed = active !== el && (active === null || active === document.body || !!svgRef.current?.contains(active));
    if (!wanted && !(treeHadFocus.current && strayed)) return;
    handled.current = request;
    if (active !== el) el.focus({ preventScroll: true });
    const box = boxes.get(focusId);
    if (wanted && box) reveal(box);
  }, [focusId, request, isEditing, boxes, reveal, svgRef]);

  return {
    /** The ref of node `id`'s element. */
    itemRef: (id: number) => (el: SVGGElement | null) => {
      if (el) items.current.set(id, el);
      else items.current.delete(id);
    },
    /** Focus handlers of the tree's <svg>. */
    treeProps: {
      onFocus: () => void (treeHadFocus.current = true),
      onBlur: (e: FocusEvent<SVGSVGElement>) => {
        // Focus moving elsewhere on the page ends "in the tree"; focus lost to nothing (a removed node) does not.
        if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget as Node)) treeHadFocus.current = false;
      },
    },
  };
}
