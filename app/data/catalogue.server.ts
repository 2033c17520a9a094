import { eq, getTableName, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { events, rootCauseCategories, services, tags, teams } from "../../db/schema";
import { perConnection } from "./per-connection.server";
import { insertedId } from "./rows.server";

type NamedTable = typeof teams | typeof services | typeof tags | typeof events | typeof rootCauseCategories;

function prepareNamed(db: Db, table: NamedTable) {
  const find = db
    .select({ id: table.id })
    .from(table)
    .where(eq(table.name, sql.placeholder("name")))
    .prepare(`named_find_${getTableName(table)}`);
  const create = db
    .insert(table)
    .values({ name: sql.placeholder("name") })
    .returning({ id: table.id })
    .prepare(`named_create_${getTableName(table)}`);
  /** Exact, case-sensitive names: what export writes back must be what the document said. */
  return async (name: string): Promise<number> => {
    const [found] = await find.execute({ name });
    return found?.id ?? insertedId(create.execute({ name }));
  };
}

/**
 * The id of the team, service, tag, event or root-cause category with exactly this name, created if there is none
 * (call inside the write's transaction). Used by import and by the edit page's header.
 */
export const namedIds = perConnection((db) => ({
  team: prepareNamed(db, teams),
  service: prepareNamed(db, services),
  tag: prepareNamed(db, tags),
  event: prepareNamed(db, events),
  category: prepareNamed(db, rootCauseCategories),
}));
