import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import type { Db, Engine } from "./engine";

// Any number, the same in every process: several app instances starting together migrate once.
const MIGRATION_LOCK = 72_311_905;

/** PostgreSQL through a connection pool; each transaction runs on one connection of it. */
export class PgEngine implements Engine {
  readonly kind = "pg";
  readonly reader: Db;
  private readonly pool: pg.Pool;
  private readonly database: NodePgDatabase;

  constructor(readonly url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE) || 10 });
    // An idle client losing its server (a failover, a restart) must not crash the process.
    this.pool.on("error", (error) => console.warn(`database connection lost: ${error.message}`));
    this.database = drizzle({ client: this.pool });
    this.reader = this.database as unknown as Db;
  }

  async migrate(migrationsFolder: string) {
    const client = await this.pool.connect();
    try {
      await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
      await migrate(drizzle({ client }), { migrationsFolder });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return this.database.transaction((tx) => work(tx as unknown as Db));
  }

  async close() {
    await this.pool.end();
  }
}
