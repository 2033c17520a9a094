import { getTableName, sql, type SQL } from "drizzle-orm";
import { engineKind } from "../../db/engine-kind";
import { getDb, migrateDatabase, withTransaction, type Db } from "../../db/client";
import * as schema from "../../db/schema";
import { allTables } from "./all-tables";

/** The test file's own database (see worker-db.ts), emptied so each test starts clean. */
export async function freshDb(): Promise<Db> {
  await migrateDatabase();
  const db = getDb();
  const tables = allTables();
  const names = tables.map((t) => `"${getTableName(t)}"`);
  await withTransaction(db, async (tx) => {
    if (engineKind() === "pg") {
      await runSql(tx, sql.raw(`truncate ${names.join(", ")} restart identity cascade`));
      return;
    }
    // Checked at commit, when every table is empty: the order of the deletes does not matter.
    await runSql(tx, sql`pragma defer_foreign_keys = on`);
    for (const table of tables) await tx.delete(table as never);
  });
  return db;
}

export { schema };

/**
 * Runs a hand-written statement that returns no rows (DDL, a pragma) on either engine: rawRows
 * reads rows, and better-sqlite3 refuses to read from a statement that returns none.
 */
export async function runSql(db: Db, query: SQL): Promise<void> {
  const raw = db as unknown as { execute?: (query: SQL) => Promise<unknown>; run?: (query: SQL) => unknown };
  if (engineKind() === "pg") await raw.execute!(query);
  else raw.run!(query);
}
