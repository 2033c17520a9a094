import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openDb, runMigrations } from "../../db/client";

/** Builds one migrated database file; every worker copies it instead of migrating again. */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "coe-template-"));
  const file = join(dir, "template.db");
  const db = openDb(file);
  runMigrations(db);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  project.provide("templateDb", file);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}
