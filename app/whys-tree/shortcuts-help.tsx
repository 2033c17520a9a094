import { useEffect, useRef } from "react";
import { SHORTCUTS } from "~/domain/whys/keyboard";

/** The keyboard shortcuts, in a popover opened by its button or by "?" in the tree; Escape closes it. */
export function ShortcutsHelp({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) panel.current?.focus();
  }, [open]);
  return (
    <span className="shortcuts">
      <button type="button" aria-expanded={open} aria-controls="why-shortcuts" onClick={() => onOpenChange(!open)}>
        Keyboard shortcuts
      </button>
      {open ? (
        // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- Escape closes the dialog, as every dialog's does
        <div
          id="why-shortcuts"
          className="popover"
          role="dialog"
          aria-label="Keyboard shortcuts"
          tabIndex={-1}
          ref={panel}
          onKeyDown={(e) => {
            if (e.key === "Escape") onOpenChange(false);
          }}
        >
          <table>
            <tbody>
              {SHORTCUTS.map((s) => (
                <tr key={s.keys}>
                  <th scope="row">
                    <kbd>{s.keys}</kbd>
                  </th>
                  <td>{s.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={() => onOpenChange(false)}>
            Close
          </button>
        </div>
      ) : null}
    </span>
  );
}
