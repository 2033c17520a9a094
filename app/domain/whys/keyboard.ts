import type { WhyTreeNode } from "./tree";

export type KeyCommand =
  | "focus-prev"
  | "focus-next"
  | "focus-parent-or-collapse"
  | "focus-child-or-expand"
  | "focus-first"
  | "focus-last"
  | "expand-all-siblings"
  | "edit"
  | "add-child"
  | "add-sibling"
  | "toggle-root-cause"
  | "choose-category"
  | "delete"
  | "move-up"
  | "move-down"
  | "outdent"
  | "indent"
  | "help"
  | "save"
  | "cancel";

export type KeyInput = { key: string; altKey: boolean; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean };
export type KeyMode = "navigate" | "edit";

const ALT_ARROWS: Record<string, KeyCommand> = { ArrowUp: "move-up", ArrowDown: "move-down", ArrowLeft: "outdent", ArrowRight: "indent" };
const PLAIN: Record<string, KeyCommand> = {
  ArrowUp: "focus-prev",
  ArrowDown: "focus-next",
  ArrowLeft: "focus-parent-or-collapse",
  ArrowRight: "focus-child-or-expand",
  Home: "focus-first",
  End: "focus-last",
  F2: "edit",
  Tab: "add-child",
};
/** Keys typed with Shift on most layouts, so Shift does not change their meaning. */
const SHIFT_AGNOSTIC: Record<string, KeyCommand> = {
  "*": "expand-all-siblings",
  "?": "help",
  r: "toggle-root-cause",
  R: "toggle-root-cause",
  c: "choose-category",
  C: "choose-category",
  Delete: "delete",
  Backspace: "delete",
};

/**
 * The WAI-ARIA tree-view keys plus the editing shortcuts. Anything with Ctrl or Meta belongs to
 * the browser or the OS and is never taken. Shift+Tab is deliberately unmapped so focus can
 * leave the tree backwards (Tab itself adds a child, and Escape or the toolbar let focus out
 * forwards). In edit mode only Enter and Escape mean something; every other key is typing.
 */
export function commandForKey(e: KeyInput, mode: KeyMode): KeyCommand | undefined {
  if (e.ctrlKey || e.metaKey) return undefined;
  if (mode === "edit") {
    if (e.key === "Enter" && !e.shiftKey && !e.altKey) return "save";
    if (e.key === "Escape") return "cancel";
    return undefined;
  }
  if (e.altKey) return e.shiftKey ? undefined : ALT_ARROWS[e.key];
  if (e.key === "Enter") return e.shiftKey ? "add-sibling" : "edit";
  const agnostic = SHIFT_AGNOSTIC[e.key];
  if (agnostic) return agnostic;
  return e.shiftKey ? undefined : PLAIN[e.key];
}

/** A node as the tree currently shows it, in depth-first order. `depth` is 1 for the root (aria-level). */
export type VisibleNode = { id: number; parentId: number | null; depth: number; hasChildren: boolean; expanded: boolean };
export type FocusMove = { focus: number } | { expand: number } | { collapse: number };

/** The nodes a reader can see: depth-first, skipping everything under a collapsed node. */
export function visibleNodes(root: WhyTreeNode | undefined, collapsed: ReadonlySet<number>): VisibleNode[] {
  const out: VisibleNode[] = [];
  const stack: WhyTreeNode[] = root ? [root] : [];
  while (stack.length) {
    const n = stack.pop()!;
    const hasChildren = n.children.length > 0;
    const expanded = hasChildren && !collapsed.has(n.id);
    out.push({ id: n.id, parentId: n.parentId, depth: n.depth, hasChildren, expanded });
    if (expanded) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/**
 * What a navigation command does from `currentId`, following the WAI-ARIA tree pattern:
 * Right expands a closed node, then enters it; Left closes an open node, then goes to the
 * parent. `undefined` means nothing happens (the edge of the tree, a leaf, an unknown id, or a
 * command that is not about focus).
 */
export function nextFocus(visible: readonly VisibleNode[], currentId: number, cmd: KeyCommand): FocusMove | undefined {
  const i = visible.findIndex((n) => n.id === currentId);
  const node = visible[i];
  if (!node) return undefined;
  const focus = (n: VisibleNode | undefined) => (n ? { focus: n.id } : undefined);
  switch (cmd) {
    case "focus-prev":
      return focus(visible[i - 1]);
    case "focus-next":
      return focus(visible[i + 1]);
    case "focus-first":
      return focus(visible[0]);
    case "focus-last":
      return focus(visible.at(-1));
    case "focus-child-or-expand":
      if (!node.hasChildren) return undefined;
      if (!node.expanded) return { expand: node.id };
      return focus(visible[i + 1]?.parentId === node.id ? visible[i + 1] : undefined);
    case "focus-parent-or-collapse":
      if (node.hasChildren && node.expanded) return { collapse: node.id };
      return node.parentId === null ? undefined : focus(visible.find((n) => n.id === node.parentId));
    default:
      return undefined;
  }
}

/** "*": the ids of the current node and its siblings that are closed and have children to show. */
export function siblingsToExpand(visible: readonly VisibleNode[], currentId: number): number[] {
  const node = visible.find((n) => n.id === currentId);
  if (!node) return [];
  return visible.filter((n) => n.parentId === node.parentId && n.depth === node.depth && n.hasChildren && !n.expanded).map((n) => n.id);
}

export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: "↑ / ↓", action: "Previous / next why" },
  { keys: "→", action: "Open a closed why, or go to its first answer" },
  { keys: "←", action: "Close an open why, or go to the why it answers" },
  { keys: "Home / End", action: "First / last why in the tree" },
  { keys: "*", action: "Open this why and all its siblings" },
  { keys: "Enter or F2", action: "Edit this why (Enter saves, Escape cancels)" },
  { keys: "Tab", action: "Add a why under this one (then type, Enter saves)" },
  { keys: "Shift+Enter", action: "Add a why next to this one" },
  { keys: "R", action: "Mark or unmark as a root cause" },
  { keys: "C", action: "Choose a root cause's category (in the panel below the tree)" },
  { keys: "Delete or Backspace", action: "Delete this why and its answers" },
  { keys: "Alt+↑ / Alt+↓", action: "Move up / down among its siblings" },
  { keys: "Alt+←", action: "Move out a level: becomes the next sibling of its parent" },
  { keys: "Alt+→", action: "Move in a level: becomes the last answer of the why above it" },
  { keys: "Shift+Tab", action: "Leave the tree" },
  { keys: "?", action: "Show these shortcuts" },
];
