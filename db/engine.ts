import { AsyncLocalStorage } from "node:async_hooks";
import { sql, type SQL } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { engineKind, type EngineKind } from "./engine-kind";
import type { Tables } from "./tables/engines";

/**
 * The handle every data function takes, on either engine. It is typed as PostgreSQL's query
 * builder, whose API both engines share once every query is awaited (no SQLite-only `.get()`,
 * `.all()` or `.run()`); `transaction` is left out: write through `withTransaction`.
 */
export type Db = Omit<NodePgDatabase<Tables>, "$client" | "transaction">;

export interface Engine {
  readonly kind: EngineKind;
  /** Reads outside a transaction. */
  readonly reader: Db;
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  migrate(migrationsFolder: string): Promise<void>;
  close(): Promise<void>;
}

const engines = new WeakMap<Db, Engine>();
const openTransaction = new AsyncLocalStorage<Db>();

export function register(engine: Engine) {
  engines.set(engine.reader, engine);
  return engine;
}

export function engineOf(db: Db): Engine {
  const engine = engines.get(db);
  if (!engine) throw new Error("not a database handle of this process (pass the handle getDb() returned, or the transaction's)");
  return engine;
}

/**
 * Runs `work` in one transaction and returns its result; a throw rolls everything back. Every
 * write goes through here, and through the `tx` it is given. Called again inside `work` (however
 * deep), it joins the transaction already open rather than waiting for it.
 */
export function withTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const open = openTransaction.getStore();
  if (open) return work(open);
  return engineOf(db).transaction((tx) => openTransaction.run(tx, () => work(tx)));
}

type RawCapable = { execute?: (query: SQL) => Promise<{ rows: unknown[] }>; all?: (query: SQL) => unknown[] };

/**
 * Rows of a hand-written statement, on either engine (for the few places the query builder cannot
 * express: schema checks, test set-up). Values still go in as parameters through `sql`.
 */
export async function rawRows<T>(db: Db, query: SQL): Promise<T[]> {
  const raw = db as unknown as RawCapable;
  if (raw.execute) return (await raw.execute(query)).rows as T[];
  return raw.all!(query) as T[];
}

/** Runs a hand-written statement that returns no rows (DDL, a pragma) on either engine: better-sqlite3 refuses to read rows from one. */
export async function runStatement(db: Db, query: SQL): Promise<void> {
  const raw = db as unknown as { execute?: (query: SQL) => Promise<unknown>; run?: (query: SQL) => unknown };
  if (raw.execute) await raw.execute(query);
  else raw.run!(query);
}

// Transaction-level advisory lock keys (any numbers, the same in every process).
const LOCK_KEYS = { "sign-in": 72_311_906, users: 72_311_907, refusals: 72_311_908, seed: 72_311_909 } as const;

/**
 * Makes transactions that read, decide and then write (sign-in throttling, "is this email taken?",
 * folding repeated refusals) take turns, so two cannot both decide on the same state. On SQLite
 * every write transaction already holds the file's write lock from its first statement; on
 * PostgreSQL an advisory lock held until commit does the same across every app instance.
 */
export async function takeTurns(tx: Db, lock: keyof typeof LOCK_KEYS) {
  if (engineKind() === "pg") await rawRows(tx, sql`select pg_advisory_xact_lock(${LOCK_KEYS[lock]})`);
}

/** An instant as a prepared statement's placeholder needs it (placeholders are bound as given, not by their column). */
export function instantParam(ms: number): number | Date {
  return engineKind() === "pg" ? new Date(ms) : ms;
}
