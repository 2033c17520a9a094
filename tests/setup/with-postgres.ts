// `tsx tests/setup/with-postgres.ts <command…>`: runs the command with E2E_DATABASE_URL naming a fresh
// database on the test PostgreSQL server (postgres.ts: TEST_DATABASE_URL, or a throwaway cluster),
// then stops the cluster; exits with the command's status. The browser journeys on PostgreSQL use it.
import { spawnSync } from "node:child_process";
import { createDatabase, startTestPostgres } from "./postgres";

const [command, ...args] = process.argv.slice(2);
if (!command) throw new Error("usage: tsx tests/setup/with-postgres.ts <command> [args…]");
const server = await startTestPostgres();
let status = 1;
try {
  const url = await createDatabase(server.url, `coe_e2e_${process.pid}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, E2E_DATABASE_URL: url } });
  status = result.status ?? 1;
} finally {
  server.stop();
}
process.exit(status);
