/**
 * How long `layoutWhys` takes for big five-whys trees (SPEC §8: hundreds of nodes within one
 * frame, ≈ 16 ms). Run with `npx tsx tests/bench/layout-bench.ts`. Trees are seeded, so runs on
 * the same machine compare like with like.
 */
import { pathToFileURL } from "node:url";
import { layoutWhys } from "../../app/domain/whys/layout";
import { mulberry32, randomWhyRows } from "../../app/domain/whys/random-tree";
import { buildWhyTree } from "../../app/domain/whys/tree";

const WARMUPS = 20;
const RUNS = 200;
const SIZES = [1000, 500];

export type LayoutBenchResult = { nodes: number; medianMs: number; p95Ms: number };

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function runLayoutBench(): Promise<LayoutBenchResult[]> {
  const results: LayoutBenchResult[] = [];
  for (const size of SIZES) {
    const root = buildWhyTree(randomWhyRows(mulberry32(20_240_702 + size), size, { shape: "breadth-first", branching: [1, 4], textLength: [20, 200] }))!;
    for (let i = 0; i < WARMUPS; i++) layoutWhys(root);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const { nodes } = layoutWhys(root);
      times.push(performance.now() - start);
      if (nodes.length !== size) throw new Error(`laid out ${nodes.length} of ${size} nodes`);
      // Let the event loop breathe between runs so one slow GC pause is not charged to every run.
      if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
    }
    times.sort((a, b) => a - b);
    results.push({ nodes: size, medianMs: percentile(times, 50), p95Ms: percentile(times, 95) });
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runLayoutBench();
  console.log(`layoutWhys: ${RUNS} runs after ${WARMUPS} warm-ups, node ${process.version}`);
  console.table(results.map((r) => ({ nodes: r.nodes, "median ms": r.medianMs.toFixed(2), "p95 ms": r.p95Ms.toFixed(2) })));
}
