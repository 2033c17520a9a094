import { databasePath, getDb } from "./client";

// getDb() applies every pending migration on open.
getDb();
console.log(`database ready: ${databasePath()}`);
