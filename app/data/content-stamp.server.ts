import { max, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coes } from "../../db/schema";
import { perConnection } from "./per-connection.server";

/**
 * Changes whenever what the pages drawn from many COEs show can have changed: the newest
 * `coes.updated_at` (every write to a COE moves it, its action items' included, on any instance)
 * and the newest change to the root-cause taxonomy (a category renamed or merged by an admin moves
 * no COE's `updated_at`, but changes what similar COEs and trends show). Sign-ins and refused
 * requests move neither. One prepared statement of two indexed reads.
 */
const read = perConnection((db) =>
  db
    .select({
      coes: max(coes.updatedAt),
      taxonomy: sql<number | null>`(select max(id) from audit_events where entity_type = 'root_cause_category')`,
    })
    .from(coes)
    .prepare("content_stamp"),
);

export async function contentStamp(db: Db): Promise<string> {
  const [row] = await read(db).execute();
  return `${row?.coes?.getTime() ?? 0}:${row?.taxonomy ?? 0}`;
}
