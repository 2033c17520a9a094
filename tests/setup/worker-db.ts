import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";

// Each test file (one fork each) gets its own copy of the migrated template database.
const dir = mkdtempSync(join(tmpdir(), "coe-test-"));
const file = join(dir, "test.db");
copyFileSync(inject("templateDb"), file);
process.env.DATABASE_PATH = file;
process.env.SESSION_SECRET ??= "test-secret-not-for-production";
