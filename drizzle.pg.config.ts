import { defineConfig } from "drizzle-kit";

// The PostgreSQL engine (DATABASE_URL): same tables as drizzle.config.ts, migrations of its own.
// A PostgreSQL DATABASE_URL makes db/schema.ts hold PostgreSQL's tables (generate does not connect).
process.env.DATABASE_URL ||= "postgres://localhost/coe";
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations/pg",
  dbCredentials: { url: process.env.DATABASE_URL },
  // The search index (coe_fts, coe_fts_sections) lives in a custom migration; keep it out of push/pull.
  tablesFilter: ["!*_fts*"],
});
