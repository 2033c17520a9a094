import { describe, expect, it } from "vitest";
import { mulberry32 } from "../random";
import { ANCHORED_PART_TYPES, relinkAnchors, type AnchoredPart, type AnchoredPartType } from "./relink";

/** `why(id, path, text)`: a why node; the array order is the tree's reading order. */
const why = (id: number, path: string, text: string): AnchoredPart => ({ type: "why_node", id, path, text });
const part = (type: AnchoredPartType, id: number, index: number, text: string): AnchoredPart => ({ type, id, path: String(index), text });

/** The links of one type as [old, new] pairs, sorted by old id. */
const pairs = (before: AnchoredPart[], after: AnchoredPart[], type: AnchoredPartType = "why_node") =>
  [...relinkAnchors(before, after)[type]].sort((a, b) => a[0] - b[0]);

/**
 *  0 Customers saw errors
 *  ├─ 0.0 Config pushed to all regions
 *  │   └─ 0.0.0 No canary stage
 *  └─ 0.1 Alarm went to email
 */
const TREE = [
  why(1, "0", "Customers saw errors"),
  why(2, "0.0", "Config pushed to all regions"),
  why(3, "0.0.0", "No canary stage"),
  why(4, "0.1", "Alarm went to email"),
];

describe("relinkAnchors: why trees", () => {
  const cases: [string, AnchoredPart[], AnchoredPart[], [number, number][]][] = [
    [
      "the same tree with new ids",
      TREE,
      [
        why(11, "0", "Customers saw errors"),
        why(12, "0.0", "Config pushed to all regions"),
        why(13, "0.0.0", "No canary stage"),
        why(14, "0.1", "Alarm went to email"),
      ],
      [
        [1, 11],
        [2, 12],
        [3, 13],
        [4, 14],
      ],
    ],
    [
      "a renamed node is not linked; the rest are",
      TREE,
      [
        why(11, "0", "Customers saw errors"),
        why(12, "0.0", "Config pushed to every region"),
        why(13, "0.0.0", "No canary stage"),
        why(14, "0.1", "Alarm went to email"),
      ],
      [
        [1, 11],
        [3, 13],
        [4, 14],
      ],
    ],
    [
      "reordered siblings follow their words, not their places",
      TREE,
      [
        why(11, "0", "Customers saw errors"),
        why(12, "0.0", "Alarm went to email"),
        why(13, "0.1", "Config pushed to all regions"),
        why(14, "0.1.0", "No canary stage"),
      ],
      [
        [1, 11],
        [2, 13],
        [3, 14],
        [4, 12],
      ],
    ],
    [
      "a deleted node (the older revision did not have it) is not linked",
      TREE,
      [why(11, "0", "Customers saw errors"), why(12, "0.0", "Config pushed to all regions"), why(14, "0.1", "Alarm went to email")],
      [
        [1, 11],
        [2, 12],
        [4, 14],
      ],
    ],
    ["everything deleted", TREE, [], []],
    ["nothing before", [], TREE, []],
    [
      "a node added by the restore takes nothing",
      TREE,
      [
        why(10, "0", "Customers saw errors"),
        why(11, "0.0", "Rollback was slow"),
        why(12, "0.1", "Config pushed to all regions"),
        why(13, "0.1.0", "No canary stage"),
        why(14, "0.2", "Alarm went to email"),
      ],
      [
        [1, 10],
        [2, 12],
        [3, 13],
        [4, 14],
      ],
    ],
    ["whitespace differences do not matter", [why(1, "0", "  Config\npushed   to all regions ")], [why(9, "0", "Config pushed to all regions")], [[1, 9]]],
    ["case does", [why(1, "0", "Config pushed")], [why(9, "0", "config pushed")], []],
    [
      "duplicate words: the same path wins",
      [why(1, "0", "Root"), why(2, "0.0", "Unknown"), why(3, "0.1", "Unknown")],
      [why(11, "0", "Root"), why(12, "0.0", "Unknown"), why(13, "0.1", "Unknown")],
      [
        [1, 11],
        [2, 12],
        [3, 13],
      ],
    ],
    [
      "duplicate words: the same path wins even when the other comes first",
      [why(1, "0", "Root"), why(2, "0.0", "Unknown"), why(3, "0.1", "Unknown")],
      [why(11, "0", "Root"), why(13, "0.1", "Unknown"), why(12, "0.2", "Unknown")],
      [
        [1, 11],
        [2, 12],
        [3, 13],
      ],
    ],
    [
      "duplicate words, no path matches: nearest in order",
      [why(1, "0", "Root"), why(2, "0.0", "Unknown"), why(3, "0.1", "Other"), why(4, "0.2", "Unknown")],
      [why(11, "1", "Root"), why(12, "1.0", "Unknown"), why(13, "1.1", "Other"), why(14, "1.2", "Unknown")],
      [
        [1, 11],
        [2, 12],
        [3, 13],
        [4, 14],
      ],
    ],
    [
      "one of two duplicates deleted: the nearer old part keeps it",
      [why(1, "0", "Unknown"), why(2, "1", "a"), why(3, "2", "b"), why(4, "3", "c"), why(5, "4", "d"), why(6, "5", "Unknown")],
      [why(12, "1.0", "a"), why(13, "1.1", "b"), why(14, "1.2", "c"), why(15, "1.3", "d"), why(16, "1.4", "Unknown")],
      [
        [2, 12],
        [3, 13],
        [4, 14],
        [5, 15],
        [6, 16],
      ],
    ],
    [
      "equally near: the earlier old part wins",
      [why(1, "a", "X"), why(2, "b", "Y"), why(3, "c", "X")],
      [why(11, "d", "Y"), why(12, "e", "X")],
      [
        [1, 12],
        [2, 11],
      ],
    ],
    [
      "more new duplicates than old: each new part used at most once, extras left",
      [why(1, "0", "Dup")],
      [why(11, "9", "Dup"), why(12, "8", "Dup"), why(13, "7", "Dup")],
      [[1, 11]],
    ],
    ["more old duplicates than new: the extras are not linked", [why(1, "0", "Dup"), why(2, "1", "Dup"), why(3, "2", "Dup")], [why(11, "1", "Dup")], [[2, 11]]],
    ["an empty text links only to an empty text", [why(1, "0", ""), why(2, "1", "x")], [why(11, "0", "  "), why(12, "1", "y")], [[1, 11]]],
  ];
  it.each(cases)("%s", (_, before, after, expected) => expect(pairs(before, after)).toEqual(expected));
});

