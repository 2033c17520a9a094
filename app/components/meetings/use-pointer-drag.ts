import { useRef, useState, type MouseEvent, type PointerEvent } from "react";
import { dropIndex, dropIndicator } from "./agenda-order";

/** A pointer drag as it is drawn: how far the row has moved and where it would land. */
export type Drag = { coeId: number; from: number; to: number; dy: number };

/** A pointer drag as it is measured: row middles in page coordinates, taken when the pointer went down. */
type Pressed = { coeId: number; title: string; pointerId: number; startY: number; from: number; middles: number[]; isActive: boolean };

type Options = {
  /** The middle (page y) of each row, in the order shown; read when a press starts. */
  measure: () => number[];
  /** A drag may not start now (a keyboard pick-up is under way). */
  isBlocked: () => boolean;
  onPickUp: (title: string, from: number, count: number) => void;
  onDrop: (coeId: number, title: string, toIndex: number) => void;
  onCancel: (coeId: number, title: string, from: number, count: number) => void;
};

/** How far (px) the pointer must travel before a press on a handle becomes a drag rather than a click. */
const DRAG_THRESHOLD = 5;

/**
 * Dragging rows by their handles with pointer events (HTML5 drag and drop does not work on touch).
 * The handle captures the pointer, so the row follows it anywhere on the page; the click a drag ends
 * with is swallowed, so it does not also pick the row up.
 */
export function usePointerDrag({ measure, isBlocked, onPickUp, onDrop, onCancel }: Options) {
  const [drag, setDrag] = useState<Drag | null>(null);
  const pressed = useRef<Pressed | null>(null);
  const isClickSwallowed = useRef(false);

  function end(pageY: number | undefined) {
    const p = pressed.current;
    if (!p) return;
    pressed.current = null;
    setDrag(null);
    if (!p.isActive) return; // a press without a drag: the click that follows is the handle's own
    isClickSwallowed.current = true;
    if (pageY === undefined) onCancel(p.coeId, p.title, p.from, p.middles.length);
    else onDrop(p.coeId, p.title, dropIndex(p.middles, p.from, p.middles[p.from]! + pageY - p.startY));
  }

  const ifThisPointer = (event: PointerEvent, then: () => void) => {
    if (pressed.current?.pointerId === event.pointerId) then();
  };

  return {
    drag,
    /** Where to draw the drop line, while a drag would move the row. */
    indicator: drag ? dropIndicator(drag.from, drag.to) : undefined,
    /** The pointer handlers for the handle of the row `coeId` at `index`. */
    handleProps: (coeId: number, title: string, index: number) => ({
      onPointerDown: (event: PointerEvent<HTMLButtonElement>) => {
        isClickSwallowed.current = false;
        if (event.button !== 0 || pressed.current || isBlocked()) return;
        pressed.current = { coeId, title, pointerId: event.pointerId, startY: event.pageY, from: index, middles: measure(), isActive: false };
        event.currentTarget.setPointerCapture(event.pointerId);
      },
      onPointerMove: (event: PointerEvent<HTMLButtonElement>) =>
        ifThisPointer(event, () => {
          const p = pressed.current!;
          const dy = event.pageY - p.startY;
          if (!p.isActive) {
            if (Math.abs(dy) < DRAG_THRESHOLD) return;
            p.isActive = true;
            onPickUp(p.title, p.from, p.middles.length);
          }
          setDrag({ coeId: p.coeId, from: p.from, to: dropIndex(p.middles, p.from, p.middles[p.from]! + dy), dy });
        }),
      onPointerUp: (event: PointerEvent<HTMLButtonElement>) => ifThisPointer(event, () => end(event.pageY)),
      onPointerCancel: (event: PointerEvent<HTMLButtonElement>) => ifThisPointer(event, () => end(undefined)),
      onLostPointerCapture: (event: PointerEvent<HTMLButtonElement>) => ifThisPointer(event, () => end(undefined)),
    }),
    /** Whether this click ends a drag (and is not the handle's own); keyboard clicks (detail 0) never do. */
    swallowsClick: (event: MouseEvent) => {
      const swallows = isClickSwallowed.current && event.detail > 0;
      isClickSwallowed.current = false;
      return swallows;
    },
    /** Cancels a drag under way (Escape); false when there is none. */
    cancel: () => {
      if (!pressed.current?.isActive) return false;
      end(undefined);
      return true;
    },
  };
}
