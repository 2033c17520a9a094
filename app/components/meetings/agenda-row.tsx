import type { ButtonHTMLAttributes, CSSProperties, ReactNode, Ref } from "react";
import { Form, Link } from "react-router";

export type AgendaListItem = {
  coeId: number;
  title: string;
  href: string;
  severity: number;
  team: string;
  presented: boolean;
  outcome: string | null;
};

export type MoveControl = "up" | "down";

type AgendaRowProps = {
  item: AgendaListItem;
  index: number;
  count: number;
  canReorder: boolean;
  className: string;
  style?: CSSProperties;
  rowRef: Ref<HTMLLIElement>;
  /** The drag handle, once the page is interactive. */
  handle: ReactNode;
  moveButtonRef: (control: MoveControl) => Ref<HTMLButtonElement>;
  /** A Move up/Move down submit, taken over by the list (with JavaScript only). */
  onMoveButton: (toIndex: number, control: MoveControl) => void;
  actions: ReactNode;
};

/** One COE on the agenda: its handle, title link, severity, team, whether it was presented, and its controls. */
export function AgendaRow({ item, index, count, canReorder, className, style, rowRef, handle, moveButtonRef, onMoveButton, actions }: AgendaRowProps) {
  return (
    <li ref={rowRef} className={className} style={style}>
      <div className="agenda-row">
        {handle}
        <div className="agenda-body">
          <Link to={item.href} className="agenda-title">
            {item.title}
          </Link>
          <div className="agenda-meta">
            <span className={`sev sev-${item.severity}`}>Sev {item.severity}</span>
            <span>{item.team}</span>
            {item.presented ? <span className="badge agenda-presented">{item.outcome ? `Presented: ${item.outcome}` : "Presented"}</span> : null}
          </div>
        </div>
        {canReorder || actions ? (
          <div className="agenda-actions row-controls">
            {canReorder && index > 0 ? (
              <MoveButton
                coeId={item.coeId}
                toIndex={index - 1}
                label={`Move up: ${item.title}`}
                buttonRef={moveButtonRef("up")}
                onIntercept={() => onMoveButton(index - 1, "up")}
              >
                Move up
              </MoveButton>
            ) : null}
            {canReorder && index < count - 1 ? (
              <MoveButton
                coeId={item.coeId}
                toIndex={index + 1}
                label={`Move down: ${item.title}`}
                buttonRef={moveButtonRef("down")}
                onIntercept={() => onMoveButton(index + 1, "down")}
              >
                Move down
              </MoveButton>
            ) : null}
            {actions}
          </div>
        ) : null}
      </div>
    </li>
  );
}

type MoveButtonProps = {
  coeId: number;
  toIndex: number;
  label: string;
  buttonRef: Ref<HTMLButtonElement>;
  onIntercept: () => void;
  children: string;
};

/** A one-button form that posts intent=move (so moving works without JavaScript); with JavaScript the list takes the submit over. */
function MoveButton({ coeId, toIndex, label, buttonRef, onIntercept, children }: MoveButtonProps) {
  return (
    <Form
      method="post"
      preventScrollReset
      onSubmit={(event) => {
        event.preventDefault();
        onIntercept();
      }}
    >
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="coeId" value={coeId} />
      <input type="hidden" name="toIndex" value={toIndex} />
      <button type="submit" ref={buttonRef} className="button-link" aria-label={label}>
        {children}
      </button>
    </Form>
  );
}

type DragHandleProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "className" | "children"> & {
  /** The row's title, for the button's accessible name. */
  name: string;
  isGrabbed: boolean;
  ref: Ref<HTMLButtonElement>;
};

/** The handle a row is picked up (keyboard) or dragged (pointer) by; a toggle, pressed while picked up. */
export function DragHandle({ name, isGrabbed, ref, ...rest }: DragHandleProps) {
  return (
    <button {...rest} type="button" ref={ref} className="agenda-handle" aria-label={`Reorder: ${name}`} aria-pressed={isGrabbed}>
      <svg className="agenda-grip" viewBox="0 0 10 16" width="10" height="16" aria-hidden="true" focusable="false">
        {[3, 8, 13].flatMap((y) => [<circle key={`l${y}`} cx="2.5" cy={y} r="1.5" />, <circle key={`r${y}`} cx="7.5" cy={y} r="1.5" />])}
      </svg>
    </button>
  );
}
