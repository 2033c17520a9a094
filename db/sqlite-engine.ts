import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { Db, Engine } from "./engine";
import { isMemory, openSqliteFile, type SqliteClient } from "./sqlite-file";

/**
 * The embedded engine. Writes are serialised on one write connection, each transaction opened
 * with BEGIN IMMEDIATE (it takes the file's write lock at once, so another process waits its turn
 * instead of failing half-way), and the next transaction of this process starts only when the
 * previous one has committed or rolled back. Reads outside a transaction use a second, read-only
 * connection: while a transaction awaits, a reader sees the last committed state, never another
 * request's uncommitted rows, and any write attempted on it fails loudly.
 */
export class SqliteEngine implements Engine {
  readonly kind = "sqlite";
  readonly reader: Db;
  private readonly writer: Db;
  private readonly writeClient: SqliteClient;
  private readonly readClient: SqliteClient;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {
    this.writeClient = openSqliteFile(file);
    this.writer = asDb(this.writeClient);
    // An in-memory database exists only on its own connection: reads share the writer there.
    this.readClient = isMemory(file) ? this.writeClient : openSqliteFile(file);
    if (this.readClient !== this.writeClient) this.readClient.pragma("query_only = ON");
    this.reader = this.readClient === this.writeClient ? this.writer : asDb(this.readClient);
  }

  /** Applies pending migrations (drizzle's SQLite migrator is synchronous and runs in its own transaction). */
  migrateNow(migrationsFolder: string) {
    migrate(this.writer as never, { migrationsFolder });
  }

  async migrate(migrationsFolder: string) {
    this.migrateNow(migrationsFolder);
  }

  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    const run = () => this.inTransaction(work);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async inTransaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    this.writeClient.exec("BEGIN IMMEDIATE");
    try {
      const result = await work(this.writer);
      this.writeClient.exec("COMMIT");
      return result;
    } catch (error) {
      if (this.writeClient.inTransaction) this.writeClient.exec("ROLLBACK");
      throw error;
    }
  }

  /** Folds the WAL back into the database file; false when another connection kept part of it. */
  checkpoint(): boolean {
    const [result] = this.writeClient.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
    return !result?.busy;
  }

  async close() {
    await this.queue;
    if (this.readClient !== this.writeClient) this.readClient.close();
    this.writeClient.close();
  }
}

const asDb = (client: SqliteClient) => drizzle({ client }) as unknown as Db;
