import type { WhyRow } from "./tree";

export { mulberry32 } from "../random";

/** An integer in min..max inclusive. */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

const WORDS = [
  "the",
  "deploy",
  "pipeline",
  "skipped",
  "canary",
  "because",
  "health",
  "check",
  "timed",
  "out",
  "after",
  "load",
  "balancer",
  "shifted",
  "traffic",
  "to",
  "cold",
  "hosts",
  "cache",
  "miss",
  "rate",
  "rose",
  "retry",
  "storm",
  "amplified",
  "errors",
  "alarm",
  "threshold",
  "was",
  "too",
  "high",
  "runbook",
  "step",
  "ambiguous",
  "config",
  "change",
  "not",
  "reviewed",
  "in",
  "region",
  "https://dashboards.example.com/d/api-latency?from=now-6h&to=now",
  "connection-pool-exhaustion",
  "p99",
];

/** Text of exactly `length` characters made of words (some long, to exercise hard wrapping). */
export function randomText(random: () => number, length: number): string {
  let text = "";
  while (text.length < length) text += (text ? " " : "") + WORDS[randomInt(random, 0, WORDS.length - 1)];
  return text.slice(0, length).trimEnd().padEnd(length, ".");
}

export type RandomTreeOptions = {
  /** breadth-first: each node gets `branching` children in turn; random: each new node hangs under any earlier node. */
  shape?: "breadth-first" | "random";
  branching?: [min: number, max: number];
  textLength?: [min: number, max: number];
};

/**
 * Rows of a random tree of `size` nodes (ids 1..size, root 1, dense sibling positions), for
 * property tests and benchmarks. Chance comes in as `random`, so a seed reproduces the tree.
 */
export function randomWhyRows(random: () => number, size: number, options: RandomTreeOptions = {}): WhyRow[] {
  const { shape = "breadth-first", branching = [1, 4], textLength = [20, 200] } = options;
  if (size < 1) return [];
  const rows: WhyRow[] = [];
  const childCount = new Map<number, number>();
  const add = (parentId: number | null) => {
    const id = rows.length + 1;
    const position = parentId === null ? 0 : (childCount.get(parentId) ?? 0);
    if (parentId !== null) childCount.set(parentId, position + 1);
    const text = randomText(random, randomInt(random, textLength[0], textLength[1]));
    rows.push({ id, parentId, position, text, isRootCause: false, evidence: random() < 0.2 ? `metric ${id}` : null });
    return id;
  };
  add(null);
  if (shape === "random") {
    while (rows.length < size) add(randomInt(random, 1, rows.length));
  } else {
    const queue = [1];
    while (rows.length < size) {
      const parentId = queue.shift() ?? 1;
      const fanOut = randomInt(random, branching[0], branching[1]);
      for (let i = 0; i < fanOut && rows.length < size; i++) queue.push(add(parentId));
    }
  }
  const hasChildren = new Set(rows.map((r) => r.parentId));
  for (const r of rows) r.isRootCause = !hasChildren.has(r.id) && random() < 0.7;
  return rows;
}
