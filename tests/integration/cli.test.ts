import { statSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "../../app/auth/password.server";
import { count } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coeAuthors, coes, users } from "../../db/schema";
import { freshDb } from "../setup/test-db";
import { coe, coeWith, fixture, scratch } from "./cli-run";

// The CLI writes through its own connection to the same file; the test reads through this one.
let db: Db;
beforeEach(async () => {
  db = await freshDb();
});
const rowCount = async (table: typeof coes | typeof users | typeof coeAuthors) => (await db.select({ n: count() }).from(table))[0]!.n;

describe("coe CLI", () => {
  it("imports a file, prints the new id, and exports it again", async () => {
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

  it("prints warnings on stderr and still imports", async () => {
    const result = coe("import", fixture("api-errors-45-minutes.coe.json"));
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+$/);
    expect(result.stderr).toContain("warning: actionItems[0].owner: no user author@example.com — imported unassigned");
  });

  it("lists every problem of an invalid file by JSON path, exits 1 and writes nothing", async () => {
    const bad = join(scratch, "bad.coe.json");
    writeFileSync(bad, JSON.stringify({ schemaVersion: 1, title: "", severity: 9, team: "Storage", timeline: [{ at: "today", kind: "detected", text: "x" }] }));
    const result = coe("import", bad);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("$.title: must not be empty");
    expect(result.stderr).toContain("$.severity: must be a whole number from 1 (worst) to 5");
    expect(result.stderr).toMatch(/\$\.timeline\[0\]\.at: must be ISO 8601/);
    expect(await rowCount(coes)).toBe(0);
  });

  it("explains unreadable and non-JSON files", async () => {
    expect(coe("import", join(scratch, "missing.json"))).toMatchObject({ status: 1, stderr: expect.stringContaining("cannot read") });
    const notJson = join(scratch, "not.json");
    writeFileSync(notJson, "{ nope");
    expect(coe("import", notJson)).toMatchObject({ status: 1, stderr: expect.stringContaining("is not valid JSON") });
  });

  it("says when an export id does not exist", async () => {
    expect(coe("export", "12345")).toMatchObject({ status: 1, stdout: "", stderr: "error: no COE with id 12345\n" });
  });

  it("adds a user with a hashed password, refuses a duplicate whatever its case, and validates input", async () => {
    const added = coe("user", "add", "Riley@Example.com", "--name", "Riley Reviewer", "--role", "reviewer", "--password", "correct horse", "--team", "Storage");
    expect(added.status).toBe(0);
    const [row] = await db.select().from(users);
    expect(row).toMatchObject({ email: "riley@example.com", name: "Riley Reviewer", role: "reviewer" });
    expect(row!.teamId).not.toBeNull();
    expect(await verifyPassword("correct horse", row!.passwordHash)).toBe(true);

    const duplicate = coe("user", "add", "RILEY@example.com", "--name", "Again", "--role", "member", "--password", "whatever1");
    expect(duplicate).toMatchObject({ status: 1, stderr: expect.stringContaining("already exists") });

    const invalid = coe("user", "add", "someone@example.com", "--name", "S", "--role", "owner", "--password", "short");
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain("--role: must be one of admin, reviewer, author, member");
    expect(invalid.stderr).toContain("--password: must be at least 8 characters");
    expect(await rowCount(users)).toBe(1);
  });

  it("imports as a named author", async () => {
    coe("user", "add", "alex@example.com", "--name", "Alex", "--role", "author", "--password", "password1");
    const result = coe("import", fixture("minimal.coe.json"), "--as", "alex@example.com");
    expect(result.status).toBe(0);
    expect(await rowCount(coeAuthors)).toBe(1);
    expect(coe("import", fixture("minimal.coe.json"), "--as", "ghost@example.com")).toMatchObject({
      status: 1,
      stderr: "error: --as: no user ghost@example.com\n",
    });
  });

  describe("import size limit (IMPORT_LIMIT)", () => {
    it("refuses a file one byte over the limit, naming the limit, and imports nothing", async () => {
      const size = statSync(fixture("minimal.coe.json")).size;
      const refused = coeWith({ IMPORT_LIMIT: String(size - 1) }, "import", fixture("minimal.coe.json"));
      expect(refused.status).toBe(1);
      expect(refused.stderr).toBe(
        `error: ${fixture("minimal.coe.json")} is ${size} bytes, more than the limit of ${size - 1} bytes (IMPORT_LIMIT); nothing was imported\n`,
      );
      expect(await rowCount(coes)).toBe(0);
    });

    it("refuses a 20 GB file at once with the default limit of 10 MB: its size is checked before anything is read", async () => {
      const huge = join(scratch, "huge.coe.json");
      writeFileSync(huge, "");
      truncateSync(huge, 20 * 1024 ** 3); // sparse: takes no space, but reading it would take minutes and all memory
      expect(coe("import", huge)).toMatchObject({
        status: 1,
        stderr: `error: ${huge} is 20 GB, more than the limit of 10 MB (IMPORT_LIMIT); nothing was imported\n`,
      });
      expect(await rowCount(coes)).toBe(0);
    });

    it("stops with exit status 2 when IMPORT_LIMIT is not a size", async () => {
      expect(coeWith({ IMPORT_LIMIT: "lots" }, "import", fixture("minimal.coe.json"))).toMatchObject({
        status: 2,
        stderr: expect.stringContaining('IMPORT_LIMIT="lots" is not a size'),
      });
    });
  });

  it("answers wrong usage with exit status 2 and help with 0", async () => {
    expect(coe("frobnicate")).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown command "frobnicate"') });
    expect(coe("help")).toMatchObject({ status: 0, stdout: expect.stringContaining("Usage: npm run coe") });
  });
});
