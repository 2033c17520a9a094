import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../..", import.meta.url));

// TEST_ENGINE=pg runs every test that touches the database on PostgreSQL (template-db.ts starts
// one): the data layer's own tests, the integration suite and the security suite.
const onPostgres = process.env.TEST_ENGINE === "pg";
const DATABASE_TESTS = ["app/data/**/*.test.ts", "db/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/security/**/*.test.ts"];
// About the SQLite file itself (backup and restore, file modes, crash recovery, shutdown's WAL
// checkpoint, migrating old files, the async engine's connections): PostgreSQL has none of these;
// its own guarantees are tested in postgres-*.test.ts.
const SQLITE_ONLY = [
  "tests/security/files-and-processes-*.test.ts",
  "tests/integration/migrations.test.ts",
  "tests/integration/cli-backup.test.ts",
  "tests/integration/sqlite-engine.test.ts",
  "tests/integration/lint-boundaries.test.ts",
];
const POSTGRES_ONLY = ["tests/integration/postgres-*.test.ts"];

// Kept apart from vite.config.ts: the React Router Vite plugin must not run under Vitest.
export default defineConfig({
  root,
  resolve: { alias: { "~": fileURLToPath(new URL("../../app", import.meta.url)) } },
  test: {
    // A stray it.only would silently skip the rest.
    allowOnly: false,
    environment: "node",
    include: onPostgres
      ? DATABASE_TESTS
      : ["app/**/*.test.ts", "db/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/security/**/*.test.ts", "tests/bench/**/*.test.ts"],
    exclude: [...(onPostgres ? SQLITE_ONLY : POSTGRES_ONLY), "**/node_modules/**"],
    globalSetup: ["tests/setup/template-db.ts", "tests/setup/build-global.ts"],
    setupFiles: ["tests/setup/worker-db.ts"],
    pool: "forks",
    // Vitest's default (one fewer than the cores) is a single worker on CI's two cores; much of the
    // suite waits on servers, child processes and PostgreSQL, so two workers there halve the wait.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: { TZ: "UTC" },
  },
});
