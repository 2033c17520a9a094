import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, inject } from "vitest";
import { createDatabase } from "./postgres";

// Each test file (one fork each) gets its own copy of the migrated template database: a SQLite
// file, or on PostgreSQL (TEST_ENGINE=pg) a database created from the template.
const dir = mkdtempSync(join(tmpdir(), "coe-test-"));
const file = join(dir, "test.db");
copyFileSync(inject("templateDb"), file);
process.env.DATABASE_PATH = file;
process.env.SESSION_SECRET ??= "test-secret-not-for-production";

const server = inject("postgresUrl");
if (server) {
  const name = `coe_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  process.env.DATABASE_URL = await createDatabase(server, name, "coe_template");
  // Many test files run at once, each with servers of its own: keep each pool small.
  process.env.DATABASE_POOL_SIZE ??= "4";
}

// The file's connections close with it (a pool left open outlives the test server it points at).
afterAll(async () => {
  const { closeDb } = await import("../../db/client");
  await closeDb();
});
