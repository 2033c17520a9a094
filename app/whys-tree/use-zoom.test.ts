import { describe, expect, it } from "vitest";
import { followLayout, startView } from "./use-zoom";

const view = { width: 1000, height: 400 };
const box = (id: number, x: number, y: number) => ({ id, x, y, width: 264, height: 60 });
/** Every point of a content box of `size` is on screen under transform `t`. */
const allVisible = (t: { x: number; y: number; k: number }, size: { width: number; height: number }) =>
  t.x >= 0 && t.y >= 0 && t.x + size.width * t.k <= view.width + 1e-9 && t.y + size.height * t.k <= view.height + 1e-9;

describe("followLayout", () => {
  it("holds the node being worked on still when the layout moves it, and keeps a tree that fits in view", () => {
    const t = followLayout(
      { x: 0, y: 0, k: 1 },
      view,
      { before: { width: 700, height: 200 }, after: { width: 700, height: 260 } },
      { before: box(1, 16, 100), after: box(1, 16, 130) },
    );
    // Holding the node still would push the top of the tree 30 px above the view: it is panned back just enough.
    expect(t).toEqual({ x: 0, y: 0, k: 1 });
    const held = followLayout(
      { x: 100, y: 100, k: 1 },
      view,
      { before: { width: 700, height: 200 }, after: { width: 700, height: 260 } },
      { before: box(1, 16, 100), after: box(1, 16, 130) },
    );
    expect(held).toEqual({ x: 100, y: 70, k: 1 });
    expect(held.y + 130).toBe(100 + 100); // the node's screen position did not change
  });

  it("zooms out, down to a readable scale, when a tree that was all in view outgrows it", () => {
    const t = followLayout(
      { x: 0, y: 0, k: 1 },
      view,
      { before: { width: 990, height: 300 }, after: { width: 1320, height: 300 } },
      { before: box(5, 700, 100), after: box(-1, 1040, 100) },
    );
    expect(t.k).toBeCloseTo(1000 / 1320);
    expect(allVisible(t, { width: 1320, height: 300 })).toBe(true);
    // Too big to read at half size: no zoom change; the new node is panned into view instead.
    const huge = followLayout(
      { x: 0, y: 0, k: 1 },
      view,
      { before: { width: 990, height: 300 }, after: { width: 3000, height: 300 } },
      { before: undefined, after: box(-1, 2700, 100) },
    );
    expect(huge.k).toBe(1);
    expect(huge.x + 2700 + 264).toBeLessThanOrEqual(view.width);
    expect(huge.x + 2700).toBeGreaterThanOrEqual(0);
  });

  it("keeps the author's zoom when they were looking at a part of the tree, and pans the least to show the node", () => {
    const t = followLayout(
      { x: -500, y: 0, k: 2 },
      view,
      { before: { width: 1320, height: 300 }, after: { width: 1320, height: 380 } },
      { before: box(3, 400, 20), after: box(3, 400, 20) },
    );
    expect(t).toEqual({ x: -500, y: 0, k: 2 });
    const off = followLayout(
      { x: -500, y: 0, k: 2 },
      view,
      { before: { width: 1320, height: 300 }, after: { width: 1320, height: 380 } },
      { before: box(3, 400, 20), after: box(3, 400, 200) },
    );
    // Held still: the view moved up with it (y − 360).
    expect(off).toEqual({ x: -500, y: -360, k: 2 });
    // A node that left the view (a collapse above it, say, with no anchor to hold) is panned back, the least: to the margin.
    const gone = followLayout(
      { x: -500, y: 0, k: 2 },
      view,
      { before: { width: 1320, height: 300 }, after: { width: 1320, height: 380 } },
      { before: undefined, after: box(3, 400, 200) },
    );
    expect(gone.k).toBe(2);
    expect(gone.y + (200 + 60) * 2).toBe(view.height - 24);
  });

  it("does not treat focus moving to another node as a move of the layout", () => {
    const t = followLayout(
      { x: 10, y: 10, k: 1 },
      view,
      { before: { width: 700, height: 200 }, after: { width: 700, height: 200 } },
      { before: box(1, 16, 16), after: box(2, 300, 120) },
    );
    expect(t).toEqual({ x: 10, y: 10, k: 1 });
  });
});

describe("startView", () => {
  const big = { width: 3000, height: 2400 };
  it("starts a big tree at 100 % with the root at the left, in the middle of the view's height", () => {
    const root = box(1, 16, 1200);
    const t = startView(view, big, root);
    expect(t.k).toBe(1);
    expect(t.x).toBe(0);
    expect(t.y + root.y + root.height / 2).toBe(view.height / 2);
  });
  it("centres a node deep in the tree, but never pans past the tree's edges", () => {
    const deep = box(2, 2000, 100);
    const t = startView(view, big, deep);
    expect(t.x + deep.x + deep.width / 2).toBe(view.width / 2);
    expect(t.y).toBe(0);
    expect(startView(view, big, box(3, 2900, 2380))).toEqual({ x: view.width - big.width, y: view.height - big.height, k: 1 });
  });
  it("does not pan an axis the tree fits in", () => {
    expect(startView(view, { width: 3000, height: 300 }, box(1, 16, 120))).toEqual({ x: 0, y: 0, k: 1 });
  });
});
