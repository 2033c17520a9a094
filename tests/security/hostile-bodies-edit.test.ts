import { beforeAll, expect, it } from "vitest";
import { coeIntents } from "~/routes/coes.$coeId.edit/coe-intents.server";
import { listIntents } from "~/routes/coes.$coeId.edit/list-intents.server";
import { whyIntents } from "~/routes/coes.$coeId.edit/why-intents.server";
import { DEFAULT_LIMITS } from "~/server/config.server";
import { getDb } from "../../db/client";
import { arrangeFuzzWorld, editTargets, type FuzzWorld } from "../fixtures/fuzz-targets";
import { expectFuzzHolds } from "../fixtures/fuzz-run";
import { setUpTestServer } from "../setup/test-server";
import { reportCases } from "./cases";

/**
 * Hostile bodies, family 1 of 2: every action intent of the edit page (taken from its handler
 * tables, so a new intent is fuzzed the day it is added) gets a few hundred malformed bodies over
 * real HTTP, signed in as the COE's author with the page's own Origin and current section
 * versions, so the only reason to refuse is the malformation. Every answer must be a 4xx, the
 * database must be unchanged, and the server must still answer. FUZZ_SEED=<n> replays a run.
 */
const server = setUpTestServer();
let world: FuzzWorld;

beforeAll(async () => {
  world = await arrangeFuzzWorld(getDb());
});

it("every edit intent answers malformed bodies with a 4xx and writes nothing", async () => {
  const db = getDb();
  const intents = Object.keys({ ...coeIntents, ...whyIntents, ...listIntents });
  expect(intents.length).toBeGreaterThan(20);
  const targets = editTargets(world, intents, DEFAULT_LIMITS.form);
  reportCases("hostile-bodies", await expectFuzzHolds({ server: server(), db, cookie: world.cookie, targets, label: "edit intents" }));
}, 180_000);
