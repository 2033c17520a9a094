import type { KeyCommand } from "~/domain/whys/keyboard";
import type { WhyTreeNode } from "~/domain/whys/tree";
import { ShortcutsHelp } from "./shortcuts-help";

type Props = {
  /** The focused node, which the node buttons act on. */
  current: WhyTreeNode | undefined;
  isEditing: boolean;
  isCollapsed: (id: number) => boolean;
  run: (cmd: KeyCommand, node: WhyTreeNode) => void;
  toggleBranch: (id: number) => void;
  expandAll: () => void;
  zoom: { zoomBy: (factor: number) => void; fit: () => void };
  /** Undefined while there is no tree to export. */
  exportAs: ((kind: "svg" | "png") => void) | undefined;
  helpOpen: boolean;
  onHelpOpenChange: (open: boolean) => void;
};

/** The tree editor's buttons: every keyboard command on the focused node, and the view (zoom, expand, export, help). */
export function WhyTreeToolbar({ current, isEditing, isCollapsed, run, toggleBranch, expandAll, zoom, exportAs, helpOpen, onHelpOpenChange }: Props) {
  const onCurrent = (cmd: KeyCommand) => () => current && run(cmd, current);
  const isRoot = current?.parentId === null;
  return (
    <div className="why-toolbar" role="toolbar" aria-label="Five whys tools">
      <button type="button" onClick={onCurrent("add-child")} disabled={!current || isEditing}>
        Add why below
      </button>
      <button type="button" onClick={onCurrent("add-sibling")} disabled={!current || isEditing || isRoot}>
        Add sibling
      </button>
      <button type="button" onClick={onCurrent("edit")} disabled={!current || isEditing}>
        Edit text
      </button>
      <button type="button" onClick={onCurrent("toggle-root-cause")} disabled={!current || isEditing} aria-pressed={current?.isRootCause ?? false}>
        Root cause
      </button>
      <button type="button" onClick={onCurrent("delete")} disabled={!current || isEditing || isRoot}>
        Delete…
      </button>
      <button
        type="button"
        onClick={() => current && toggleBranch(current.id)}
        disabled={!current || !current.children.length}
        aria-pressed={current ? isCollapsed(current.id) : false}
      >
        Collapse branch
      </button>
      <span className="toolbar-gap" />
      <button type="button" onClick={() => zoom.zoomBy(1.25)} aria-label="Zoom in">
        +
      </button>
      <button type="button" onClick={() => zoom.zoomBy(0.8)} aria-label="Zoom out">
        −
      </button>
      <button type="button" onClick={zoom.fit}>
        Fit to screen
      </button>
      <button type="button" onClick={expandAll}>
        Expand all
      </button>
      <button type="button" onClick={() => exportAs?.("svg")} disabled={!exportAs}>
        Export SVG
      </button>
      <button type="button" onClick={() => exportAs?.("png")} disabled={!exportAs}>
        Export PNG
      </button>
      <ShortcutsHelp open={helpOpen} onOpenChange={onHelpOpenChange} />
    </div>
  );
}
