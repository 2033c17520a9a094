import { useEffect, useRef } from "react";
import { flattenWhyTree, type WhyTreeNode } from "~/domain/whys/tree";

/** Confirms deleting a why and everything under it. Enter deletes (focus starts on Delete), Escape cancels. */
export function DeleteWhyDialog({ node, onConfirm, onCancel }: { node: WhyTreeNode; onConfirm: () => void; onCancel: () => void }) {
  const deleteButton = useRef<HTMLButtonElement>(null);
  useEffect(() => deleteButton.current?.focus(), []);
  const below = flattenWhyTree(node).length - 1;
  return (
    <div className="dialog-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="delete-why-title"
        aria-describedby="delete-why-body"
        className="dialog"
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.preventDefault();
            onCancel();
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
      </div>
    </div>
  );
}