describe("relinkAnchors: lists and types", () => {
  it("links each type on its own, even when ids and words repeat across types", () => {
    const before = [
      why(1, "0", "Same words"),
      part("lesson", 1, 0, "Same words"),
      part("timeline_entry", 1, 0, "Pager fired"),
      part("action_item", 1, 0, "Add canary"),
    ];
    const after = [
      part("lesson", 50, 0, "Same words"),
      why(60, "0", "Same words"),
      part("action_item", 70, 0, "Add canary"),
      part("timeline_entry", 80, 0, "Pager fired"),
    ];
    const maps = relinkAnchors(before, after);
    expect(Object.fromEntries(ANCHORED_PART_TYPES.map((t) => [t, [...maps[t]]]))).toEqual({
      why_node: [[1, 60]],
      lesson: [[1, 50]],
      timeline_entry: [[1, 80]],
      action_item: [[1, 70]],
    });
  });

  it("never links across types", () => {
    expect(pairs([part("lesson", 1, 0, "x")], [part("timeline_entry", 2, 0, "x")], "lesson")).toEqual([]);
    expect(pairs([part("lesson", 1, 0, "x")], [part("timeline_entry", 2, 0, "x")], "timeline_entry")).toEqual([]);
  });

  it("gives an empty map for every type when there is nothing", () => {
    const maps = relinkAnchors([], []);
    for (const type of ANCHORED_PART_TYPES) expect(maps[type].size).toBe(0);
  });

  it.each<[string, string[], string[], [number, number][]]>([
    [
      "timeline entries in a new order",
      ["Impact", "Detected", "Mitigated"],
      ["Detected", "Impact", "Mitigated"],
      [
        [100, 201],
        [101, 200],
        [102, 202],
      ],
    ],
    [
      "a repeated entry keeps its place",
      ["Deploy", "Rollback", "Deploy"],
      ["Deploy", "Rollback", "Deploy"],
      [
        [100, 200],
        [101, 201],
        [102, 202],
      ],
    ],
    [
      "an entry removed from the middle",
      ["Impact", "Deploy", "Mitigated"],
      ["Impact", "Mitigated"],
      [
        [100, 200],
        [102, 201],
      ],
    ],
    ["a reworded entry", ["Impact", "Deploy"], ["Impact", "Deploy v2"], [[100, 200]]],
    [
      "repeats shifted by an inserted entry: the same index is taken first",
      ["Retry", "Retry"],
      ["New", "Retry", "Retry"],
      [
        [100, 202],
        [101, 201],
      ],
    ],
  ])("timeline: %s", (_, before, after, expected) => {
    const list = (texts: string[], base: number) => texts.map((t, i) => part("timeline_entry", base + i, i, t));
    expect(pairs(list(before, 100), list(after, 200), "timeline_entry")).toEqual(expected);
  });
});

