import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createDatabase } from "../setup/postgres";

/**
 * Moving a SQLite deployment to PostgreSQL with `npm run coe -- copy-database --to <url>`: every row
 * arrives with its id, new rows continue after the highest id, the app on the copy exports every
 * COE exactly as the app on the file does, and a target that already holds rows is refused.
 */
const root = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "coe-copy-"));
const file = join(dir, "coe.db");

/** A command of this app, on the SQLite file (`url` empty) or on a PostgreSQL database. */
function run(script: string[], url = "") {
  return spawnSync(process.execPath, ["--import", "tsx", ...script], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: file, DATABASE_URL: url },
    encoding: "utf8",
    timeout: 120_000,
  });
}
const cli = (args: string[], url = "") => run([join(root, "app/cli/coe.ts"), ...args], url);

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

let target: string;
let counts: Record<string, number>;
beforeAll(async () => {
  // The demo organisation, then what a real database also holds: a session, section versions, and
  // a why moved under a why written after it (its parent's id is higher than its own).
  expect(run([join(root, "db/setup.ts")]).status).toBe(0);
  const sqlite = new Database(file);
  sqlite.exec(`insert into sessions (id, user_id, expires_at) values ('hash-of-a-token', 1, ${Date.now() + 86_400_000})`);
  sqlite.exec("insert into coe_section_versions (coe_id, section, version) values (1, 'whys', 3), (1, 'header', 1)");
  const added = sqlite.prepare("insert into why_nodes (coe_id, parent_id, position, text) values (1, 1, 9, 'A why written later') returning id").get() as {
    id: number;
  };
  sqlite.prepare("update why_nodes set parent_id = ? where id = 2").run(added.id);
  // The search index is each engine's own: FTS5 (a virtual table and its shadow tables) beside
  // coe_fts_docs, whose rows PostgreSQL keeps in coe_fts.
  const tables = sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' and coalesce(sql, '') not like 'CREATE VIRTUAL%' and name not glob 'coe_fts_[a-z]*' or name in ('coe_fts_docs', 'coe_fts_sections')",
    )
    .all() as { name: string }[];
  const onPostgres = (name: string) => (name === "coe_fts_docs" ? "coe_fts" : name);
  counts = Object.fromEntries(tables.map(({ name }) => [onPostgres(name), (sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n]));
  expect(counts.coe_fts).toBe(counts.coes);
  sqlite.close();
  target = await createDatabase(inject("postgresUrl"), `coe_copy_${process.pid}`);
}, 180_000);

describe("copy-database", () => {
  it("copies every row, verified, and the app on the copy reads every COE as the app on the file does", async () => {
    const copied = cli(["copy-database", "--to", target]);
    expect(copied.stderr).toBe("");
    expect(copied.status).toBe(0);
    expect(copied.stdout).toMatch(/every table's row count and checksum match/);
    for (const [table, n] of Object.entries(counts)) {
      const [row] = await query<{ n: string }>(target, `select count(*) as n from "${table}"`);
      expect(Number(row!.n), table).toBe(n);
    }
    for (const coeId of ["1", "2", "5"]) {
      const fromFile = cli(["export", coeId]);
      const fromCopy = cli(["export", coeId], target);
      expect(fromCopy.status).toBe(0);
      expect(fromCopy.stdout).toBe(fromFile.stdout);
    }
  }, 180_000);

  it("lets new rows continue after the highest copied id", async () => {
    const imported = cli(["import", join(root, "db/seed/01-storage-stale-reads.coe.json")], target);
    expect(imported.stderr).toBe("");
    expect(Number(imported.stdout.trim())).toBe(counts.coes! + 1);
  }, 120_000);

  it("refuses a target that already holds rows, and changes nothing there", async () => {
    const before = await query<{ n: string }>(target, "select count(*) as n from coes");
    const again = cli(["copy-database", "--to", target]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/target database is not empty: .*coes/);
    expect(await query<{ n: string }>(target, "select count(*) as n from coes")).toEqual(before);
  }, 120_000);
});
