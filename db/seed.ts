// Demo data: `npm run db:seed` (or `tsx db/seed.ts`); `npm start` calls seedDemo on an empty database.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { addUser } from "../app/data/user-admin.server";
import { importCoe } from "../app/data/coe-import.server";
import { getDb, migrateDatabase, withTransaction, type Db } from "./client";
import { coes, teams, tenets, users, type Role } from "./schema";
import { eq } from "drizzle-orm";
import { CUSTOMER_RCA_DAYS } from "../app/domain/coe/customer-rca";

export const DEMO_PASSWORD = "demo-password";
export const DEMO_TEAMS = ["Storage", "Payments", "Edge/Networking", "Identity"] as const;
export const DEMO_USERS: { email: string; name: string; role: Role; team: (typeof DEMO_TEAMS)[number] }[] = [
  { email: "admin@example.com", name: "Avery Admin", role: "admin", team: "Storage" },
  { email: "reviewer@example.com", name: "Riley Reviewer", role: "reviewer", team: "Edge/Networking" },
  { email: "author@example.com", name: "Alex Author", role: "author", team: "Payments" },
  { email: "member@example.com", name: "Morgan Member", role: "member", team: "Identity" },
];

/** The demo organisation's tenets, in order (the seed COEs cite them by title). */
export const DEMO_TENETS = [
  { title: "Customers first", body: "Measure an incident by what customers experienced, and mitigate before we investigate." },
  { title: "Dive deep", body: "Ask why until the answer names something that, fixed, prevents a class of failures." },
  { title: "Roll out in stages", body: "Every change, configuration included, reaches production one wave at a time, with a way back." },
  { title: "Test at production scale", body: "A test that runs below peak load proves little about peak load." },
] as const;

/**
 * How many days after impact started each demo COE's customer RCA was written (the format does not
 * carry it; an import leaves it unknown): two on time, one late, so the trends page shows both.
 */
const DEMO_RCA_WRITTEN_AFTER_DAYS: Record<string, number> = {
  "01-storage-stale-reads.coe.json": 5,
  "02-payments-authorisation-timeouts.coe.json": 9,
  "03-edge-cdn-config-push.coe.json": 3,
};

const seedDir = join(dirname(fileURLToPath(import.meta.url)), "seed");

export async function hasUsers(db: Db): Promise<boolean> {
  return (await db.select({ id: users.id }).from(users).limit(1)).length > 0;
}

/**
 * Teams, the four demo users and every db/seed/*.coe.json, imported as the author. Expects an
 * empty database (callers check hasUsers); throws on the first document that does not import,
 * so a broken seed file fails loudly instead of leaving a half-seeded demo.
 */
export async function seedDemo(db: Db): Promise<{ userIds: Record<string, number>; coeIds: number[] }> {
  await withTransaction(db, async (tx) => {
    for (const name of DEMO_TEAMS) await tx.insert(teams).values({ name }).onConflictDoNothing();
    // Before the COEs, which cite them by title.
    for (const [position, tenet] of DEMO_TENETS.entries()) await tx.insert(tenets).values({ ...tenet, position });
  });
  const userIds: Record<string, number> = {};
  for (const user of DEMO_USERS) {
    const added = await addUser(db, { ...user, password: DEMO_PASSWORD });
    if (!added.ok) throw new Error(`seed: ${added.error}`);
    userIds[user.email] = added.userId;
  }
  const files = readdirSync(seedDir)
    .filter((f) => f.endsWith(".coe.json"))
    .sort();
  const coeIds: number[] = [];
  for (const file of files) {
    const result = await importCoe(db, JSON.parse(readFileSync(join(seedDir, file), "utf8")), { actorId: userIds["author@example.com"] });
    if (!result.ok) throw new Error(`seed: db/seed/${file} does not import:\n${result.errors.map((e) => `  ${e.path}: ${e.message}`).join("\n")}`);
    if (result.warnings.length) throw new Error(`seed: db/seed/${file}: ${result.warnings.join("; ")}`);
    coeIds.push(result.coeId);
    const writtenAfter = DEMO_RCA_WRITTEN_AFTER_DAYS[file];
    if (writtenAfter !== undefined) await recordRcaWritten(db, result.coeId, writtenAfter);
  }
  return { userIds, coeIds };
}

async function recordRcaWritten(db: Db, coeId: number, daysAfterImpact: number) {
  const [coe] = await db.select({ dueAt: coes.rcaDueAt }).from(coes).where(eq(coes.id, coeId));
  if (!coe?.dueAt) throw new Error(`seed: COE ${coeId} has a customer RCA but no impact start`);
  const writtenAt = new Date(coe.dueAt.getTime() - (CUSTOMER_RCA_DAYS - daysAfterImpact) * 86_400_000);
  await withTransaction(db, (tx) => tx.update(coes).set({ rcaWrittenAt: writtenAt }).where(eq(coes.id, coeId)));
}

export function demoLoginsTable(): string {
  const rows = DEMO_USERS.map((u) => [u.email, DEMO_PASSWORD, u.role]);
  const widths = [0, 1, 2].map((i) => Math.max(...[["email", "password", "role"], ...rows].map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(["email", "password", "role"]), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

async function main() {
  await migrateDatabase();
  const db = getDb();
  if (await hasUsers(db)) {
    console.log("Database already has users; not seeding.");
    return;
  }
  const { coeIds } = await seedDemo(db);
  console.log(`Seeded ${DEMO_USERS.length} users and ${coeIds.length} COEs. Demo logins:\n${demoLoginsTable()}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
