import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "../app/auth/password.server";
import { exportCoe } from "../app/data/coe-export.server";
import { CoeDocumentSchema, walkWhys } from "../app/domain/coe/interchange";
import { freshDb } from "../tests/setup/test-db";
import { asc, sql } from "drizzle-orm";
import { rcaStateSql } from "../app/data/rca-state-sql.server";
import { instantParam, rawRows } from "./client";
import { coeAuthors, users } from "./schema";
import { DEMO_PASSWORD, DEMO_USERS, hasUsers, seedDemo } from "./seed";

const seedDir = join(import.meta.dirname, "seed");
/** The starter taxonomy migration 0012 (pg 0005) inserts. */
const STARTER_CATEGORIES = [
  "Change management",
  "Capacity",
  "Dependency failure",
  "Configuration",
  "Detection gap",
  "Deployment safety",
  "Software defect",
  "Operational procedure",
];
const seedFiles = readdirSync(seedDir)
  .filter((f) => f.endsWith(".coe.json"))
  .sort();
const seeds = seedFiles.map((f) => CoeDocumentSchema.parse(JSON.parse(readFileSync(join(seedDir, f), "utf8"))));

describe("demo seed", () => {
  it("creates the demo users and imports every seed COE as the author", async () => {
    const db = await freshDb();
    expect(await hasUsers(db)).toBe(false);
    const { userIds, coeIds } = await seedDemo(db);
    expect(await hasUsers(db)).toBe(true);
    expect(coeIds).toHaveLength(seedFiles.length);

    const rows = await db.select({ email: users.email, role: users.role, passwordHash: users.passwordHash }).from(users).orderBy(asc(users.id));
    expect(rows.map((r) => [r.email, r.role])).toEqual(DEMO_USERS.map((u) => [u.email, u.role]));
    expect(await verifyPassword(DEMO_PASSWORD, rows[0]!.passwordHash)).toBe(true);

    const authors = (await db.selectDistinct({ userId: coeAuthors.userId }).from(coeAuthors)).map((r) => r.userId);
    expect(authors).toEqual([userIds["author@example.com"]]);
    for (const [i, coeId] of coeIds.entries()) expect((await exportCoe(db, coeId))!.title).toBe(seeds[i]!.title);
    // Every tenet a seed COE cites exists, so none is dropped; every root cause is categorised from the starter set.
    for (const [i, coeId] of coeIds.entries()) {
      const exported = (await exportCoe(db, coeId))!;
      expect(exported.tenets).toEqual(seeds[i]!.tenets);
      walkWhys(exported.whys, (node, path) => {
        if (node.rootCause) expect(STARTER_CATEGORIES, `${seedFiles[i]} root cause ${path}`).toContain(node.category);
      });
    }
    // The customer RCAs the demo has were written two on time and one late, as the trends page shows.
    const states = await rawRows<{ state: string }>(
      db,
      sql`select ${rcaStateSql(instantParam(Date.now()))} as state from coes where customer_rca is not null order by id`,
    );
    expect(states.map((r) => r.state).sort()).toEqual(["on-time", "on-time", "written-late"]);
  });

  it("spans the four demo teams and the draft, in-review and approved states", () => {
    expect(new Set(seeds.map((s) => s.team))).toEqual(new Set(["Storage", "Payments", "Edge/Networking", "Identity"]));
    for (const status of ["draft", "in_review", "approved"]) expect(seeds.map((s) => s.status)).toContain(status);
  });

  it.each(seedFiles.map((f, i) => [f, seeds[i]!] as const))("%s is a complete, blameless COE", (_file, seed) => {
    expect(seed.timeline.length).toBeGreaterThan(3);
    expect(seed.lessons.length).toBeGreaterThan(0);
    expect(seed.actionItems.length).toBeGreaterThan(1);
    for (const item of seed.actionItems) if (item.owner !== null) expect(DEMO_USERS.map((u) => u.email)).toContain(item.owner);

    // SPEC §2.5: every root cause leads to at least one lesson or action item.
    const linked = new Set([...seed.lessons, ...seed.actionItems].map((x) => x.whyPath));
    walkWhys(seed.whys, (node, path) => {
      if (node.rootCause) expect(linked, `root cause ${path} has no lesson or action item`).toContain(path);
    });

    const prose = JSON.stringify(seed);
    for (const name of DEMO_USERS.map((u) => u.name.split(" ")[0]!)) expect(prose).not.toContain(name);
    expect(prose).not.toMatch(/careless|should have known|human error|negligent|forgot/i);
  });
});
