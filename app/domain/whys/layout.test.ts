import { describe, expect, it } from "vitest";
import { clampLines, layoutWhys, WHY_LAYOUT_DEFAULTS, WHY_LAYOUT_MARGIN, WHY_TYPE, wrapText, type LaidOutWhy } from "./layout";
import { mulberry32, randomInt, randomWhyRows } from "./random-tree";
import { buildWhyTree, flattenWhyTree } from "./tree";
import { whyRow } from "../../../tests/why-rows";

describe("wrapText", () => {
  it("wraps greedily at word boundaries", () => {
    expect(wrapText("the quick brown fox jumps over the lazy dog", 10)).toEqual(["the quick", "brown fox", "jumps over", "the lazy", "dog"]);
    expect(wrapText("abcde fghij", 11)).toEqual(["abcde fghij"]);
    expect(wrapText("abcde fghij", 10)).toEqual(["abcde", "fghij"]);
  });
  it("collapses and trims whitespace", () => {
    expect(wrapText("  a \n\n b\t\tc  ", 30)).toEqual(["a b c"]);
  });
  it("hard-splits words longer than a line, continuing after the last piece", () => {
    expect(wrapText("abcdefghijkl", 5)).toEqual(["abcde", "fghij", "kl"]);
    expect(wrapText("go https://example.com/a/b x", 8)).toEqual(["go", "https://", "example.", "com/a/b", "x"]);
    expect(wrapText("see abcdefghij ok", 5)).toEqual(["see", "abcde", "fghij", "ok"]);
    expect(wrapText("abcdefgh xy", 4)).toEqual(["abcd", "efgh", "xy"]);
  });
  it("counts code points, so emoji and accents are never cut in half", () => {
    expect(wrapText("😀😀😀😀", 2)).toEqual(["😀😀", "😀😀"]);
    expect(wrapText("café déjà", 4)).toEqual(["café", "déjà"]);
  });
  it("gives no lines for blank text and at least one otherwise", () => {
    expect(wrapText("", 10)).toEqual([]);
    expect(wrapText(" \n\t", 10)).toEqual([]);
    expect(wrapText("x", 10)).toEqual(["x"]);
  });
  it("treats a width below 1 (or not a number) as 1", () => {
    expect(wrapText("ab c", 0)).toEqual(["a", "b", "c"]);
    expect(wrapText("ab", Number.NaN)).toEqual(["a", "b"]);
    expect(wrapText("ab cd", 2.9)).toEqual(["ab", "cd"]);
  });
  it("keeps every line within the width and loses no characters (random text)", () => {
    const random = mulberry32(7);
    for (let i = 0; i < 300; i++) {
      const words = Array.from({ length: randomInt(random, 1, 40) }, () => "x".repeat(randomInt(random, 1, 45)));
      const width = randomInt(random, 1, 40);
      const lines = wrapText(words.join(" ".repeat(randomInt(random, 1, 3))), width);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line.length).toBeLessThanOrEqual(width);
        expect(line).toBe(line.trim());
        expect(line).not.toBe("");
      }
      expect(lines.join("").replace(/ /g, "")).toBe(words.join(""));
    }
  });
});

describe("clampLines", () => {
  it("leaves short text alone", () => {
    expect(clampLines(["a", "b"], 2, 10)).toEqual(["a", "b"]);
    expect(clampLines([], 2, 10)).toEqual([]);
  });
  it("cuts to the limit and ends the last line with an ellipsis that still fits", () => {
    expect(clampLines(["one two", "three four", "five"], 2, 10)).toEqual(["one two", "three fou…"]);
    expect(clampLines(["one", "two", "three"], 2, 10)).toEqual(["one", "two…"]);
    expect(clampLines(["one", "two", "three"], 0, 10)).toEqual(["one…"]);
    expect(clampLines(["abc ", "d"], 1, 4)).toEqual(["abc…"]);
  });
});

const D = WHY_LAYOUT_DEFAULTS;
const oneLineHeight = D.lineHeight + 2 * D.paddingY;

