import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { defineConfig } from "drizzle-kit";

const url = process.env.DATABASE_PATH ?? "./data/coe.db";
// drizzle-kit migrate fails with "Cannot open database because the directory does not exist"
mkdirSync(dirname(url), { recursive: true });

export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  dbCredentials: { url },
  // FTS5 tables will live in a custom migration; keep them out of push/pull.
  tablesFilter: ["!*_fts*"],
});
