import { useState } from "react";
import { nextFocus, siblingsToExpand, visibleNodes, type KeyCommand } from "~/domain/whys/keyboard";
import type { WhyTreeNode } from "~/domain/whys/tree";
import type { CollapsedBranches } from "./use-collapsed";
import type { OpFeedback } from "./use-op-feedback";
import type { TreeFocus } from "./use-tree-focus";
import type { WhyEditing } from "./use-why-editing";
import type { WhyOp } from "./use-why-ops";

type Deps = {
  root: WhyTreeNode | undefined;
  submit: (op: WhyOp) => void;
  focus: TreeFocus;
  branches: CollapsedBranches;
  edits: WhyEditing;
  feedback: OpFeedback;
  /** Moves focus to the selected root cause's category select. */
  focusCategory: () => void;
};

/** A deletion the author can still undo. */
type Undoable = { trashId: number; removed: number; parentId: number | null };

/** What each command of the keyboard map and the toolbar does to a node, and the delete / undo / help state they open. */
export function useWhyCommands({ root, submit, focus, branches, edits, feedback, focusCategory }: Deps) {
  const [confirmDelete, setConfirmDelete] = useState<WhyTreeNode | undefined>();
  const [undo, setUndo] = useState<Undoable | undefined>();
  const [helpOpen, setHelpOpen] = useState(false);
  const { after, announce, setError } = feedback;

  const restructure = (node: WhyTreeNode, how: "up" | "down" | "indent" | "outdent") =>
    submit({ intent: "restructure-why", fields: { id: node.id, how }, onDone: after(() => focus.refocus(node.id)) });

  const toggleRootCause = (node: WhyTreeNode) =>
    submit({
      intent: "set-root-cause",
      fields: { id: node.id, isRootCause: String(!node.isRootCause) },
      onDone: after(() => {
        focus.refocus(node.id);
        announce(node.isRootCause ? "No longer a root cause." : "Marked as a root cause.");
      }),
    });

  const deleteNode = (node: WhyTreeNode) => {
    setConfirmDelete(undefined);
    submit({
      intent: "delete-why",
      fields: { id: node.id },
      onDone: after((r) => {
        setUndo({ trashId: r.trashId!, removed: r.removed ?? 1, parentId: node.parentId });
        if (node.parentId !== null) focus.focusNode(node.parentId);
      }),
    });
  };

  const undoDelete = () => {
    if (!undo) return;
    const { trashId } = undo;
    submit({
      intent: "undo-delete-why",
      fields: { trashId },
      onDone: after(() => {
        setUndo(undefined);
        announce("Restored.");
      }),
    });
  };

  const run = (cmd: KeyCommand, node: WhyTreeNode) => {
    switch (cmd) {
      case "edit":
        return edits.startEdit(node);
      case "add-child":
        return edits.startAddChild(node);
      case "add-sibling":
        return node.parentId === null ? edits.startAddChild(node) : edits.startAddSibling(node);
      case "toggle-root-cause":
        return toggleRootCause(node);
      case "choose-category":
        return node.isRootCause ? focusCategory() : setError("Only a root cause has a category: press R to mark this why as one first.");
      case "delete":
        return node.parentId === null ? setError("The problem statement cannot be deleted; edit it instead.") : setConfirmDelete(node);
      case "move-up":
        return restructure(node, "up");
      case "move-down":
        return restructure(node, "down");
      case "indent":
        return restructure(node, "indent");
      case "outdent":
        return restructure(node, "outdent");
      case "help":
        return setHelpOpen(true);
      case "expand-all-siblings":
        return branches.expand(siblingsToExpand(visibleNodes(root, branches.collapsed), node.id));
      default: {
        const move = nextFocus(visibleNodes(root, branches.collapsed), node.id, cmd);
        if (!move) return;
        if ("focus" in move) return focus.focusNode(move.focus);
        if ("expand" in move) return branches.expand([move.expand]);
        return branches.collapse(move.collapse);
      }
    }
  };

  return {
    run,
    undo,
    undoDelete,
    confirmDelete,
    deleteNode,
    cancelDelete: () => {
      if (!confirmDelete) return;
      setConfirmDelete(undefined);
      focus.focusNode(confirmDelete.id);
    },
    helpOpen,
    setHelpOpen,
  };
}

export type WhyCommands = ReturnType<typeof useWhyCommands>;
