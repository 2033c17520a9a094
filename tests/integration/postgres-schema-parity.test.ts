import Database from "better-sqlite3";
import pg from "pg";
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import { withDatabase } from "../setup/postgres";
import { PG_TEMPLATE } from "../setup/template-db";

/**
 * Both engines' migrations, applied to blank databases, must make the same schema: the same
 * tables, columns (nullability, defaults, a storage type that matches the column's kind), primary
 * keys, foreign keys (and what a delete does), unique and plain indexes (columns, order, partial),
 * and named CHECK constraints. Read back from the databases themselves, not from the drizzle code.
 */
type Column = { name: string; kind: string; nullable: boolean; hasDefault: boolean };
type Index = { name: string; columns: string; unique: boolean; partial: boolean };
type TableShape = { columns: Column[]; primaryKey: string; foreignKeys: string[]; indexes: Index[]; checks: string[] };
type Shape = Record<string, TableShape>;

// Each storage type, by the kind of value the column holds (column-kit.ts maps kinds to types).
const SQLITE_KINDS: Record<string, string[]> = { integer: ["int", "instant", "bool", "bigint"], text: ["text", "json"] };
const PG_KIND: Record<string, string> = {
  integer: "int",
  bigint: "bigint",
  "timestamp with time zone": "instant",
  boolean: "bool",
  text: "text",
  json: "json",
};

function sqliteShape(file: string): Shape {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name")
      .all() as { name: string; sql: string }[];
    return Object.fromEntries(
      tables.map(({ name, sql }) => {
        const info = db.pragma(`table_info("${name}")`) as { name: string; type: string; notnull: number; dflt_value: unknown; pk: number }[];
        const indexes = (db.pragma(`index_list("${name}")`) as { name: string; unique: number; origin: string; partial: number }[])
          .filter((i) => i.origin !== "pk")
          .map((i) => ({
            name: i.name,
            columns: indexColumns(db, i.name),
            unique: i.unique === 1,
            partial: i.partial === 1,
          }));
        const foreignKeys = (db.pragma(`foreign_key_list("${name}")`) as { from: string; table: string; to: string; on_delete: string }[]).map(
          (f) => `${f.from} -> ${f.table}.${f.to} on delete ${f.on_delete.toLowerCase()}`,
        );
        return [
          name,
          {
            columns: info.map((c) => ({
              name: c.name,
              kind: c.type.toLowerCase(),
              nullable: c.notnull === 0 && c.pk === 0,
              hasDefault: c.dflt_value !== null || isAutoId(c, info),
            })),
            primaryKey: info
              .filter((c) => c.pk > 0)
              .sort((a, b) => a.pk - b.pk)
              .map((c) => c.name)
              .join(","),
            foreignKeys: foreignKeys.sort(),
            indexes: sortIndexes(indexes),
            checks: [...sql.matchAll(/CONSTRAINT "([^"]+)" CHECK/g)].map((m) => m[1]!).sort(),
          },
        ];
      }),
    );
  } finally {
    db.close();
  }
}

/** SQLite's INTEGER PRIMARY KEY is the rowid: numbered automatically, as an identity column is on PostgreSQL. */
const isAutoId = (c: { type: string; pk: number }, all: { pk: number }[]) =>
  c.pk === 1 && c.type.toLowerCase() === "integer" && all.filter((x) => x.pk > 0).length === 1;

function indexColumns(db: Database.Database, index: string): string {
  const rows = db.pragma(`index_xinfo("${index}")`) as { seqno: number; cid: number; name: string | null; desc: number; key: number }[];
  return rows
    .filter((r) => r.key === 1)
    .map((r) => `${r.name ?? "?"}${r.desc ? " desc" : ""}`)
    .join(",");
}

