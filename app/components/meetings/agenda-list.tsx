import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { useHydrated } from "~/components/ui/use-hydrated";
import { moveAnnouncement, moveBy, moveTo, type Agenda } from "~/domain/meetings/agenda";
import { agendaOf, arrange, shownOrder, withLocalMove, type LocalOrder } from "./agenda-order";
import { AgendaRow, DragHandle, type AgendaListItem } from "./agenda-row";
import { usePointerDrag } from "./use-pointer-drag";

export type { AgendaListItem } from "./agenda-row";

type Props = {
  items: AgendaListItem[];
  canReorder: boolean;
  /** Called once per move with the item's new index; the route posts it. The list shows the new order until `items` catches up. */
  onMove(coeId: number, toIndex: number): void;
  /** Extra per-item controls ("Remove", "Move to next meeting", …). */
  renderActions?(item: AgendaListItem): ReactNode;
};

type Control = "handle" | "up" | "down";
/** A keyboard pick-up: the order when it started (Escape restores it) and the order it shows now. */
type Grab = { coeId: number; before: Agenda; order: Agenda };

/** After a move, where focus goes when the control that made it is gone (a Move up button at the top). */
const FOCUS_FALLBACK: Record<Control, Control[]> = { handle: ["handle"], up: ["up", "down", "handle"], down: ["down", "up", "handle"] };

/**
 * The meeting's agenda, reorderable three ways: plain Move up/Move down forms (which work before
 * JavaScript loads; after, they are intercepted and go through `onMove`), a keyboard pick-up on each
 * row's handle, and a pointer drag of the handle (touch too). Each pick-up, move, drop and cancel is
 * announced. A move shows at once and holds until the server's order catches up.
 */
