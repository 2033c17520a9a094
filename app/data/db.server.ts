// Routes reach the database only through data/ modules; this is their handle on the connection.
export { getDb as db } from "../../db/client";
export { checkpointAndCloseDb as closeDatabase, migrateDatabase } from "../../db/client";
// The command line's handle, and where the database lives (backup and restore name the file).
export { closeDb, databasePath } from "../../db/client";