async function pgShape(url: string): Promise<Shape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async <T>(text: string) => (await client.query(text)).rows as T[];
    const columns = await q<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
      column_default: string | null;
      is_identity: string;
    }>(
      "select table_name, column_name, data_type, is_nullable, column_default, is_identity from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position",
    );
    const constraints = await q<{ table: string; name: string; type: string; columns: string; ref: string | null; on_delete: string }>(`
      select c.conrelid::regclass::text as table, c.conname as name, c.contype as type,
        (select string_agg(a.attname, ',' order by k.i) from unnest(c.conkey) with ordinality as k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n) as columns,
        case when c.contype = 'f' then c.confrelid::regclass::text || '.' ||
          (select string_agg(a.attname, ',' order by k.i) from unnest(c.confkey) with ordinality as k(n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n) end as ref,
        c.confdeltype as on_delete
      from pg_constraint c join pg_namespace s on s.oid = c.connamespace where s.nspname = 'public'`);
    const indexes = await q<{ table: string; name: string; unique: boolean; partial: boolean; columns: string; constraint: string | null }>(`
      select t.relname as table, i.relname as name, x.indisunique as unique, x.indpred is not null as partial,
        (select string_agg(coalesce(a.attname, pg_get_indexdef(x.indexrelid, k.i::int, false)) ||
           case when x.indoption[k.i - 1] & 1 = 1 then ' desc' else '' end, ',' order by k.i)
         from unnest(x.indkey) with ordinality as k(n, i) left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.n and k.n <> 0) as columns
      from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      join pg_namespace s on s.oid = t.relnamespace where s.nspname = 'public' and not x.indisprimary`);
    const deleteAction: Record<string, string> = { a: "no action", r: "restrict", c: "cascade", n: "set null", d: "set default" };
    const tables = [...new Set(columns.map((c) => c.table_name))].sort();
    return Object.fromEntries(
      tables.map((table) => {
        const mine = constraints.filter((c) => c.table === table);
        return [
          table,
          {
            columns: columns
              .filter((c) => c.table_name === table)
              .map((c) => ({
                name: c.column_name,
                kind: c.data_type,
                nullable: c.is_nullable === "YES",
                hasDefault: c.column_default !== null || c.is_identity === "YES",
              })),
            primaryKey: mine.find((c) => c.type === "p")?.columns ?? "",
            foreignKeys: mine
              .filter((c) => c.type === "f")
              .map((c) => `${c.columns} -> ${c.ref} on delete ${deleteAction[c.on_delete]}`)
              .sort(),
            indexes: sortIndexes(
              indexes
                .filter((i) => i.table === table)
                .map((i) => ({ name: i.name, columns: i.columns.replace(/"/g, ""), unique: i.unique, partial: i.partial })),
            ),
            checks: mine
              .filter((c) => c.type === "c")
              .map((c) => c.name)
              .sort(),
          },
        ];
      }),
    );
  } finally {
    await client.end();
  }
}

const sortIndexes = (list: Index[]) => [...list].sort((a, b) => `${a.name} ${a.columns}`.localeCompare(`${b.name} ${b.columns}`));

/** The full-text index itself differs by design (an FTS5 table and its shadow tables; a tsvector with a GIN index): the search tests hold it to the same results. */
const ENGINE_SPECIFIC = /^coe_fts(?:_(?:data|idx|content|docsize|config|docs))?$/;

/** Everything but the storage type, which the engines name differently: that is checked per column, against its kind. */
const comparable = (shape: Shape) =>
  Object.fromEntries(
    Object.entries(shape)
      .filter(([name]) => !ENGINE_SPECIFIC.test(name))
      .map(([name, t]) => [name, { ...t, columns: t.columns.map(({ kind: _kind, ...c }) => c) }]),
  );

describe("the two engines' schemas", () => {
  it("have the same tables, columns, keys, indexes and checks, and each column's storage fits its kind", async () => {
    const lite = sqliteShape(inject("templateDb"));
    const postgres = await pgShape(withDatabase(inject("postgresUrl"), PG_TEMPLATE));
    expect(Object.keys(lite).length).toBeGreaterThan(25);
    expect(comparable(postgres)).toEqual(comparable(lite));
    const mismatched = Object.entries(postgres)
      .filter(([table]) => !ENGINE_SPECIFIC.test(table))
      .flatMap(([table, t]) =>
        t.columns.flatMap((c) => {
          const liteKind = lite[table]!.columns.find((l) => l.name === c.name)!.kind;
          return SQLITE_KINDS[liteKind]?.includes(PG_KIND[c.kind] ?? "?") ? [] : [`${table}.${c.name}: ${liteKind} on SQLite, ${c.kind} on PostgreSQL`];
        }),
      );
    expect(mismatched).toEqual([]);
  });
});