export function AgendaList({ items, canReorder, onMove, renderActions }: Props) {
  const isHydrated = useHydrated();
  const instructionsId = useId();
  const [local, setLocal] = useState<LocalOrder | null>(null);
  const [grab, setGrabState] = useState<Grab | null>(null);
  const [announcement, setAnnouncement] = useState({ text: "", count: 0 });
  // The grab as the latest handler set it, for the blur check that runs after a render may have happened.
  const grabRef = useRef<Grab | null>(null);
  const rowEls = useRef(new Map<number, HTMLLIElement>());
  const controlEls = useRef(new Map<string, HTMLElement>());
  const focusRequest = useRef<{ coeId: number; control: Control } | null>(null);

  // Moves show at once and hold until the server's order catches up (see shownOrder); rebuilding
  // `items` with the same order changes nothing.
  const server = agendaOf(items);
  const committed = agendaOf(arrange(items, shownOrder(server, local)));
  const rows = arrange(items, grab?.order ?? committed);

  const announce = (text: string) => setAnnouncement((a) => ({ text, count: a.count + 1 }));
  const positionIn = (agenda: Agenda, coeId: number) => agenda.findIndex((i) => i.coeId === coeId);
  const titleOf = (coeId: number) => items.find((i) => i.coeId === coeId)?.title ?? `COE ${coeId}`;
  const backAt = (title: string, position: number, count: number) => `Reorder cancelled. ${title} is back at position ${position} of ${count}.`;

  // Every move, drop and cancel announces itself, so this runs after each: it keeps focus on the
  // moved row's control, which React may have moved in the DOM or (at either end) removed.
  useLayoutEffect(() => {
    const wanted = focusRequest.current;
    if (!wanted) return;
    focusRequest.current = null;
    for (const control of FOCUS_FALLBACK[wanted.control]) {
      const el = controlEls.current.get(`${wanted.coeId}:${control}`);
      if (el) {
        if (document.activeElement !== el) el.focus();
        return;
      }
    }
  }, [announcement]);

  /** Applies a move to the committed order, tells the route, and returns the new order and what to announce. */
  function commitMove(coeId: number, toIndex: number, title: string, control: Control) {
    const after = moveTo(committed, coeId, toIndex);
    focusRequest.current = { coeId, control };
    if (after !== committed) {
      setLocal(withLocalMove(server, local, after));
      onMove(coeId, positionIn(after, coeId));
    }
    return { after, message: moveAnnouncement(committed, after, coeId, title) };
  }

  const pointerDrag = usePointerDrag({
    measure: () =>
      rows.map((row) => {
        const box = rowEls.current.get(row.coeId)?.getBoundingClientRect();
        return box ? box.top + window.scrollY + box.height / 2 : 0;
      }),
    isBlocked: () => grabRef.current !== null,
    onPickUp: (title, from, count) => announce(`Picked up ${title} at position ${from + 1} of ${count}.`),
    onDrop: (coeId, title, toIndex) => announce(`Dropped. ${commitMove(coeId, toIndex, title, "handle").message}`),
    onCancel: (coeId, title, from, count) => {
      focusRequest.current = { coeId, control: "handle" };
      announce(backAt(title, from + 1, count));
    },
  });

  function setGrab(next: Grab | null) {
    grabRef.current = next;
    setGrabState(next);
  }

  function pickUp(item: AgendaListItem, from: Agenda) {
    setGrab({ coeId: item.coeId, before: from, order: from });
    focusRequest.current = { coeId: item.coeId, control: "handle" };
    announce(
      `Picked up ${item.title} at position ${positionIn(from, item.coeId) + 1} of ${from.length}. ` +
        "Press the up and down arrow keys to move it, Space or Enter to drop it, Escape to cancel.",
    );
  }

  function drop(): Agenda {
    const g = grabRef.current;
    if (!g) return committed;
    setGrab(null);
    const { after, message } = commitMove(g.coeId, positionIn(g.order, g.coeId), titleOf(g.coeId), "handle");
    announce(`Dropped. ${message}`);
    return after;
  }

  // Space and Enter reach the handle as a click (as does a screen reader's activation): pick up, or drop.
  function onHandleClick(event: MouseEvent<HTMLButtonElement>, item: AgendaListItem) {
    if (pointerDrag.swallowsClick(event)) return;
    const g = grabRef.current;
    if (g?.coeId === item.coeId) drop();
    else pickUp(item, g ? drop() : committed);
  }

  const KEY_MOVES: Record<string, (order: Agenda, coeId: number) => Agenda> = {
    ArrowUp: (order, coeId) => moveBy(order, coeId, -1),
    ArrowDown: (order, coeId) => moveBy(order, coeId, 1),
    Home: (order, coeId) => moveTo(order, coeId, 0),
    End: (order, coeId) => moveTo(order, coeId, order.length - 1),
  };

  function onHandleKeyDown(event: KeyboardEvent<HTMLButtonElement>, item: AgendaListItem) {
    const g = grabRef.current;
    if (event.key === "Escape" && (pointerDrag.cancel() || g?.coeId === item.coeId)) {
      event.preventDefault();
      if (g?.coeId === item.coeId) {
        setGrab(null);
        focusRequest.current = { coeId: g.coeId, control: "handle" };
        announce(backAt(item.title, positionIn(g.before, g.coeId) + 1, g.before.length));
      }
      return;
    }
    const keyMove = KEY_MOVES[event.key];
    if (!keyMove || g?.coeId !== item.coeId) return;
    event.preventDefault();
    const next = keyMove(g.order, item.coeId);
    setGrab({ ...g, order: next });
    focusRequest.current = { coeId: item.coeId, control: "handle" };
    announce(moveAnnouncement(g.order, next, item.coeId, item.title));
  }

  // Focus leaving a picked-up handle drops it where it is shown. React moving the row in the DOM can
  // blur it for a moment, so look once focus has settled.
  function onHandleBlur(coeId: number) {
    if (grabRef.current?.coeId !== coeId) return;
    window.setTimeout(() => {
      if (grabRef.current?.coeId === coeId && document.activeElement !== controlEls.current.get(`${coeId}:handle`)) drop();
    }, 0);
  }

  // Ref callbacks that keep each row and control in a map while it is mounted.
  const rowRef = (coeId: number) => (el: HTMLLIElement | null) => keep(rowEls.current, coeId, el);
  const controlRef = (coeId: number, control: Control) => (el: HTMLElement | null) => keep(controlEls.current, `${coeId}:${control}`, el);

  if (items.length === 0) return <p className="empty">No COEs on this agenda yet.</p>;

  const hasHandles = canReorder && isHydrated;
  const { drag, indicator } = pointerDrag;
  return (
    <div className="agenda">
      {hasHandles ? (
        <p id={instructionsId} className="visually-hidden">
          Press Space or Enter to pick this COE up, the up and down arrow keys to move it, Space or Enter to drop it, and Escape to cancel. With a mouse or
          finger, drag the handle.
        </p>
      ) : null}
      <ol className={`agenda-list${drag ? " is-dragging" : ""}`}>
        {rows.map((item, index) => {
          const isGrabbed = grab?.coeId === item.coeId;
          const isDragged = drag?.coeId === item.coeId;
          const classes = ["agenda-item"];
          if (isGrabbed) classes.push("is-grabbed");
          if (isDragged) classes.push("is-dragged");
          if (indicator?.index === index) classes.push(`drop-${indicator.edge}`);
          if (item.presented) classes.push("is-presented");
          return (
            <AgendaRow
              key={item.coeId}
              item={item}
              index={index}
              count={rows.length}
              canReorder={canReorder}
              className={classes.join(" ")}
              style={isDragged ? { transform: `translateY(${drag.dy}px)` } : undefined}
              rowRef={rowRef(item.coeId)}
              handle={
                hasHandles ? (
                  <DragHandle
                    name={item.title}
                    isGrabbed={isGrabbed}
                    ref={controlRef(item.coeId, "handle")}
                    aria-describedby={instructionsId}
                    onClick={(e) => onHandleClick(e, item)}
                    onKeyDown={(e) => onHandleKeyDown(e, item)}
                    onBlur={() => onHandleBlur(item.coeId)}
                    {...pointerDrag.handleProps(item.coeId, item.title, index)}
                  />
                ) : null
              }
              moveButtonRef={(control) => controlRef(item.coeId, control)}
              onMoveButton={(toIndex, control) => announce(commitMove(item.coeId, toIndex, item.title, control).message)}
              actions={renderActions?.(item)}
            />
          );
        })}
      </ol>
      <p className="visually-hidden" role="status" aria-live="polite">
        {/* The same words twice in a row are not read again unless the text changes: a no-break space tells them apart. */}
        {announcement.text}
        {announcement.count % 2 === 1 ? "\u00a0" : ""}
      </p>
    </div>
  );
}

/** Keeps `el` in `map` under `key` until React detaches it (the cleanup a ref callback returns). */
function keep<K, E>(map: Map<K, E>, key: K, el: E | null) {
  if (!el) return;
  map.set(key, el);
  return () => {
    if (map.get(key) === el) map.delete(key);
  };
}
