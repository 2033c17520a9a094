import { beforeAll, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "~/server/config.server";
import { getDb } from "../../db/client";
import { expectFuzzHolds } from "../fixtures/fuzz-run";
import { arrangeFuzzWorld, autosaveTargets, loginTarget, newCoeTarget, restoreTarget, type FuzzWorld } from "../fixtures/fuzz-targets";
import { setUpTestServer } from "../setup/test-server";
import { reportCases } from "./cases";

/**
 * Hostile bodies, family 2 of 2: the new-COE form, the history page's restore form, the sign-in
 * form (signed out, under the small signed-out limit) and the JSON autosave endpoint of every
 * narrative section and every kind of row field. As for the edit intents: a few hundred
 * malformed requests each, every answer a 4xx, the database unchanged, the server still up.
 */
const server = setUpTestServer();
let world: FuzzWorld;

beforeAll(async () => {
  world = await arrangeFuzzWorld(getDb());
});

it("the new-COE, restore and sign-in forms and every autosave field answer malformed bodies with a 4xx and write nothing", async () => {
  const db = getDb();
  const targets = [
    newCoeTarget(world, DEFAULT_LIMITS.form),
    restoreTarget(world, DEFAULT_LIMITS.form),
    loginTarget(DEFAULT_LIMITS.signedOut),
    ...autosaveTargets(world, DEFAULT_LIMITS.json),
  ];
  expect(targets.filter((t) => t.type === "json").map((t) => t.name)).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/autosave impact-summary/),
      expect.stringMatching(/autosave lesson-\d+/),
      expect.stringMatching(/autosave dependency-\d+/),
    ]),
  );
  reportCases("hostile-bodies", await expectFuzzHolds({ server: server(), db, cookie: world.cookie, targets, label: "forms and autosave" }));
}, 180_000);
