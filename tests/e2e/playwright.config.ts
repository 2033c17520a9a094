import { defineConfig } from "@playwright/test";
import { fileURLToPath } from "node:url";
import { chromiumArgs, chromiumPath } from "./chromium";

const root = fileURLToPath(new URL("../..", import.meta.url));
const port = Number(process.env.E2E_PORT ?? 3210);
export const e2eDatabase = process.env.E2E_DATABASE ?? "data/e2e.db";
// E2E_DATABASE_URL (set by tests/setup/with-postgres.ts): the journeys tagged below run on PostgreSQL, and
// the specs' own reads and arrangements go to the same database as the server's.
const postgresUrl = process.env.E2E_DATABASE_URL;
if (postgresUrl) process.env.DATABASE_URL = postgresUrl;

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  // On PostgreSQL, the journeys tagged BOTH_ENGINES (support.ts): sign in, create, the tree,
  // autosave and merges, 409 in two tabs, comments and the review meeting.
  grep: postgresUrl ? /@both-engines/ : undefined,
  // One folder per server port: runs side by side (CI's shards) must not clear each other's.
  outputDir: `${root}/test-results/${port}`,
  workers: 1,
  // A stray test.only would silently drop every other browser test.
  forbidOnly: true,
  // One retry in CI only; a test that needed it is reported as flaky in the closing summary, never hidden.
  retries: process.env.CI ? 1 : 0,
  fullyParallel: false,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    // Debian's chromium instead of a downloaded browser (`playwright install` cannot work here).
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    trace: "retain-on-failure",
  },
  webServer: {
    // Expects a production build. A fresh database, seeded with the demo organisation as `npm start` does.
    // On PostgreSQL the database is new (with-postgres.ts made it).
    command: `${postgresUrl ? "" : `rm -f ${e2eDatabase}* && `}npx tsx db/setup.ts && node build/server/index.js`,
    cwd: root,
    env: {
      DATABASE_PATH: e2eDatabase,
      ...(postgresUrl ? { DATABASE_URL: postgresUrl } : {}),
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      SESSION_SECRET: "e2e-secret",
      WEB_CONCURRENCY: "1",
      // The seeded demo has overdue items: a reminder run would change the bell's count under the tests.
      REMINDERS: "off",
    },
    url: `http://127.0.0.1:${port}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
