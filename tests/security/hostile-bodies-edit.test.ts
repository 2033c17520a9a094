import { beforeAll, expect, it } from "vitest";
import { coeIntents } from "~/routes/coes.$coeId.edit/coe-intents.server";
import { listIntents } from "~/routes/coes.$coeId.edit/list-intents.server";
import { whyIntents } from "~/routes/coes.$coeId.edit/why-intents.server";
import { DEFAULT_LIMITS } from "~/server/config.server";
import { getDb } from "../../db/client";
import { arrangeFuzzWorld, editTargets, type FuzzWorld } from "../fixtures/fuzz-targets";
import { failureReport, runFuzz, watchForConstraintFallbacks } from "../fixtures/fuzz-run";
import { snapshotTables } from "../setup/db-snapshot";
import { useTestServer } from "../setup/test-server";
import { reportCases } from "./cases";

/**
 * Hostile bodies, family 1 of 2: every action intent of the edit page (taken from its handler
 * tables, so a new intent is fuzzed the day it is added) gets a few hundred malformed bodies over
 * real HTTP, signed in as the COE's author with the page's own Origin and current section
 * versions, so the only reason to refuse is the malformation. Every answer must be a 4xx, the
 * database must be unchanged, and the server must still answer. FUZZ_SEED=<n> replays a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 8_2026);
const PER_TARGET = Number(process.env.FUZZ_PER_TARGET ?? 200);
const server = useTestServer();
let world: FuzzWorld;

beforeAll(async () => {
  world = await arrangeFuzzWorld(getDb());
});

it("every edit intent answers malformed bodies with a 4xx and writes nothing", async () => {
  const db = getDb();
  const intents = Object.keys({ ...coeIntents, ...whyIntents, ...listIntents });
  expect(intents.length).toBeGreaterThan(20);
  const targets = editTargets(world, intents, DEFAULT_LIMITS.form);
  const before = snapshotTables(db);
  const complaints = watchForConstraintFallbacks(server());
  const run = await runFuzz({ db, origin: server().origin, cookie: world.cookie, targets, perTarget: PER_TARGET, seed: SEED, serverComplaint: complaints.next });
  expect(run.failures, failureReport(SEED, run.failures)).toEqual([]);
  expect(snapshotTables(db)).toEqual(before);
  expect((await fetch(`${server().origin}/healthz`)).status).toBe(200);
  console.log(`hostile bodies (edit intents, FUZZ_SEED=${SEED}): ${run.sent} requests to ${targets.length} intents, answers ${JSON.stringify(run.statuses)}`);
  reportCases("hostile-bodies", run.sent);
}, 180_000);
