import { getDb, type Db } from "../../db/client";
import * as schema from "../../db/schema";

/** The test file's own database (see worker-db.ts), emptied so each test starts clean. */
export function freshDb(): Db {
  const db = getDb();
  const tables = db.$client
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'")
    .pluck()
    .all() as string[];
  db.$client.pragma("foreign_keys = OFF");
  db.$client.transaction(() => {
    for (const t of tables) db.$client.prepare(`delete from "${t}"`).run();
  })();
  db.$client.pragma("foreign_keys = ON");
  return db;
}

export { schema };
