// Routes reach the database only through data/ modules; this is their handle on the connection.
export { getDb as db } from "../../db/client";
export { checkpointAndCloseDb as closeDatabase } from "../../db/client";
import { getDb, migrateDatabase as migrateSchema } from "../../db/client";
import { fillSearchIndex } from "./search-index.server";

/** Applies pending migrations, then indexes for search every COE the index lacks (the index's text comes from app code, which a SQL migration cannot run). */
export async function migrateDatabase(): Promise<void> {
  await migrateSchema();
  await fillSearchIndex(getDb());
}
// The command line's handle, and where the database lives (backup and restore name the file).
export { closeDb, databasePath } from "../../db/client";
