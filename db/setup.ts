// What `npm start` runs before serving: migrate, seed an empty database, say where to go.
import { closeDb, getDb, migrateDatabase, takeTurns, withTransaction } from "./client";
import { demoLoginsTable, hasUsers, seedDemo } from "./seed";

await migrateDatabase();
// One transaction that first takes the seed's turn: instances started together on one database
// seed it once (the others find its users and leave it be).
const seeding = await withTransaction(getDb(), async (tx) => {
  await takeTurns(tx, "seed");
  if (await hasUsers(tx)) return false;
  await seedDemo(tx);
  return true;
});
await closeDb();

console.log(`COE platform ready at http://localhost:${process.env.PORT ?? 3000}`);
if (seeding) console.log(`\nDemo logins (seeded because the database had no users):\n${demoLoginsTable()}`);
