import { describe, expect, it } from "vitest";
import { commandForKey, nextFocus, SHORTCUTS, siblingsToExpand, visibleNodes, type KeyCommand, type KeyInput, type VisibleNode } from "./keyboard";
import { buildWhyTree } from "./tree";
import { whyRow } from "../../../tests/why-rows";

type Mods = Partial<Omit<KeyInput, "key">>;
const key = (k: string, mods: Mods = {}): KeyInput => ({ key: k, altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, ...mods });

describe("commandForKey in navigate mode", () => {
  const table: [string, Mods, KeyCommand | undefined][] = [
    ["ArrowUp", {}, "focus-prev"],
    ["ArrowDown", {}, "focus-next"],
    ["ArrowLeft", {}, "focus-parent-or-collapse"],
    ["ArrowRight", {}, "focus-child-or-expand"],
    ["Home", {}, "focus-first"],
    ["End", {}, "focus-last"],
    ["*", {}, "expand-all-siblings"],
    ["*", { shiftKey: true }, "expand-all-siblings"],
    ["Enter", {}, "edit"],
    ["F2", {}, "edit"],
    ["Tab", {}, "add-child"],
    ["Enter", { shiftKey: true }, "add-sibling"],
    ["r", {}, "toggle-root-cause"],
    ["R", {}, "toggle-root-cause"],
    ["R", { shiftKey: true }, "toggle-root-cause"],
    ["c", {}, "choose-category"],
    ["C", { shiftKey: true }, "choose-category"],
    ["c", { ctrlKey: true }, undefined],
    ["Delete", {}, "delete"],
    ["Backspace", {}, "delete"],
    ["ArrowUp", { altKey: true }, "move-up"],
    ["ArrowDown", { altKey: true }, "move-down"],
    ["ArrowLeft", { altKey: true }, "outdent"],
    ["ArrowRight", { altKey: true }, "indent"],
    ["?", {}, "help"],
    ["?", { shiftKey: true }, "help"],
    // Left alone: focus leaving the tree, browser and OS shortcuts, text selection, stray keys.
    ["Tab", { shiftKey: true }, undefined],
    ["r", { ctrlKey: true }, undefined],
    ["r", { metaKey: true }, undefined],
    ["r", { altKey: true }, undefined],
    ["ArrowLeft", { metaKey: true }, undefined],
    ["ArrowUp", { ctrlKey: true, altKey: true }, undefined],
    ["ArrowUp", { altKey: true, shiftKey: true }, undefined],
    ["ArrowDown", { shiftKey: true }, undefined],
    ["Home", { shiftKey: true }, undefined],
    ["Enter", { ctrlKey: true }, undefined],
    ["Enter", { altKey: true }, undefined],
    ["Tab", { altKey: true }, undefined],
    ["Escape", {}, undefined],
    ["a", {}, undefined],
    ["x", {}, undefined],
    [" ", {}, undefined],
  ];
  it.each(table)("%s %j → %s", (k, mods, command) => {
    expect(commandForKey(key(k, mods), "navigate")).toBe(command);
  });
});

describe("commandForKey in edit mode", () => {
  const table: [string, Mods, KeyCommand | undefined][] = [
    ["Enter", {}, "save"],
    ["Escape", {}, "cancel"],
    ["Escape", { shiftKey: true }, "cancel"],
    ["Enter", { shiftKey: true }, undefined],
    ["Enter", { altKey: true }, undefined],
    ["Enter", { ctrlKey: true }, undefined],
    ["Escape", { metaKey: true }, undefined],
    ["r", {}, undefined],
    ["?", {}, undefined],
    ["Tab", {}, undefined],
    ["Delete", {}, undefined],
    ["Backspace", {}, undefined],
    ["ArrowUp", {}, undefined],
    ["ArrowUp", { altKey: true }, undefined],
    ["Home", {}, undefined],
    ["F2", {}, undefined],
  ];
  it.each(table)("%s %j → %s", (k, mods, command) => {
    expect(commandForKey(key(k, mods), "edit")).toBe(command);
  });
});

//  1 ─┬─ 2 ─┬─ 4
//     │     └─ 5 ── 7
//     └─ 3 ── 6
const TREE = buildWhyTree([whyRow(1, null, 0), whyRow(2, 1, 0), whyRow(3, 1, 1), whyRow(4, 2, 0), whyRow(5, 2, 1), whyRow(6, 3, 0), whyRow(7, 5, 0)]);

