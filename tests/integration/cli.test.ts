import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "../../app/auth/password.server";
import { openDb, type Db } from "../../db/client";
import { freshDb } from "../setup/test-db";

const root = resolve(import.meta.dirname, "../..");
const fixture = (name: string) => join(root, "tests/fixtures", name);
const scratch = mkdtempSync(join(tmpdir(), "coe-cli-"));

/** Runs the real CLI (node + tsx loader) against this test file's own database. */
function coe(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(root, "app/cli/coe.ts"), ...args], {
    cwd: root,
    env: process.env, // DATABASE_PATH: this test file's database (tests/setup/worker-db.ts)
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// The CLI writes through its own connection to the same file; the test reads through this one.
let db: Db;
beforeEach(() => {
  db = freshDb();
});
const count = (table: string) => db.$client.prepare(`select count(*) from ${table}`).pluck().get() as number;

describe("coe CLI", () => {
  it("imports a file, prints the new id, and exports it again", () => {
    const imported = coe("import", fixture("rich-text.coe.json"));
    expect(imported.stderr).toBe("");
    expect(imported.status).toBe(0);
    const id = Number(imported.stdout.trim());
    expect(id).toBeGreaterThan(0);

    const exported = coe("export", String(id));
    expect(exported.status).toBe(0);
    const doc = JSON.parse(exported.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, title: "Sign-in failures for federated accounts after certificate rotation", team: "Identity" });
    expect(exported.stdout).toContain('\n  "title"');
  });

  it("prints warnings on stderr and still imports", () => {
    const result = coe("import", fixture("api-errors-45-minutes.coe.json"));
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+$/);
    expect(result.stderr).toContain("warning: actionItems[0].owner: no user author@example.com — imported unassigned");
  });

  it("lists every problem of an invalid file by JSON path, exits 1 and writes nothing", () => {
    const bad = join(scratch, "bad.coe.json");
    writeFileSync(bad, JSON.stringify({ schemaVersion: 1, title: "", severity: 9, team: "Storage", timeline: [{ at: "today", kind: "detected", text: "x" }] }));
    const result = coe("import", bad);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("$.title: must not be empty");
    expect(result.stderr).toContain("$.severity: must be a whole number from 1 (worst) to 5");
    expect(result.stderr).toMatch(/\$\.timeline\[0\]\.at: must be ISO 8601/);
    expect(count("coes")).toBe(0);
  });

  it("explains unreadable and non-JSON files", () => {
    expect(coe("import", join(scratch, "missing.json"))).toMatchObject({ status: 1, stderr: expect.stringContaining("cannot read") });
    const notJson = join(scratch, "not.json");
    writeFileSync(notJson, "{ nope");
    expect(coe("import", notJson)).toMatchObject({ status: 1, stderr: expect.stringContaining("is not valid JSON") });
  });

  it("says when an export id does not exist", () => {
    expect(coe("export", "12345")).toMatchObject({ status: 1, stdout: "", stderr: "error: no COE with id 12345\n" });
  });

  it("adds a user with a hashed password, refuses a duplicate whatever its case, and validates input", async () => {
    const added = coe("user", "add", "Riley@Example.com", "--name", "Riley Reviewer", "--role", "reviewer", "--password", "correct horse", "--team", "Storage");
    expect(added.status).toBe(0);
    const row = db.$client.prepare("select email, name, role, password_hash, team_id from users").get() as Record<string, unknown>;
    expect(row).toMatchObject({ email: "riley@example.com", name: "Riley Reviewer", role: "reviewer" });
    expect(row.team_id).not.toBeNull();
    expect(await verifyPassword("correct horse", row.password_hash as string)).toBe(true);

    const duplicate = coe("user", "add", "RILEY@example.com", "--name", "Again", "--role", "member", "--password", "whatever1");
    expect(duplicate).toMatchObject({ status: 1, stderr: expect.stringContaining("already exists") });

    const invalid = coe("user", "add", "someone@example.com", "--name", "S", "--role", "owner", "--password", "short");
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain("--role: must be one of admin, reviewer, author, member");
    expect(invalid.stderr).toContain("--password: must be at least 8 characters");
    expect(count("users")).toBe(1);
  });

  it("imports as a named author", () => {
    coe("user", "add", "alex@example.com", "--name", "Alex", "--role", "author", "--password", "password1");
    const result = coe("import", fixture("minimal.coe.json"), "--as", "alex@example.com");
    expect(result.status).toBe(0);
    expect(db.$client.prepare("select count(*) from coe_authors").pluck().get()).toBe(1);
    expect(coe("import", fixture("minimal.coe.json"), "--as", "ghost@example.com")).toMatchObject({ status: 1, stderr: "error: --as: no user ghost@example.com\n" });
  });

  it("backs up the database to a file that opens on its own", () => {
    coe("import", fixture("minimal.coe.json"));
    const target = join(scratch, "backup.db");
    const result = coe("backup", target);
    expect(result.status).toBe(0);
    expect(existsSync(target)).toBe(true);
    const copy = openDb(target);
    expect(copy.$client.prepare("select title from coes").pluck().all()).toEqual(["Checkout page slow for some customers"]);
    copy.$client.close();
  });

  it("answers wrong usage with exit status 2 and help with 0", () => {
    expect(coe("frobnicate")).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown command "frobnicate"') });
    expect(coe("help")).toMatchObject({ status: 0, stdout: expect.stringContaining("Usage: npm run coe") });
  });
});