describe("layoutWhys", () => {
  it("places a lone problem statement at the margin", () => {
    const { nodes, links, width, height } = layoutWhys(buildWhyTree([whyRow(1, null, 0, { text: "3% of API calls failed for 45 minutes" })])!);
    expect(nodes).toHaveLength(1);
    expect(nodes[0]).toMatchObject({
      id: 1,
      x: WHY_LAYOUT_MARGIN,
      y: WHY_LAYOUT_MARGIN,
      width: D.boxWidth,
      height: 2 * D.lineHeight + 2 * D.paddingY,
      depth: 1,
      hiddenDescendants: 0,
    });
    expect(nodes[0]!.lines).toEqual(["3% of API calls failed for 45", "minutes"]);
    expect(links).toEqual([]);
    expect(width).toBe(D.boxWidth + 2 * WHY_LAYOUT_MARGIN);
    expect(height).toBe(nodes[0]!.height + 2 * WHY_LAYOUT_MARGIN);
  });

  it("puts children one column to the right, centred on their parent, linked edge to edge", () => {
    const { nodes, links, width, height } = layoutWhys(buildWhyTree([whyRow(1, null, 0), whyRow(2, 1, 0), whyRow(3, 1, 1)])!);
    const [root, a, b] = nodes as [LaidOutWhy, LaidOutWhy, LaidOutWhy];
    expect(nodes.map((n) => n.id)).toEqual([1, 2, 3]);
    expect(a.x).toBe(root.x + D.boxWidth + D.levelGap);
    expect(b.x).toBe(a.x);
    expect(b.y - (a.y + a.height)).toBeCloseTo(D.siblingGap);
    expect((a.y + b.y + b.height) / 2).toBeCloseTo(root.y + root.height / 2);
    expect(Math.min(...nodes.map((n) => n.y))).toBe(WHY_LAYOUT_MARGIN);
    expect(width).toBe(2 * D.boxWidth + D.levelGap + 2 * WHY_LAYOUT_MARGIN);
    expect(height).toBeCloseTo(2 * oneLineHeight + D.siblingGap + 2 * WHY_LAYOUT_MARGIN);
    expect(links.map((l) => [l.sourceId, l.targetId])).toEqual([
      [1, 2],
      [1, 3],
    ]);
    const numbers = links[0]!.d.match(/-?[\d.]+/g)!.map(Number);
    expect(numbers).toHaveLength(8);
    expect(numbers[0]).toBeCloseTo(root.x + root.width, 1);
    expect(numbers[1]).toBeCloseTo(root.y + root.height / 2, 1);
    expect(numbers[6]).toBeCloseTo(a.x, 1);
    expect(numbers[7]).toBeCloseTo(a.y + a.height / 2, 1);
  });

  it("keeps cousins 1.5 gaps apart", () => {
    const { nodes } = layoutWhys(buildWhyTree([whyRow(1, null, 0), whyRow(2, 1, 0), whyRow(3, 1, 1), whyRow(4, 2, 0), whyRow(5, 3, 0)])!);
    const [c1, c2] = [nodes.find((n) => n.id === 4)!, nodes.find((n) => n.id === 5)!];
    expect(c2.y - (c1.y + c1.height)).toBeCloseTo(D.siblingGap * 1.5);
  });

  it("lists nodes depth-first and carries the tree node and its depth", () => {
    const rows = [whyRow(1, null, 0), whyRow(2, 1, 0), whyRow(3, 1, 1), whyRow(4, 2, 0), whyRow(5, 4, 0)];
    const root = buildWhyTree(rows)!;
    const { nodes } = layoutWhys(root);
    expect(nodes.map((n) => n.id)).toEqual(flattenWhyTree(root).map((n) => n.id));
    expect(nodes.map((n) => n.depth)).toEqual([1, 2, 3, 4, 2]);
    expect(nodes[2]!.node).toBe(root.children[0]!.children[0]);
  });

  it("lays out only down to collapsed nodes and says how much they hide", () => {
    const rows = [whyRow(1, null, 0), whyRow(2, 1, 0), whyRow(3, 1, 1), whyRow(4, 2, 0), whyRow(5, 4, 0), whyRow(6, 4, 1)];
    const { nodes, links } = layoutWhys(buildWhyTree(rows)!, { collapsed: new Set([2, 3, 5]) });
    expect(nodes.map((n) => [n.id, n.hiddenDescendants])).toEqual([
      [1, 0],
      [2, 3],
      [3, 0],
    ]);
    expect(links.map((l) => l.targetId)).toEqual([2, 3]);
    expect(layoutWhys(buildWhyTree(rows)!, { collapsed: new Set([1]) }).nodes.map((n) => [n.id, n.hiddenDescendants])).toEqual([[1, 5]]);
  });

  it("cuts long text at maxLines with an ellipsis and sizes the box to the lines", () => {
    const text = "word ".repeat(200);
    const { nodes } = layoutWhys(buildWhyTree([whyRow(1, null, 0, { text: text })])!, { maxLines: 3, charsPerLine: 10, lineHeight: 20, paddingY: 5 });
    expect(nodes[0]!.lines).toEqual(["word word", "word word", "word word…"]);
    expect(nodes[0]!.height).toBe(3 * 20 + 2 * 5);
    expect(layoutWhys(buildWhyTree([whyRow(1, null, 0, { text: text })])!).nodes[0]!.lines).toHaveLength(D.maxLines);
  });

  it("gives blank text a one-line box", () => {
    const { nodes } = layoutWhys(buildWhyTree([whyRow(1, null, 0, { text: "   " })])!);
    expect(nodes[0]).toMatchObject({ lines: [], height: oneLineHeight });
  });

  it("honours the size options and ignores options given as undefined", () => {
    const rows = [whyRow(1, null, 0), whyRow(2, 1, 0)];
    const { nodes } = layoutWhys(buildWhyTree(rows)!, { levelGap: 10, boxWidth: undefined, maxLines: undefined });
    expect(nodes[1]!.x - nodes[0]!.x).toBe(D.boxWidth + 10);
    const custom = layoutWhys(buildWhyTree(rows)!, { boxWidth: 100, levelGap: 10, collapsed: undefined });
    expect(custom.nodes[1]!.x - custom.nodes[0]!.x).toBe(110);
    expect(custom.nodes[0]!.width).toBe(100);
    expect(custom.width).toBe(210 + 2 * WHY_LAYOUT_MARGIN);
  });

  describe("never overlaps boxes (random trees)", () => {
    const intersects = (a: LaidOutWhy, b: LaidOutWhy) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

    const cases: [size: number, seed: number, collapse: boolean][] = [];
    for (const size of [1, 2, 50, 500]) for (const seed of [1, 2, 3]) for (const collapse of [false, true]) cases.push([size, size * 100 + seed, collapse]);

    it.each(cases)("%i nodes, seed %i, some collapsed: %s", (size, seed, collapse) => {
      const random = mulberry32(seed);
      const rows = randomWhyRows(random, size, { shape: seed % 2 ? "random" : "breadth-first", textLength: [1, 500] });
      const collapsed = new Set(collapse ? rows.filter(() => random() < 0.1).map((r) => r.id) : []);
      const options =
        random() < 0.5
          ? {}
          : {
              boxWidth: randomInt(random, 80, 300),
              siblingGap: randomInt(random, 0, 30),
              levelGap: randomInt(random, 1, 100),
              maxLines: randomInt(random, 1, 12),
            };
      const layout = layoutWhys(buildWhyTree(rows)!, { ...options, collapsed });
      const { nodes, links, width, height } = layout;

      const shown = visibleCount(buildWhyTree(rows)!, collapsed);
      expect(nodes).toHaveLength(shown);
      expect(links).toHaveLength(shown - 1);
      for (const n of nodes) {
        for (const v of [n.x, n.y, n.width, n.height]) {
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
        }
        expect(n.x + n.width).toBeLessThanOrEqual(width - WHY_LAYOUT_MARGIN + 1e-6);
        expect(n.y + n.height).toBeLessThanOrEqual(height - WHY_LAYOUT_MARGIN + 1e-6);
      }
      expect(Math.min(...nodes.map((n) => n.x))).toBeCloseTo(WHY_LAYOUT_MARGIN);
      expect(Math.min(...nodes.map((n) => n.y))).toBeCloseTo(WHY_LAYOUT_MARGIN);
      for (let i = 0; i < nodes.length; i++)
        for (let j = i + 1; j < nodes.length; j++) if (intersects(nodes[i]!, nodes[j]!)) expect.fail(`boxes ${nodes[i]!.id} and ${nodes[j]!.id} overlap`);

      const byId = new Map(nodes.map((n) => [n.id, n]));
      for (const l of links) {
        const [parent, child] = [byId.get(l.sourceId)!, byId.get(l.targetId)!];
        expect(child.node.parentId).toBe(parent.id);
        expect(parent.x + parent.width).toBeLessThan(child.x);
        expect(l.d).toMatch(/^M[\d.e+-]+,[\d.e+-]+C/);
        expect(l.d).not.toMatch(/NaN|Infinity/);
      }
    });
  });
});

