import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { migrationsFolder, openSqlite } from "../../db/client";
import { PgEngine } from "../../db/pg-engine";
import { createDatabase, startTestPostgres } from "./postgres";

export const PG_TEMPLATE = "coe_template";

/**
 * Builds one migrated database; every test file copies it instead of migrating again: a SQLite
 * file, or (TEST_ENGINE=pg) a PostgreSQL template database on the test server (postgres.ts).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "coe-template-"));
  const file = join(dir, "template.db");
  const engine = openSqlite(file);
  // Folded into the file, so copying the one file copies everything.
  if (!engine.checkpoint()) throw new Error("template database: the WAL could not be checkpointed");
  await engine.close();
  project.provide("templateDb", file);
  const server = process.env.TEST_ENGINE === "pg" ? await pgTemplate() : undefined;
  project.provide("postgresUrl", server?.url ?? "");
  return () => {
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

async function pgTemplate() {
  const server = await startTestPostgres();
  const engine = new PgEngine(await createDatabase(server.url, PG_TEMPLATE));
  await engine.migrate(migrationsFolder("pg"));
  await engine.close();
  return server;
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
    /** The test PostgreSQL server (TEST_ENGINE=pg), or "". */
    postgresUrl: string;
  }
}
