import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { events, services, tags, teams } from "../../db/schema";

type NamedTable = typeof teams | typeof services | typeof tags | typeof events;

/** The id of the row with this exact name, created if there is none. Call inside the write's transaction. */
export function findOrCreateByName(db: Db, table: NamedTable, name: string): number {
  const found = db.select({ id: table.id }).from(table).where(eq(table.name, name)).get();
  if (found) return found.id;
  return db.insert(table).values({ name }).returning({ id: table.id }).get().id;
}
