import type { KeyboardEvent } from "react";
import { CharCounter, counterBand } from "~/components/ui/char-counter";
import { LIMITS } from "~/domain/limits";
import { commandForKey } from "~/domain/whys/keyboard";
import { isProblemStatement, type Editing } from "./draft-rows";
import { WHY_FONT_SIZE } from "./why-tree-svg";

type Props = {
  editing: Editing;
  /** Where the node being typed is drawn, in tree units, and the view's transform: the field sits over it. */
  box: { x: number; y: number; width: number; height: number };
  transform: { x: number; y: number; k: number };
  takesFocus: boolean;
  /** A draft left empty can be dropped when focus leaves the editor (not before the tree has its problem statement). */
  canDropEmpty: boolean;
  onText: (text: string) => void;
  onSave: () => void;
  onCancel: () => void;
};

/** The text field laid over the node being edited or added, at the view's zoom. Enter saves, Escape cancels. */
export function WhyInlineEditor({ editing, box, transform, takesFocus, canDropEmpty, onText, onSave, onCancel }: Props) {
  const length = editing.text.trim().length;
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const cmd = commandForKey(e, "edit");
    e.stopPropagation();
    if (cmd === "save") {
      e.preventDefault();
      onSave();
    } else if (cmd === "cancel") {
      e.preventDefault();
      onCancel();
    }
  };
  return (
    <div
      className="why-inline-editor"
      style={{
        left: transform.x + box.x * transform.k,
        top: transform.y + box.y * transform.k,
        width: box.width * transform.k,
        fontSize: WHY_FONT_SIZE * transform.k,
      }}
    >
      <textarea
        aria-label={editing.kind === "edit" ? "Why text" : isProblemStatement(editing) ? "Problem statement" : "New why"}
        placeholder={isProblemStatement(editing) ? "e.g. 3% of API calls failed for 45 minutes" : "Why? Type, then Enter"}
        value={editing.text}
        // eslint-disable-next-line jsx-a11y/no-autofocus -- the inline editor of the why the author just chose to edit or add
        autoFocus={takesFocus}
        aria-describedby={counterBand(length, LIMITS.whyText) === "quiet" ? undefined : "why-inline-count"}
        aria-invalid={length > LIMITS.whyText || undefined}
        rows={Math.max(3, Math.ceil(box.height / 20))}
        onChange={(e) => onText(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={(e) => {
          // Leaving the field with text keeps the draft open (nothing is lost); an empty new why is dropped.
          if (!length && editing.kind !== "edit" && canDropEmpty && !e.relatedTarget?.closest?.(".why-editor")) onCancel();
        }}
      />
      <CharCounter id="why-inline-count" length={length} limit={LIMITS.whyText} />
    </div>
  );
}
