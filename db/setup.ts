// What `npm start` runs before serving: migrate, seed an empty database, say where to go.
import { closeDb, getDb, migrateDatabase } from "./client";
import { demoLoginsTable, hasUsers, seedDemo } from "./seed";

await migrateDatabase();
const db = getDb();
const seeding = !(await hasUsers(db));
if (seeding) await seedDemo(db);
await closeDb();

console.log(`COE platform ready at http://localhost:${process.env.PORT ?? 3000}`);
if (seeding) console.log(`\nDemo logins (seeded because the database had no users):\n${demoLoginsTable()}`);
