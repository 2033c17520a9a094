import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../..", import.meta.url));

// Kept apart from vite.config.ts: the React Router Vite plugin must not run under Vitest.
export default defineConfig({
  root,
  resolve: { alias: { "~": fileURLToPath(new URL("../../app", import.meta.url)) } },
  test: {
    // A stray it.only would silently skip the rest.
    allowOnly: false,
    environment: "node",
    include: ["app/**/*.test.ts", "db/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/security/**/*.test.ts", "tests/bench/**/*.test.ts"],
    globalSetup: ["tests/setup/template-db.ts", "tests/setup/build-global.ts"],
    setupFiles: ["tests/setup/worker-db.ts"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: { TZ: "UTC" },
  },
});
