// Prints one closing line for the whole suite from the vitest and Playwright JSON reports.
import { readFileSync } from "node:fs";

const [vitestFile, vitestPgFile, playwrightFile, playwrightPgFile, casesFile] = process.argv.slice(2);
const vitestRuns = { SQLite: JSON.parse(readFileSync(vitestFile, "utf8")), PostgreSQL: JSON.parse(readFileSync(vitestPgFile, "utf8")) };
const vitest = Object.values(vitestRuns);
const browserRuns = { SQLite: JSON.parse(readFileSync(playwrightFile, "utf8")), PostgreSQL: JSON.parse(readFileSync(playwrightPgFile, "utf8")) };
const browser = Object.values(browserRuns);
// Both browser runs, counted as one (the security families below read the SQLite run's suites).
const pw = {
  ...browserRuns.SQLite,
  stats: Object.fromEntries(["expected", "unexpected", "flaky", "skipped"].map((k) => [k, browser.reduce((n, run) => n + (run.stats[k] ?? 0), 0)])),
  suites: browser.flatMap((run) => run.suites ?? []),
};
const flaky = pw.stats.flaky ?? 0;
const sum = (key) => vitest.reduce((n, run) => n + run[key], 0);
const passed = sum("numPassedTests") + (pw.stats.expected ?? 0) + flaky;
const failed = sum("numFailedTests") + (pw.stats.unexpected ?? 0);
const skipped = sum("numPendingTests") + sum("numTodoTests") + (pw.stats.skipped ?? 0);
if (flaky) {
  const names = [];
  const walk = (suite) => {
    for (const s of suite.suites ?? []) walk(s);
    for (const spec of suite.specs ?? []) for (const t of spec.tests ?? []) if (t.status === "flaky") names.push(`${spec.file}: ${spec.title}`);
  };
  for (const s of pw.suites ?? []) walk(s);
  console.log(`WARNING: ${flaky} browser test(s) failed once and passed on retry (flaky):\n  ${names.join("\n  ")}`);
}
printSecurityFamilies();
for (const [engine, run] of Object.entries(vitestRuns))
  console.log(`vitest on ${engine}: ${run.numPassedTests} passed, ${run.numFailedTests} failed (${run.testResults.length} files)`);
for (const [engine, run] of Object.entries(browserRuns))
  console.log(`browser (Playwright) on ${engine}: ${(run.stats.expected ?? 0) + (run.stats.flaky ?? 0)} passed, ${run.stats.unexpected ?? 0} failed`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
// The suite never skips: a skipped test fails the run as surely as a failed one.
process.exit(failed || skipped ? 1 : 0);

/**
 * The hardening families: attack cases exercised (reported by the tests, see tests/security/cases.ts)
 * and the tests behind them (tests/security/<family>*.test.ts, tests/e2e/<family>*.spec.ts).
 */
function printSecurityFamilies() {
  if (!casesFile) return;
  const cases = new Map();
  for (const line of readFileSync(casesFile, "utf8").split("\n").filter(Boolean)) {
    const { family, count } = JSON.parse(line);
    cases.set(family, (cases.get(family) ?? 0) + count);
  }
  const tally = new Map([...cases.keys()].map((f) => [f, { passed: 0, failed: 0 }]));
  const familyOf = (file) => [...tally.keys()].find((f) => new RegExp(`tests/(security|e2e)/${f}[^/]*\\.(test|spec)\\.ts$`).test(file));
  for (const file of vitest.flatMap((run) => run.testResults)) {
    const t = tally.get(familyOf(file.name));
    for (const a of t ? file.assertionResults : []) {
      if (a.status === "passed") t.passed++;
      else if (a.status === "failed") t.failed++;
    }
  }
  const walk = (suite) => {
    for (const s of suite.suites ?? []) walk(s);
    for (const spec of suite.specs ?? []) {
      const t = tally.get(familyOf(`tests/e2e/${spec.file}`));
      if (t && spec.ok) t.passed++;
      else if (t) t.failed++;
    }
  };
  for (const s of pw.suites ?? []) walk(s);
  console.log("security families (attack cases exercised · tests passed · failed):");
  for (const [family, count] of [...cases].sort()) {
    const t = tally.get(family);
    console.log(`  ${family.padEnd(20)} ${String(count).padStart(6)} cases · ${t.passed} passed · ${t.failed} failed`);
  }
}
