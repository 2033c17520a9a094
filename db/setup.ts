// What `npm start` runs before serving: migrate, seed an empty database, say where to go.
import { closeDb, getDb } from "./client";
import { demoLoginsTable, hasUsers, seedDemo } from "./seed";

const db = getDb(); // applies pending migrations
const seeding = !hasUsers(db);
if (seeding) await seedDemo(db);
closeDb();

console.log(`COE platform ready at http://localhost:${process.env.PORT ?? 3000}`);
if (seeding) console.log(`\nDemo logins (seeded because the database had no users):\n${demoLoginsTable()}`);
