import { describe, expect, it } from "vitest";
import { checkGoals, goalTable, ROUTES, type BenchFigures } from "./goals";

const figures = (
  over: {
    big?: number;
    bigBytes?: number;
    typical?: number;
    list?: number;
    trends?: number;
    reading?: number;
    edit?: [number, number];
    searchP95?: number;
  } = {},
): BenchFigures => ({
  rows: [
    { route: ROUTES.login, reqPerSec: 400, bodyBytes: 6000 },
    { route: ROUTES.list, reqPerSec: over.list ?? 200, bodyBytes: 30000 },
    { route: ROUTES.filteredList, reqPerSec: 200, bodyBytes: 30000 },
    { route: ROUTES.typical, reqPerSec: over.typical ?? 200, bodyBytes: 20000 },
    { route: ROUTES.big, reqPerSec: over.big ?? 80, bodyBytes: over.bigBytes ?? 150 * 1024 },
    { route: ROUTES.trends, reqPerSec: over.trends ?? 120, bodyBytes: 90000 },
  ],
  clientJs: [
    { name: "COE reading view", initialGzipBytes: over.reading ?? 140 * 1024, lazyEditorGzipBytes: 0 },
    { name: "COE edit view", initialGzipBytes: (over.edit ?? [180, 150])[0] * 1024, lazyEditorGzipBytes: (over.edit ?? [180, 150])[1] * 1024 },
  ],
  search: [
    { name: "rare word", p95Ms: 1 },
    { name: "phrase", p95Ms: over.searchP95 ?? 10 },
  ],
});

describe("checkGoals", () => {
  it("passes every goal exactly at its limit, ratios taken against /login of the same run", () => {
    expect(checkGoals(figures()).map((r) => r.pass)).toEqual([true, true, true, true, true, true, true, true, true]);
  });

  it("fails each goal just past its limit", () => {
    const failed = (f: BenchFigures) =>
      checkGoals(f)
        .filter((r) => !r.pass)
        .map((r) => r.name);
    expect(failed(figures({ bigBytes: 150 * 1024 + 1 }))).toEqual(["500-node COE page: HTML"]);
    expect(failed(figures({ big: 79 }))).toEqual(["500-node COE page ÷ /login"]);
    expect(failed(figures({ typical: 199 }))).toEqual(["typical COE page ÷ /login"]);
    expect(failed(figures({ list: 199 }))).toEqual(["COE list ÷ /login"]);
    expect(failed(figures({ trends: 119 }))).toEqual(["trends page ÷ /login"]);
    expect(failed(figures({ reading: 140 * 1024 + 1 }))).toEqual(["reading view JS at load (gzip)"]);
    expect(failed(figures({ edit: [181, 150] }))).toEqual(["edit view JS with lazy editor (gzip)"]);
    expect(failed(figures({ searchP95: 10.01 }))).toEqual(["search p95, slowest query class"]);
  });

  it("prints before and after with PASS or FAIL", () => {
    const table = goalTable([{ label: "SQLite", results: checkGoals(figures({ big: 20 }), figures({ big: 10 })) }]);
    expect(table).toMatch(/500-node COE page ÷ \/login\s+≥ 0\.20×\s+0\.03×\s+0\.05×\s+FAIL/);
    expect(table).toMatch(/typical COE page ÷ \/login\s+≥ 0\.50×\s+0\.50×\s+0\.50×\s+PASS/);
  });

  it("prints one figure and verdict per scenario, the earlier run beside the first", () => {
    const table = goalTable([
      { label: "SQLite, 1 process", results: checkGoals(figures({ typical: 220 }), figures({ typical: 190 })) },
      { label: "PostgreSQL, 1 process", results: checkGoals(figures({ typical: 180 }), figures({ typical: 190 })) },
    ]);
    expect(table.split("\n")[0]).toMatch(/^goal\s+target\s+before\s+SQLite, 1 process\s+PostgreSQL, 1 process$/);
    expect(table).toMatch(/typical COE page ÷ \/login\s+≥ 0\.50×\s+0\.47×\s+0\.55×\s+PASS\s+0\.45×\s+FAIL/);
  });
});
