import { getTableName, sql } from "drizzle-orm";
import { engineKind } from "../../db/engine-kind";
import { getDb, migrateDatabase, runStatement, withTransaction, type Db } from "../../db/client";
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
      await runStatement(tx, sql.raw(`truncate ${names.join(", ")} restart identity cascade`));
      return;
    }
    // Checked at commit, when every table is empty: the order of the deletes does not matter.
    await runStatement(tx, sql`pragma defer_foreign_keys = on`);
    for (const table of tables) await tx.delete(table as never);
  });
  return db;
}

export { schema };
