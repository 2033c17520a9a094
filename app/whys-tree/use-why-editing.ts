import { useState } from "react";
import { LIMITS, tooLongMessage } from "~/domain/limits";
import type { WhyTreeNode } from "~/domain/whys/tree";
import type { Editing } from "./draft-rows";
import type { OpFeedback } from "./use-op-feedback";
import type { TreeFocus } from "./use-tree-focus";
import type { WhyOp } from "./use-why-ops";

type Deps = {
  root: WhyTreeNode | undefined;
  byId: ReadonlyMap<number, WhyTreeNode>;
  submit: (op: WhyOp) => void;
  focus: TreeFocus;
  feedback: OpFeedback;
  expand: (ids: Iterable<number>) => void;
};

/** The inline text field: which why is being typed (an edit or a new one), and saving or cancelling it. */
export function useWhyEditing({ root, byId, submit, focus, feedback, expand }: Deps) {
  const [editing, setEditing] = useState<Editing | undefined>(root ? undefined : { kind: "add-child", parentId: null, text: "" });
  // The empty tree's problem-statement field waits for the author; fields opened by a command take focus.
  const [takesFocus, setTakesFocus] = useState(!!root);
  const { setError, after, announce } = feedback;

  const start = (next: Editing) => {
    setTakesFocus(true);
    setEditing(next);
  };

  const cancel = () => {
    if (!root) return;
    setEditing(undefined);
    setError(undefined);
    focus.requestDomFocus();
  };

  const save = () => {
    if (!editing) return;
    const text = editing.text.trim();
    if (!text) return setError("Say why — the text is required");
    // Refused here with the limit named (the server refuses it too); the text stays in the field.
    if (text.length > LIMITS.whyText) return setError(`${tooLongMessage("This why", text.length, LIMITS.whyText)} Put the detail in the evidence.`);
    const onDone = after((r) => {
      setEditing(undefined);
      if (r.nodeId) focus.focusNode(r.nodeId);
      announce(editing.kind === "edit" ? "Saved." : "Added.");
    });
    if (editing.kind === "edit") submit({ intent: "edit-why", fields: { id: editing.id, text, evidence: byId.get(editing.id)?.evidence ?? "" }, onDone });
    else if (editing.kind === "add-child") submit({ intent: "add-why", fields: { parentId: editing.parentId ?? "", text }, onDone });
    else submit({ intent: "add-sibling-why", fields: { siblingId: editing.siblingId, text }, onDone });
  };

  return {
    editing,
    takesFocus,
    setText: (text: string) => editing && setEditing({ ...editing, text }),
    startEdit: (node: WhyTreeNode) => start({ kind: "edit", id: node.id, text: node.text }),
    startAddChild: (parent: WhyTreeNode) => {
      expand([parent.id]);
      start({ kind: "add-child", parentId: parent.id, text: "" });
    },
    startAddSibling: (sibling: WhyTreeNode) => start({ kind: "add-sibling", siblingId: sibling.id, text: "" }),
    save,
    cancel,
  };
}

export type WhyEditing = ReturnType<typeof useWhyEditing>;
