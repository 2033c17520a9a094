import type { WhyRow, WhyTreeNode } from "~/domain/whys/tree";

/** The id the unsaved draft node is laid out under: no saved why has a negative id. */
export const DRAFT_ID = -1;

/** What is being typed: an existing node's text, or a new node not yet saved. */
export type Editing =
  | { kind: "edit"; id: number; text: string }
  | { kind: "add-child"; parentId: number | null; text: string }
  | { kind: "add-sibling"; siblingId: number; text: string };

/** The draft of a new why, not an edit of an existing one: it is laid out as a node of its own. */
export const isDraft = (editing: Editing | undefined): editing is Exclude<Editing, { kind: "edit" }> => !!editing && editing.kind !== "edit";

/** The first field of an empty tree. */
export const isProblemStatement = (editing: Editing | undefined) => editing?.kind === "add-child" && editing.parentId === null;

/** Rows for layout, with the unsaved draft placed where it will go, so room is made for it while typing. */
export function rowsWithDraft(nodes: readonly WhyTreeNode[], editing: Editing | undefined): WhyRow[] {
  const rows: WhyRow[] = nodes.map(({ id, parentId, position, text, isRootCause, evidence }) => ({ id, parentId, position, text, isRootCause, evidence }));
  if (!isDraft(editing)) return rows;
  const text = editing.text || " ";
  if (editing.kind === "add-child") {
    if (editing.parentId === null) return [{ id: DRAFT_ID, parentId: null, position: 0, text, isRootCause: false, evidence: null }];
    return [...rows, { id: DRAFT_ID, parentId: editing.parentId, position: Number.MAX_SAFE_INTEGER, text, isRootCause: false, evidence: null }];
  }
  const sibling = rows.find((r) => r.id === editing.siblingId);
  return sibling ? [...rows, { id: DRAFT_ID, parentId: sibling.parentId, position: sibling.position + 0.5, text, isRootCause: false, evidence: null }] : rows;
}