describe("visibleNodes", () => {
  it("lists every node depth-first when nothing is collapsed", () => {
    expect(visibleNodes(TREE, new Set())).toEqual([
      { id: 1, parentId: null, depth: 1, hasChildren: true, expanded: true },
      { id: 2, parentId: 1, depth: 2, hasChildren: true, expanded: true },
      { id: 4, parentId: 2, depth: 3, hasChildren: false, expanded: false },
      { id: 5, parentId: 2, depth: 3, hasChildren: true, expanded: true },
      { id: 7, parentId: 5, depth: 4, hasChildren: false, expanded: false },
      { id: 3, parentId: 1, depth: 2, hasChildren: true, expanded: true },
      { id: 6, parentId: 3, depth: 3, hasChildren: false, expanded: false },
    ]);
  });
  it("hides everything under a collapsed node", () => {
    const visible = visibleNodes(TREE, new Set([2]));
    expect(visible.map((n) => n.id)).toEqual([1, 2, 3, 6]);
    expect(visible[1]).toMatchObject({ id: 2, hasChildren: true, expanded: false });
    expect(visibleNodes(TREE, new Set([1])).map((n) => n.id)).toEqual([1]);
  });
  it("ignores collapsed leaves and unknown ids, and is empty without a tree", () => {
    expect(visibleNodes(TREE, new Set([4, 99])).map((n) => n.id)).toEqual([1, 2, 4, 5, 7, 3, 6]);
    expect(visibleNodes(TREE, new Set([4]))[2]!.expanded).toBe(false);
    expect(visibleNodes(undefined, new Set())).toEqual([]);
  });
});

describe("nextFocus", () => {
  const all = visibleNodes(TREE, new Set());
  const closed2 = visibleNodes(TREE, new Set([2]));

  it("moves to the previous and next visible node, stopping at the ends", () => {
    expect(nextFocus(all, 4, "focus-prev")).toEqual({ focus: 2 });
    expect(nextFocus(all, 7, "focus-next")).toEqual({ focus: 3 });
    expect(nextFocus(closed2, 2, "focus-next")).toEqual({ focus: 3 });
    expect(nextFocus(all, 1, "focus-prev")).toBeUndefined();
    expect(nextFocus(all, 6, "focus-next")).toBeUndefined();
  });
  it("jumps to the first and last visible node", () => {
    expect(nextFocus(all, 5, "focus-first")).toEqual({ focus: 1 });
    expect(nextFocus(all, 5, "focus-last")).toEqual({ focus: 6 });
    expect(nextFocus(visibleNodes(TREE, new Set([3])), 1, "focus-last")).toEqual({ focus: 3 });
  });
  it("right: expands a closed node, enters an open one, does nothing on a leaf", () => {
    expect(nextFocus(closed2, 2, "focus-child-or-expand")).toEqual({ expand: 2 });
    expect(nextFocus(all, 2, "focus-child-or-expand")).toEqual({ focus: 4 });
    expect(nextFocus(all, 4, "focus-child-or-expand")).toBeUndefined();
  });
  it("left: collapses an open node, otherwise goes to the parent; nothing at a closed or leaf root", () => {
    expect(nextFocus(all, 2, "focus-parent-or-collapse")).toEqual({ collapse: 2 });
    expect(nextFocus(closed2, 2, "focus-parent-or-collapse")).toEqual({ focus: 1 });
    expect(nextFocus(all, 7, "focus-parent-or-collapse")).toEqual({ focus: 5 });
    expect(nextFocus(all, 1, "focus-parent-or-collapse")).toEqual({ collapse: 1 });
    expect(nextFocus(visibleNodes(TREE, new Set([1])), 1, "focus-parent-or-collapse")).toBeUndefined();
    const lone = visibleNodes(buildWhyTree([whyRow(1, null, 0)]), new Set());
    expect(nextFocus(lone, 1, "focus-parent-or-collapse")).toBeUndefined();
    expect(nextFocus(lone, 1, "focus-child-or-expand")).toBeUndefined();
  });
  it("returns undefined for unknown ids and commands that are not about focus", () => {
    expect(nextFocus(all, 99, "focus-next")).toBeUndefined();
    expect(nextFocus([], 1, "focus-first")).toBeUndefined();
    for (const cmd of ["edit", "add-child", "delete", "move-up", "expand-all-siblings", "save"] as const) expect(nextFocus(all, 2, cmd)).toBeUndefined();
  });
});

describe("siblingsToExpand", () => {
  it("lists the closed siblings (including the node itself) that have children", () => {
    const visible = visibleNodes(TREE, new Set([2, 3]));
    expect(siblingsToExpand(visible, 2)).toEqual([2, 3]);
    expect(siblingsToExpand(visibleNodes(TREE, new Set([3])), 2)).toEqual([3]);
  });
  it("is empty for the open root, leaves without closed siblings, and unknown ids", () => {
    const visible: VisibleNode[] = visibleNodes(TREE, new Set());
    expect(siblingsToExpand(visible, 1)).toEqual([]);
    expect(siblingsToExpand(visible, 4)).toEqual([]);
    expect(siblingsToExpand(visible, 99)).toEqual([]);
    expect(siblingsToExpand(visibleNodes(TREE, new Set([1])), 1)).toEqual([1]);
  });
});

describe("SHORTCUTS", () => {
  it("documents every navigate-mode command once the help lists it", () => {
    const text = SHORTCUTS.map((s) => `${s.keys} ${s.action}`).join("\n");
    for (const needle of ["Tab", "Shift+Enter", "F2", "Alt+←", "Alt+→", "Alt+↑", "Home", "*", "?", "Delete", "R"]) expect(text).toContain(needle);
    expect(SHORTCUTS).toContainEqual({ keys: "Tab", action: "Add a why under this one (then type, Enter saves)" });
    expect(new Set(SHORTCUTS.map((s) => s.keys)).size).toBe(SHORTCUTS.length);
    for (const s of SHORTCUTS) expect(s.action.length).toBeGreaterThan(5);
  });
});
