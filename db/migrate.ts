import { closeDb, databasePath, migrateDatabase } from "./client";
import { engineKind } from "./engine-kind";

await migrateDatabase();
await closeDb();
console.log(`database ready: ${engineKind() === "pg" ? "PostgreSQL (DATABASE_URL)" : databasePath()}`);
