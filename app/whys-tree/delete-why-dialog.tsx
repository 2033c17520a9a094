import { useEffect, useRef } from "react";
import { flattenWhyTree, type WhyTreeNode } from "~/domain/whys/tree";

/**
 * Confirms deleting a why and everything under it. A native modal `<dialog>` (`showModal()`): the
 * browser makes the rest of the page inert, so Tab stays inside and no key reaches the tree behind
 * it (Enter used to edit the node, and Tab used to walk out into other sections' fields). Focus
 * starts on Delete; Escape (the dialog's `cancel` event) cancels. The caller returns focus to the
 * node on cancel, or to its parent after a delete.
 */
export function DeleteWhyDialog({ node, onConfirm, onCancel }: { node: WhyTreeNode; onConfirm: () => void; onCancel: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (!el.open) el.showModal();
    deleteButton.current?.focus();
    return () => {
      if (el.open) el.close();
    };
  }, []);
  const below = flattenWhyTree(node).length - 1;
  return (
    <dialog
      ref={dialog}
      role="alertdialog"
      aria-labelledby="delete-why-title"
      aria-describedby="delete-why-body"
      className="dialog"
      onCancel={(e) => {
        // Escape: the browser would close the dialog itself; the caller unmounts it instead.
        e.preventDefault();
        onCancel();
      }}
      onKeyDown={(e) => {
        // Keys pressed in the dialog are the dialog's: none bubbles to the tree's shortcuts.
        e.stopPropagation();
        // The page behind is inert, but Chromium lets Tab past the last button out to the browser's
        // own controls; wrap instead, so Tab and Shift+Tab stay among the dialog's buttons.
        if (e.key !== "Tab") return;
        const buttons = [...e.currentTarget.querySelectorAll("button")];
        const [first, last] = [buttons[0], buttons[buttons.length - 1]];
        const wrapTo = !e.shiftKey && document.activeElement === last ? first : e.shiftKey && document.activeElement === first ? last : undefined;
        if (wrapTo) {
          e.preventDefault();
          wrapTo.focus();
        }
      }}
    >
      <h3 id="delete-why-title">Delete this why?</h3>
      <p id="delete-why-body">
        “{node.text}”{below ? ` and the ${below} answer${below === 1 ? "" : "s"} under it` : ""} will be removed. You can undo this right after.
      </p>
      <div className="dialog-actions">
        <button type="button" ref={deleteButton} className="primary danger-fill" onClick={onConfirm}>
          Delete
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
