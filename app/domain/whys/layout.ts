import { hierarchy, tree, type HierarchyPointNode } from "d3-hierarchy";
import { linkHorizontal } from "d3-shape";
import type { WhyTreeNode } from "./tree";

/**
 * Greedy word wrap by characters (code points, so emoji and accents are not cut in half).
 * Runs of whitespace collapse to one space; a word longer than a line starts a new line and is
 * hard-split. Blank text gives no lines.
 */
export function wrapText(text: string, maxChars: number): string[] {
  const limit = Number.isFinite(maxChars) ? Math.max(1, Math.floor(maxChars)) : 1;
  const lines: string[] = [];
  let line = "";
  let lineLength = 0;
  for (const word of text.split(/\s+/)) {
    if (!word) continue;
    const length = SURROGATE.test(word) ? Array.from(word).length : word.length;
    if (lineLength && lineLength + 1 + length <= limit) {
      line += ` ${word}`;
      lineLength += 1 + length;
      continue;
    }
    if (lineLength) lines.push(line);
    if (length <= limit) {
      line = word;
      lineLength = length;
      continue;
    }
    const chars = Array.from(word);
    let i = 0;
    for (; i + limit < chars.length; i += limit) lines.push(chars.slice(i, i + limit).join(""));
    line = chars.slice(i).join("");
    lineLength = chars.length - i;
  }
  if (lineLength) lines.push(line);
  return lines;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** At most `maxLines` lines; when text was cut, the last line ends with "…" and still fits. */
export function clampLines(lines: readonly string[], maxLines: number, maxChars: number): string[] {
  const keep = Math.max(1, Math.floor(maxLines));
  if (lines.length <= keep) return [...lines];
  const kept = lines.slice(0, keep);
  const last = Array.from(kept[keep - 1]!);
  kept[keep - 1] = `${last
    .slice(0, Math.max(0, Math.floor(maxChars) - 1))
    .join("")
    .trimEnd()}…`;
  return kept;
}

export type WhyLayoutOptions = {
  /** Width of every box, px. Default 264. */
  boxWidth?: number;
  /** Characters per wrapped line; pick it to fit `boxWidth` in the font used. Default 30. */
  charsPerLine?: number;
  /** Default 20. */
  lineHeight?: number;
  /** Space above and below the text inside a box. Default 10. */
  paddingY?: number;
  /** Horizontal gap between columns (depths). Default 64. */
  levelGap?: number;
  /** Vertical gap between sibling boxes; 1.5× between cousins. Default 14. */
  siblingGap?: number;
  /** Nodes whose answers are hidden. */
  collapsed?: ReadonlySet<number>;
  /** Lines shown before the text is cut with "…". Default 8. */
  maxLines?: number;
};

export const WHY_LAYOUT_DEFAULTS = { boxWidth: 264, charsPerLine: 30, lineHeight: 20, paddingY: 10, levelGap: 64, siblingGap: 14, maxLines: 8 } as const;
export const WHY_LAYOUT_MARGIN = 16;

/**
 * Type sizes the drawing uses, in px at 100 % zoom. The layout needs them too: a root cause's box
 * has a label line above its text, and a collapsed node's "+N" sits right of its box, and both must
 * lie inside the computed width and height (the SVG's viewBox), or the page would cut them off.
 */
export const WHY_TYPE = {
  text: 14,
  label: 12,
  /** Height of the "ROOT CAUSE" line inside a root cause's box, above its text. */
  labelLine: 18,
  /** Left (and right) padding of the text inside a box. */
  paddingX: 12,
  /** Room for the "+N" after a collapsed node's box, per character, and the gap before it. */
  hiddenCountChar: 8,
  hiddenCountGap: 6,
} as const;

export type LaidOutWhy = {
  id: number;
  /** Top-left corner of the box. */
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
  /** WhyTreeNode.depth: 1 for the problem statement, as aria-level. */
  depth: number;
  node: WhyTreeNode;
  /** How many nodes a collapsed node hides (0 when expanded or a leaf). */
  hiddenDescendants: number;
  /** Offset of the first text line's top inside the box (below the "ROOT CAUSE" label on root causes). */
  textTop: number;
};
export type WhyLink = { sourceId: number; targetId: number; d: string };
export type WhyLayout = { nodes: LaidOutWhy[]; links: WhyLink[]; width: number; height: number };

function countDescendants(node: WhyTreeNode): number {
  let count = 0;
  const stack = [...node.children];
  while (stack.length) {
    const n = stack.pop()!;
    count++;
    stack.push(...n.children);
  }
  return count;
}

/** Tenths of a pixel are plenty on screen and keep server-rendered paths short. */
const curve = linkHorizontal().digits(1);

/**
 * A horizontal tidy tree: the problem statement on the left, each answer one column to the
 * right. d3's tree() lays out breadth along x, so its x is our vertical axis and its y our
 * horizontal one. Boxes have different heights, so the breadth unit is 1 px and separation
 * is the two half-heights plus a gap; Reingold–Tilford then keeps every pair of neighbouring
 * boxes in a column that far apart, which is what makes overlaps impossible.
 */
export function layoutWhys(root: WhyTreeNode, options: WhyLayoutOptions = {}): WhyLayout {
  const { boxWidth, charsPerLine, lineHeight, paddingY, levelGap, siblingGap, maxLines } = { ...WHY_LAYOUT_DEFAULTS, ...withoutUndefined(options) };
  const collapsed = options.collapsed ?? new Set<number>();
  /** Width the "+N" of a collapsed node adds right of its box. */
  const hiddenCountWidth = (n: WhyTreeNode) =>
    collapsed.has(n.id) && n.children.length ? WHY_TYPE.hiddenCountGap + WHY_TYPE.hiddenCountChar * (1 + String(countDescendants(n)).length) : 0;

  const boxes = new Map<number, { lines: string[]; height: number }>();
  const h = hierarchy(root, (n) => (collapsed.has(n.id) ? null : n.children));
  h.each((n) => {
    const lines = clampLines(wrapText(n.data.text, charsPerLine), maxLines, charsPerLine);
    const label = n.data.isRootCause ? WHY_TYPE.labelLine : 0;
    boxes.set(n.data.id, { lines, height: label + Math.max(1, lines.length) * lineHeight + 2 * paddingY });
  });
  const half = (n: HierarchyPointNode<WhyTreeNode>) => boxes.get(n.data.id)!.height / 2;

  const laid = tree<WhyTreeNode>()
    .nodeSize([1, boxWidth + levelGap])
    .separation((a, b) => half(a) + half(b) + (a.parent === b.parent ? siblingGap : siblingGap * 1.5))(h);

  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  laid.each((n) => {
    minX = Math.min(minX, n.y);
    maxX = Math.max(maxX, n.y + boxWidth + hiddenCountWidth(n.data));
    minY = Math.min(minY, n.x - half(n));
    maxY = Math.max(maxY, n.x + half(n));
  });
  const dx = WHY_LAYOUT_MARGIN - minX;
  const dy = WHY_LAYOUT_MARGIN - minY;

  const nodes: LaidOutWhy[] = [];
  const links: WhyLink[] = [];
  const byId = new Map<number, LaidOutWhy>();
  laid.eachBefore((n) => {
    const box = boxes.get(n.data.id)!;
    const isCollapsed = collapsed.has(n.data.id) && n.data.children.length > 0;
    const out: LaidOutWhy = {
      id: n.data.id,
      x: n.y + dx,
      y: n.x - box.height / 2 + dy,
      width: boxWidth,
      height: box.height,
      lines: box.lines,
      depth: n.data.depth,
      node: n.data,
      hiddenDescendants: isCollapsed ? countDescendants(n.data) : 0,
      textTop: paddingY + (n.data.isRootCause ? WHY_TYPE.labelLine : 0),
    };
    nodes.push(out);
    byId.set(out.id, out);
    const source = n.parent && byId.get(n.parent.data.id);
    if (source) {
      const d = curve({ source: [source.x + source.width, source.y + source.height / 2], target: [out.x, out.y + out.height / 2] }) ?? "";
      links.push({ sourceId: source.id, targetId: out.id, d });
    }
  });

  return { nodes, links, width: maxX - minX + 2 * WHY_LAYOUT_MARGIN, height: maxY - minY + 2 * WHY_LAYOUT_MARGIN };
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
