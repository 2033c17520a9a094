import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqlite, withTransaction } from "../../db/client";
import type { SqliteEngine } from "../../db/sqlite-engine";
import { sqliteTables } from "../../db/tables/engines";

// The embedded engine's transactions are async: while one awaits, other requests run. These are the
// guarantees that keeps safe; each would fail if reads and writes shared one connection.
const { teams } = sqliteTables;
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

let dir: string;
let engine: SqliteEngine;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "coe-engine-"));
  engine = openSqlite(join(dir, "coe.db"));
});
afterEach(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const names = async () => (await engine.reader.select({ name: teams.name }).from(teams)).map((t) => t.name).sort();

describe("SQLite transactions", () => {
  it("a reader never sees another request's uncommitted rows", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const writing = withTransaction(engine.reader, async (tx) => {
      await tx.insert(teams).values({ name: "Uncommitted" });
      await gate;
    });
    await tick();
    expect(await names()).toEqual([]);
    release();
    await writing;
    expect(await names()).toEqual(["Uncommitted"]);
  });

  it("a second transaction waits for the first to commit, then reads what it wrote", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen: string[][] = [];
    const first = withTransaction(engine.reader, async (tx) => {
      await tx.insert(teams).values({ name: "First" });
      await gate;
    });
    await tick();
    const second = withTransaction(engine.reader, async (tx) => {
      seen.push((await tx.select({ name: teams.name }).from(teams)).map((t) => t.name));
      await tx.insert(teams).values({ name: "Second" });
    });
    await tick();
    expect(seen).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(seen).toEqual([["First"]]);
    expect(await names()).toEqual(["First", "Second"]);
  });

  it("a transaction that throws leaves nothing behind, and the next one runs", async () => {
    await expect(
      withTransaction(engine.reader, async (tx) => {
        await tx.insert(teams).values({ name: "Rolled back" });
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    await withTransaction(engine.reader, (tx) => tx.insert(teams).values({ name: "Kept" }));
    expect(await names()).toEqual(["Kept"]);
  });

  it("withTransaction inside a transaction joins it (no deadlock, one commit)", async () => {
    await expect(
      withTransaction(engine.reader, async (tx) => {
        await tx.insert(teams).values({ name: "Outer" });
        await withTransaction(engine.reader, (inner) => inner.update(teams).set({ name: "Renamed" }).where(eq(teams.name, "Outer")));
        throw new Error("undo both");
      }),
    ).rejects.toThrow("undo both");
    expect(await names()).toEqual([]);
  });

  it("a write outside a transaction is refused: the read connection is read-only", async () => {
    await expect(engine.reader.insert(teams).values({ name: "Sneaky" })).rejects.toThrow(/readonly/i);
    expect(await names()).toEqual([]);
  });
});