function visibleCount(root: ReturnType<typeof buildWhyTree> & object, collapsed: ReadonlySet<number>): number {
  return 1 + (collapsed.has(root.id) ? 0 : root.children.reduce((sum, c) => sum + visibleCount(c, collapsed), 0));
}

describe("layoutWhys keeps labels inside the drawing", () => {
  it("gives a root cause's box a label line above its text", () => {
    const plain = layoutWhys(buildWhyTree([whyRow(1, null, 0, { text: "one line" })])!).nodes[0]!;
    const cause = layoutWhys(buildWhyTree([whyRow(1, null, 0, { text: "one line", isRootCause: true })])!).nodes[0]!;
    expect(cause.height - plain.height).toBe(WHY_TYPE.labelLine);
    expect(cause.textTop - plain.textTop).toBe(WHY_TYPE.labelLine);
    expect(plain.textTop).toBe(D.paddingY);
  });

  it("widens the drawing for the +N after a collapsed node in the last column", () => {
    const rows = [whyRow(1, null, 0), whyRow(2, 1, 0), ...Array.from({ length: 12 }, (_, i) => whyRow(3 + i, 2, i))];
    const open = layoutWhys(buildWhyTree(rows)!);
    const shut = layoutWhys(buildWhyTree(rows)!, { collapsed: new Set([2]) });
    // "+12": three characters after the gap, instead of a third column.
    expect(shut.width).toBe(2 * D.boxWidth + D.levelGap + WHY_TYPE.hiddenCountGap + 3 * WHY_TYPE.hiddenCountChar + 2 * WHY_LAYOUT_MARGIN);
    expect(open.width).toBe(3 * D.boxWidth + 2 * D.levelGap + 2 * WHY_LAYOUT_MARGIN);
  });
});
