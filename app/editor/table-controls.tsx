import { useEditorState, type Editor } from "@tiptap/react";
import type { ReactNode } from "react";

function Button({ label, onClick, children }: { label: string; onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" aria-label={label} title={label} onMouseDown={(e) => e.preventDefault()} onClick={onClick}>
      {children}
    </button>
  );
}

/**
 * "Table" inserts a 3 × 3 table with a header row; inside a table, rows and columns can be added
 * and removed. Tab and Shift+Tab move between cells (Tab in the last cell adds a row).
 */
export function TableControls({ editor }: { editor: Editor }) {
  const chain = () => editor.chain().focus();
  // Re-rendered when the selection enters or leaves a table, not on every keystroke.
  const inTable = useEditorState({ editor, selector: ({ editor }) => editor.isActive("table") });
  if (!editor.isEditable) return null;
  if (!inTable)
    return (
      <Button label="Insert table" onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}>
        Table
      </Button>
    );
  return (
    <span className="table-controls" role="group" aria-label="Table">
      <Button label="Add row below" onClick={() => chain().addRowAfter().run()}>
        + Row
      </Button>
      <Button label="Add column to the right" onClick={() => chain().addColumnAfter().run()}>
        + Column
      </Button>
      <Button label="Delete row" onClick={() => chain().deleteRow().run()}>
        − Row
      </Button>
      <Button label="Delete column" onClick={() => chain().deleteColumn().run()}>
        − Column
      </Button>
      <Button label="Delete table" onClick={() => chain().deleteTable().run()}>
        Delete table
      </Button>
    </span>
  );
}
