import { describe, expect, it } from "vitest";
import { ratioMatrix, scalingTable, type ScenarioRows } from "./compare";
import type { Row } from "./routes";
import { DEFAULT_SCENARIOS, formatTable, parseScenarios } from "./scenarios";

describe("parseScenarios", () => {
  it("runs both engines with one and two processes by default, SQLite with one first (the goals' scenario)", () => {
    expect(parseScenarios(DEFAULT_SCENARIOS).map((s) => s.label)).toEqual([
      "SQLite, 1 process",
      "SQLite, 2 processes",
      "PostgreSQL, 1 process",
      "PostgreSQL, 2 processes",
    ]);
  });

  it("takes a chosen subset in the order given, spaces allowed", () => {
    expect(parseScenarios(" pg/2 , sqlite/1")).toEqual([
      { engine: "pg", processes: 2, label: "PostgreSQL, 2 processes" },
      { engine: "sqlite", processes: 1, label: "SQLite, 1 process" },
    ]);
  });

  it.each(["mysql/1", "sqlite", "sqlite/0", "pg/100", "pg/1.5", "", " , "])("refuses %j, naming the form expected", (spec) => {
    expect(() => parseScenarios(spec)).toThrow(/BENCH_SCENARIOS/);
  });

  it("refuses a scenario listed twice", () => {
    expect(() => parseScenarios("sqlite/1,pg/1,sqlite/1")).toThrow("BENCH_SCENARIOS lists sqlite/1 twice");
  });
});

const row = (route: string, reqPerSec: number, login: number): Row => ({
  route,
  path: route,
  reqPerSec,
  p50Ms: 1,
  p99Ms: 2,
  ratio: reqPerSec / 1000,
  loginRatio: reqPerSec / login,
  bytesPerResponse: 100,
  bodyBytes: 90,
  requests: 10,
});
const scenario = (spec: string, rates: [number, number]): ScenarioRows => ({
  scenario: parseScenarios(spec)[0]!,
  rows: [row("/login", rates[0], rates[0]), row("COE page", rates[1], rates[0])],
});

describe("comparing scenarios", () => {
  const results = [scenario("sqlite/1", [400, 200]), scenario("sqlite/2", [600, 330]), scenario("pg/1", [380, 150])];

  it("writes each route's ratio to /login of its own server, one column per scenario", () => {
    const lines = ratioMatrix(results).split("\n");
    expect(lines[0]).toMatch(/^÷ \/login of the same server\s+SQLite, 1 process\s+SQLite, 2 processes\s+PostgreSQL, 1 process$/);
    expect(lines[3]).toMatch(/^COE page\s+0\.50\s+0\.55\s+0\.39$/);
  });

  it("writes req/s per scenario and what more processes gave, only where the engine was also run with one", () => {
    const lines = scalingTable(results).split("\n");
    expect(lines[0]).toMatch(/SQLite, 2 processes ÷ 1$/);
    expect(lines[0]).not.toMatch(/PostgreSQL, 2 processes ÷ 1/);
    expect(lines[2]).toMatch(/^\/login\s+400\s+600\s+380\s+1\.50×$/);
    expect(lines[3]).toMatch(/^COE page\s+200\s+330\s+150\s+1\.65×$/);
  });
});

describe("formatTable", () => {
  it("pads the first column left and the others right, under a rule as wide as each column", () => {
    expect(formatTable(["a", "bb"], [["xyz", "1"]])).toBe("a    bb\n───  ──\nxyz   1");
  });
});
