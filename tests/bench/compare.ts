import type { Row } from "./routes";
import { formatTable, type Scenario } from "./scenarios";

export type ScenarioRows = { scenario: Scenario; rows: Row[] };

/** Every route's throughput ÷ /login's (what the goals are stated in), one column per scenario. */
export function ratioMatrix(results: ScenarioRows[]): string {
  const routes = results[0]?.rows.map((r) => r.route) ?? [];
  const cell = (rows: Row[], route: string) => {
    const row = rows.find((r) => r.route === route);
    return row ? row.loginRatio.toFixed(2) : "—";
  };
  return formatTable(
    ["÷ /login of the same server", ...results.map((r) => r.scenario.label)],
    routes.map((route) => [route, ...results.map((r) => cell(r.rows, route))]),
  );
}

/** Req/s of every route with each number of processes, and how many times one process's rate more processes give, per engine. */
export function scalingTable(results: ScenarioRows[]): string {
  const routes = results[0]?.rows.map((r) => r.route) ?? [];
  const rate = (r: ScenarioRows | undefined, route: string) => r?.rows.find((row) => row.route === route)?.reqPerSec;
  const gains = results
    .filter((r) => r.scenario.processes > 1)
    .flatMap((many) => {
      const one = results.find((r) => r.scenario.engine === many.scenario.engine && r.scenario.processes === 1);
      return one ? [{ one, many }] : [];
    });
  const head = ["req/s", ...results.map((r) => r.scenario.label), ...gains.map(({ many }) => `${many.scenario.label} ÷ 1`)];
  const cells = routes.map((route) => [
    route,
    ...results.map((r) => rate(r, route)?.toFixed(0) ?? "—"),
    ...gains.map(({ one, many }) => {
      const a = rate(one, route);
      const b = rate(many, route);
      return a && b !== undefined ? `${(b / a).toFixed(2)}×` : "—";
    }),
  ]);
  return formatTable(head, cells);
}
