// Prints one closing line for the whole suite from the vitest and Playwright JSON reports.
import { readFileSync } from "node:fs";

const [vitestFile, playwrightFile] = process.argv.slice(2);
const vitest = JSON.parse(readFileSync(vitestFile, "utf8"));
const pw = JSON.parse(readFileSync(playwrightFile, "utf8"));
const passed = vitest.numPassedTests + (pw.stats.expected ?? 0);
const failed = vitest.numFailedTests + (pw.stats.unexpected ?? 0) + (pw.stats.flaky ?? 0);
const skipped = vitest.numPendingTests + vitest.numTodoTests + (pw.stats.skipped ?? 0);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
