/**
 * What one bench run measures: every route on each engine, with one and with two server processes.
 * `BENCH_SCENARIOS=sqlite/1,pg/2` picks some of them (a quick run); the first scenario listed is the
 * one the goals are checked on and the only one the client JavaScript is measured on.
 */
export type Engine = "sqlite" | "pg";
export type Scenario = { engine: Engine; processes: number; label: string };

export const ENGINE_NAMES: Record<Engine, string> = { sqlite: "SQLite", pg: "PostgreSQL" };
export const DEFAULT_SCENARIOS = "sqlite/1,sqlite/2,pg/1,pg/2";

export function parseScenarios(spec: string): Scenario[] {
  const scenarios = spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const match = /^(sqlite|pg)\/([1-9]\d?)$/.exec(item);
      if (!match)
        throw new Error(`BENCH_SCENARIOS: "${item}" is not <engine>/<processes> with engine sqlite or pg and 1–99 processes (e.g. ${DEFAULT_SCENARIOS})`);
      const engine = match[1] as Engine;
      const processes = Number(match[2]);
      return { engine, processes, label: `${ENGINE_NAMES[engine]}, ${processes} process${processes === 1 ? "" : "es"}` };
    });
  if (!scenarios.length) throw new Error(`BENCH_SCENARIOS is empty; e.g. ${DEFAULT_SCENARIOS}`);
  const seen = new Set<string>();
  for (const s of scenarios) {
    const key = `${s.engine}/${s.processes}`;
    if (seen.has(key)) throw new Error(`BENCH_SCENARIOS lists ${key} twice`);
    seen.add(key);
  }
  return scenarios;
}

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function formatTable(head: string[], cells: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(head), widths.map((w) => "─".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}
