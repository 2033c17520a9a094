// Prints one closing line for the whole suite from the vitest and Playwright JSON reports.
import { readFileSync } from "node:fs";

const [vitestFile, playwrightFile] = process.argv.slice(2);
const vitest = JSON.parse(readFileSync(vitestFile, "utf8"));
const pw = JSON.parse(readFileSync(playwrightFile, "utf8"));
const flaky = pw.stats.flaky ?? 0;
const passed = vitest.numPassedTests + (pw.stats.expected ?? 0) + flaky;
const failed = vitest.numFailedTests + (pw.stats.unexpected ?? 0);
const skipped = vitest.numPendingTests + vitest.numTodoTests + (pw.stats.skipped ?? 0);
if (flaky) {
  const names = [];
  const walk = (suite) => {
    for (const s of suite.suites ?? []) walk(s);
    for (const spec of suite.specs ?? []) for (const t of spec.tests ?? []) if (t.status === "flaky") names.push(`${spec.file}: ${spec.title}`);
  };
  for (const s of pw.suites ?? []) walk(s);
  console.log(`WARNING: ${flaky} browser test(s) failed once and passed on retry (flaky):\n  ${names.join("\n  ")}`);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
// The suite never skips: a skipped test fails the run as surely as a failed one.
process.exit(failed || skipped ? 1 : 0);