describe("relinkAnchors: properties over random restores", () => {
  const WORDS = ["Unknown", "Config pushed", "No canary", "Alarm to email", "Retry storm", "Cache cold"];

  it("links only same-type, same-words parts, each new part at most once, and every part of an unchanged restore to its twin", () => {
    const random = mulberry32(20261126);
    for (let round = 0; round < 200; round++) {
      const n = Math.floor(random() * 12);
      const before: AnchoredPart[] = Array.from({ length: n }, (_, i) => ({
        type: ANCHORED_PART_TYPES[Math.floor(random() * 4)],
        id: i + 1,
        path: String(i),
        text: WORDS[Math.floor(random() * WORDS.length)],
      }));
      // An unchanged restore: every part again with a new id, at the same path.
      const twins = before.map((p) => ({ ...p, id: p.id + 1000 }));
      for (const type of ANCHORED_PART_TYPES) for (const [oldId, newId] of relinkAnchors(before, twins)[type]) expect(newId).toBe(oldId + 1000);
      expect(ANCHORED_PART_TYPES.reduce((sum, t) => sum + relinkAnchors(before, twins)[t].size, 0)).toBe(n);

      // A changed restore: some parts dropped, some reworded, the rest shuffled.
      const after = twins
        .filter(() => random() > 0.2)
        .map((p) => (random() < 0.2 ? { ...p, text: WORDS[Math.floor(random() * WORDS.length)] } : p))
        .sort(() => random() - 0.5)
        .map((p, i) => ({ ...p, path: String(i) }));
      const maps = relinkAnchors(before, after);
      for (const type of ANCHORED_PART_TYPES) {
        const newIds = [...maps[type].values()];
        expect(new Set(newIds).size).toBe(newIds.length);
        for (const [oldId, newId] of maps[type]) {
          const old = before.find((p) => p.id === oldId)!;
          const now = after.find((p) => p.id === newId)!;
          expect([old.type, old.text]).toEqual([type, now.text]);
          expect(now.type).toBe(type);
        }
        // As many links as the words allow: per text, the smaller of the two counts.
        const count = (parts: AnchoredPart[], text: string) => parts.filter((p) => p.type === type && p.text === text).length;
        const possible = WORDS.reduce((sum, w) => sum + Math.min(count(before, w), count(after, w)), 0);
        expect(maps[type].size).toBe(possible);
      }
    }
  });
});
