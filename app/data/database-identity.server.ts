import Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrationsFolder } from "../../db/client";

type Sqlite = Database.Database;
type SchemaObject = { type: string; name: string; sql: string | null };

const MIGRATIONS_TABLE = "__drizzle_migrations";

export type Identity = { ok: true; applied: number; known: number } | { ok: false; reason: string };

/**
 * Whether `sqlite` is this app's database: its migration history is a prefix of ours (same
 * migrations, same order, none we do not know), and its schema — every table, column, index,
 * trigger and view — is exactly what those migrations make. The schema is compared with a blank
 * database migrated to the same point, so a look-alike (another app's drizzle database, one of ours
 * with a table dropped or a trigger added) is told apart from a genuine older backup.
 */
export function checkAppDatabase(sqlite: Sqlite): Identity {
  const known = readMigrationFiles({ migrationsFolder: migrationsFolder("sqlite") });
  const hasTable = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").pluck().get(MIGRATIONS_TABLE);
  if (!hasTable) return { ok: false, reason: `not this app's database: it has no migrations table (${MIGRATIONS_TABLE})` };
  const applied = sqlite.prepare(`select hash, created_at as createdAt from "${MIGRATIONS_TABLE}" order by created_at`).all() as { hash: string; createdAt: number }[];
  if (applied.length === 0) return { ok: false, reason: "not this app's database: no migrations have been applied to it" };
  const stranger = applied.findIndex((m, i) => known[i]?.hash !== m.hash || Number(m.createdAt) !== known[i]?.folderMillis);
  if (stranger !== -1)
    return {
      ok: false,
      reason:
        stranger >= known.length
          ? `its migration history is longer than this version knows (${applied.length} migrations, this version has ${known.length}): a database of a newer version, or of another app`
          : `its migration history is not this app's: migration ${stranger + 1} (hash ${applied[stranger]!.hash.slice(0, 12)}…) is not this app's migration ${stranger + 1}`,
    };
  const blank = migratedBlank(known.slice(0, applied.length));
  const differences = schemaDifferences(schemaOf(sqlite), schemaOf(blank));
  blank.close();
  if (differences.length) return { ok: false, reason: `not this app's database: ${differences.slice(0, 5).join("; ")}${differences.length > 5 ? `; and ${differences.length - 5} more` : ""}` };
  return { ok: true, applied: applied.length, known: known.length };
}

/** A blank in-memory database with these migrations applied the way drizzle applies them. */
function migratedBlank(migrations: ReturnType<typeof readMigrationFiles>): Sqlite {
  const blank = new Database(":memory:");
  blank.transaction(() => {
    for (const m of migrations) for (const statement of m.sql) if (statement.trim()) blank.exec(statement);
  })();
  return blank;
}

function schemaOf(sqlite: Sqlite): Map<string, SchemaObject> {
  const rows = sqlite
    .prepare("select type, name, sql from sqlite_master where name not like 'sqlite\\_%' escape '\\' and name <> ? order by type, name")
    .all(MIGRATIONS_TABLE) as SchemaObject[];
  return new Map(rows.map((r) => [`${r.type} ${r.name}`, r]));
}

const normalise = (sql: string | null) => (sql ?? "").replace(/\s+/g, " ").trim();

/** What `actual` has that `expected` lacks, lacks that it has, or defines differently, in words. */
function schemaDifferences(actual: Map<string, SchemaObject>, expected: Map<string, SchemaObject>): string[] {
  const problems: string[] = [];
  for (const [key, object] of expected) {
    const found = actual.get(key);
    if (!found) problems.push(`${key} is missing`);
    else if (normalise(found.sql) !== normalise(object.sql)) problems.push(`${key} is not defined as this app defines it`);
  }
  for (const key of actual.keys()) if (!expected.has(key)) problems.push(`${key} is not part of this app's schema`);
  return problems;
}
