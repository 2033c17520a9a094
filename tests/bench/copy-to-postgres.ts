import type { TestPostgres } from "../setup/postgres";

export type PostgresCopy = { postgres: TestPostgres; url: string; copySeconds: number; rows: number };

/**
 * A durable PostgreSQL server (TEST_DATABASE_URL, or a throwaway cluster) holding database
 * `coe_bench`, a copy of the seeded SQLite file made by copy-database: same rows, ids and sessions.
 * The caller stops the server.
 */
export async function copyToPostgres(file: string): Promise<PostgresCopy> {
  const { startTestPostgres, createDatabase } = await import("../setup/postgres");
  const { copySqliteToPostgres } = await import("../../app/data/copy-database.server");
  const postgres = await startTestPostgres({ durable: true });
  try {
    const url = await createDatabase(postgres.url, "coe_bench");
    const t0 = performance.now();
    const tables = await copySqliteToPostgres({ file, url });
    const copySeconds = (performance.now() - t0) / 1000;
    const rows = tables.reduce((n, t) => n + t.rows, 0);
    console.log(`copy-database: ${rows.toLocaleString("en")} rows in ${tables.length} tables copied to PostgreSQL and verified in ${copySeconds.toFixed(1)} s`);
    return { postgres, url, copySeconds, rows };
  } catch (err) {
    postgres.stop();
    throw err;
  }
}
