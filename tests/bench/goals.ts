import { formatTable } from "./scenarios";

/**
 * The speed and size goals of issue 9 ("big COEs stay fast"), checked on one bench run. Throughput
 * goals are ratios to `/login` (the smallest server-rendered page) measured in the same run, so a
 * busy or slow machine moves both sides alike.
 */
export type BenchRow = { route: string; reqPerSec: number; bodyBytes: number };
export type ClientJsRow = { name: string; initialGzipBytes: number; lazyEditorGzipBytes: number };
/** Full-text search in-process, per query class (search-bench.ts), on the scenario's engine. */
export type SearchClassRow = { name: string; p95Ms: number };
export type BenchFigures = { rows: BenchRow[]; clientJs: ClientJsRow[]; search?: SearchClassRow[] };

export const ROUTES = {
  login: "/login, no cookie (SSR floor)",
  list: "COE list, page 1",
  filteredList: "COE list, in_review by severity",
  typical: "COE page (factory COE)",
  big: "COE page with 500-node tree",
  trends: "Trends, every COE (a year)",
} as const;

const KB = 1024;

type Goal = { name: string; target: string; value: (f: BenchFigures) => number | undefined; format: (v: number) => string; pass: (v: number) => boolean };

const rate = (f: BenchFigures, route: string) => f.rows.find((r) => r.route === route)?.reqPerSec;
const ratio = (route: string) => (f: BenchFigures) => {
  const login = rate(f, ROUTES.login);
  const r = rate(f, route);
  return login && r !== undefined ? r / login : undefined;
};
const times = (v: number) => `${v.toFixed(2)}×`;
const kb = (v: number) => `${(v / KB).toFixed(1)} KB`;
const js = (f: BenchFigures, name: string) => f.clientJs.find((c) => c.name === name);

export const GOALS: Goal[] = [
  {
    name: "500-node COE page: HTML",
    target: "≤ 150 KB",
    value: (f) => f.rows.find((r) => r.route === ROUTES.big)?.bodyBytes,
    format: kb,
    pass: (v) => v <= 150 * KB,
  },
  { name: "500-node COE page ÷ /login", target: "≥ 0.20×", value: ratio(ROUTES.big), format: times, pass: (v) => v >= 0.2 },
  { name: "typical COE page ÷ /login", target: "≥ 0.50×", value: ratio(ROUTES.typical), format: times, pass: (v) => v >= 0.5 },
  { name: "COE list ÷ /login", target: "≥ 0.50×", value: ratio(ROUTES.list), format: times, pass: (v) => v >= 0.5 },
  { name: "COE list, filtered ÷ /login", target: "≥ 0.50×", value: ratio(ROUTES.filteredList), format: times, pass: (v) => v >= 0.5 },
  // Issue 13: the trends page over every COE.
  { name: "trends page ÷ /login", target: "≥ 0.30×", value: ratio(ROUTES.trends), format: times, pass: (v) => v >= 0.3 },
  {
    name: "search p95, slowest query class",
    target: "≤ 10 ms",
    value: (f) => (f.search?.length ? Math.max(...f.search.map((c) => c.p95Ms)) : undefined),
    format: (v) => `${v.toFixed(2)} ms`,
    pass: (v) => v <= 10,
  },
  {
    name: "reading view JS at load (gzip)",
    target: "≤ 140 KB",
    value: (f) => js(f, "COE reading view")?.initialGzipBytes,
    format: kb,
    pass: (v) => v <= 140 * KB,
  },
  {
    name: "edit view JS with lazy editor (gzip)",
    target: "≤ 330 KB",
    value: (f) => {
      const e = js(f, "COE edit view");
      return e && e.initialGzipBytes + e.lazyEditorGzipBytes;
    },
    format: kb,
    pass: (v) => v <= 330 * KB,
  },
];

export type GoalResult = { name: string; target: string; before: string; after: string; pass: boolean | undefined };

/** Every goal on this run, with the figure of an earlier run (when there is one) beside it. */
export function checkGoals(after: BenchFigures, before?: BenchFigures): GoalResult[] {
  return GOALS.map((g) => {
    const v = g.value(after);
    const b = before && g.value(before);
    return {
      name: g.name,
      target: g.target,
      before: b === undefined ? "—" : g.format(b),
      after: v === undefined ? "—" : g.format(v),
      pass: v === undefined ? undefined : g.pass(v),
    };
  });
}

/** The goals checked on one scenario of the run (its label heads the column). */
export type GoalColumn = { label: string; results: GoalResult[] };

const verdict = (pass: boolean | undefined) => (pass === undefined ? "n/a" : pass ? "PASS" : "FAIL");

/** One row per goal: its target, the earlier run's figure (of the first column's scenario), then each scenario's figure and verdict. */
export function goalTable(columns: GoalColumn[]): string {
  const first = columns[0]?.results ?? [];
  const head = ["goal", "target", "before", ...columns.flatMap((c) => [c.label, ""])];
  const cells = first.map((goal, i) => [goal.name, goal.target, goal.before, ...columns.flatMap((c) => [c.results[i]!.after, verdict(c.results[i]!.pass)])]);
  return formatTable(head, cells);
}
