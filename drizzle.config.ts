import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { defineConfig } from "drizzle-kit";

// The embedded SQLite engine. PostgreSQL has its own: drizzle.pg.config.ts. `npm run db:generate` runs both.
// db/schema.ts holds SQLite's tables when no PostgreSQL DATABASE_URL is set.
delete process.env.DATABASE_URL;
const url = process.env.DATABASE_PATH ?? "./data/coe.db";
// drizzle-kit migrate fails with "Cannot open database because the directory does not exist"
mkdirSync(dirname(url), { recursive: true });

export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema.ts",
  out: "./db/migrations/sqlite",
  dbCredentials: { url },
  // FTS5 tables will live in a custom migration; keep them out of push/pull.
  tablesFilter: ["!*_fts*"],
});
