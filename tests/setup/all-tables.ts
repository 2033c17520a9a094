import { is, Table } from "drizzle-orm";
import * as schema from "../../db/schema";

/** Every table of the active engine's schema. */
export function allTables(): Table[] {
  return (Object.values(schema) as unknown[]).filter((value): value is Table => is(value, Table));
}
