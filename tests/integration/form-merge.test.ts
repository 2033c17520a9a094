import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { FormResult } from "~/components/coe/form-result";
import { importCoe } from "~/data/coe-import.server";
import { currentFormValues } from "~/data/coe-form-values.server";
import { MERGED_FORMS, type MergedForm } from "~/domain/coe/form-values";
import { sectionVersionOf } from "~/data/section-versions.server";
import type { CoeSection } from "~/domain/coe/sections";
import { action as editAction } from "~/routes/coes.$coeId.edit/route";
import { coeIntents } from "~/routes/coes.$coeId.edit/coe-intents.server";
import { listIntents } from "~/routes/coes.$coeId.edit/list-intents.server";
import { whyIntents } from "~/routes/coes.$coeId.edit/why-intents.server";
import { withTransaction, type Db } from "../../db/client";
import { actionItems, coeAuthors, coes, dependencies, lessons, timelineEntries, whyNodes } from "../../db/schema";
import { postForm, returnedData, returnedStatus, routeArgs, thrownStatus } from "../setup/route-args";
import { freshDb } from "../setup/test-db";
import { insertTeam, insertUser, sessionCookieFor } from "../setup/users";

/*
 * Two people, one form, field-level merges (issue 9 §1): for every form that edits something
 * existing, A saves first and B, based on the same version, saves next. Disjoint changes both
 * survive B's second save; a field both changed is offered as a choice, and saving without
 * choosing is refused.
 */

type Values = Record<string, string>;

const CHECKBOX = /^(closeout\w+|isCustomerFacing|why-\d+)$/;

/** What a browser posts for these values: an unchecked checkbox is absent. */
const asBrowser = (values: Values) => Object.fromEntries(Object.entries(values).filter(([k, v]) => !(CHECKBOX.test(k) && v === "")));

async function world(db: Db) {
  const team = await insertTeam(db, "Storage");
  await insertTeam(db, "Network");
  const a = await insertUser(db, "author");
  const b = await insertUser(db, "author");
  const imported = await importCoe(db, { schemaVersion: 1, title: "Disk full", severity: 2, team: "Storage" }, { actorId: a.id });
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  const coeId = imported.coeId;
  await withTransaction(db, (tx) => tx.insert(coeAuthors).values({ coeId, userId: b.id }));
  return { coeId, team, a, b, cookieA: await sessionCookieFor(a.id), cookieB: await sessionCookieFor(b.id) };
}

function post(coeId: number, fields: Values, cookie: string) {
  return editAction(routeArgs(`http://t/coes/${coeId}/edit`, { coeId: String(coeId) }, postForm(`http://t/coes/${coeId}/edit`, fields, cookie)));
}

async function mustRedirect(p: Promise<unknown>) {
  const r = await thrownStatus(p).catch(async () => ({ status: returnedStatus(await p), data: returnedData(await p) }));
  expect(r, JSON.stringify(r)).toMatchObject({ status: 302 });
}

type Case = {
  form: MergedForm;
  section: CoeSection;
  /** Creates the row the form edits; returns its id. */
  row?: (db: Db, coeId: number, cookie: string) => Promise<number>;
  /** Disjoint changes by A and B. */
  a: Values;
  b: Values;
  /** One field both change, to these values. */
  same: [field: string, mine: string, theirs: string];
};

const newestId = async (db: Db, table: typeof timelineEntries | typeof actionItems | typeof dependencies | typeof lessons | typeof whyNodes) =>
  Math.max(...(await db.select({ id: table.id }).from(table)).map((r) => r.id));

async function addRow(db: Db, coeId: number, cookie: string, section: CoeSection, fields: Values) {
  await mustRedirect(post(coeId, { formId: "new", baseVersion: String(await sectionVersionOf(db, coeId, section)), ...fields }, cookie));
}

async function addWhys(db: Db, coeId: number, cookie: string) {
  await addRow(db, coeId, cookie, "whys", { intent: "add-why", parentId: "", text: "Why did the disk fill?" });
  const root = await newestId(db, whyNodes);
  await addRow(db, coeId, cookie, "whys", { intent: "add-why", parentId: String(root), text: "Logs were never rotated" });
  await addRow(db, coeId, cookie, "whys", { intent: "add-why", parentId: String(root), text: "No alarm on disk use" });
  return (await db.select({ id: whyNodes.id }).from(whyNodes).where(eq(whyNodes.coeId, coeId)).orderBy(whyNodes.id)).map((r) => r.id);
}

const CASES: Case[] = [
  {
    form: "header",
    section: "header",
    a: { title: "Disks full on storage nodes", severity: "1" },
    b: { event: "Storage outage" },
    same: ["title", "B's title", "A's title"],
  },
  {
    form: "customer-impact",
    section: "customer-impact",
    a: { errorRate: "3% of writes", startedLocal: "2019-07-02T13:42:00" },
    b: { affected: "1,200 customers", regions: "eu-west-1" },
    same: ["errorRate", "5%", "3%"],
  },
  {
    form: "closeout",
    section: "closeout",
    a: { closeoutFixesValidated: "on" },
    b: { closeoutDataPreserved: "on" },
    same: ["closeoutFollowupsAssigned", "on", "on"],
  },
  {
    form: "edit-timeline",
    section: "timeline",
    row: async (db, coeId, cookie) => {
      await addRow(db, coeId, cookie, "timeline", {
        intent: "add-timeline",
        local: "2019-07-02T13:42",
        offset: "+00:00",
        kind: "detected",
        text: "Alarm",
        link: "",
      });
      return newestId(db, timelineEntries);
    },
    a: { text: "Disk alarm fired" },
    b: { kind: "impact_start", link: "https://example.com/graph" },
    same: ["text", "B's text", "A's text"],
  },
  {
    form: "edit-action-item",
    section: "action-items",
    row: async (db, coeId, cookie) => {
      await addRow(db, coeId, cookie, "action-items", { intent: "add-action-item", title: "Rotate logs", horizon: "short", status: "open" });
      return newestId(db, actionItems);
    },
    a: { title: "Rotate logs daily", isCustomerFacing: "on" },
    b: { scaling: "centralized_change", validationNote: "Filled a disk in staging" },
    same: ["horizon", "mid", "long"],
  },
  {
    form: "edit-dependency",
    section: "dependencies",
    row: async (db, coeId, cookie) => {
      await addRow(db, coeId, cookie, "dependencies", { intent: "add-dependency", name: "Log shipper" });
      return newestId(db, dependencies);
    },
    a: { name: "The log shipper" },
    b: { performedAsPromised: "no", failureMode: "expected" },
    same: ["implementationValidated", "yes", "no"],
  },
  {
    form: "lesson-links",
    section: "lessons",
    row: async (db, coeId, cookie) => {
      await addWhys(db, coeId, cookie);
      await addRow(db, coeId, cookie, "lessons", { intent: "add-lesson", text: "Rotate what grows" });
      return newestId(db, lessons);
    },
    // Filled in per test: the why ids are only known once they exist.
    a: {},
    b: {},
    same: ["", "", ""],
  },
  {
    form: "edit-why",
    section: "whys",
    row: async (db, coeId, cookie) => (await addWhys(db, coeId, cookie)).at(-1)!,
    a: { text: "No alarm on disk use above 80%" },
    b: { evidence: "https://example.com/dashboard" },
    same: ["text", "B's why", "A's why"],
  },
];

describe("a 409 merges every edit form field by field", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("covers every merged form", () => {
    expect(CASES.map((c) => c.form).sort()).toEqual([...MERGED_FORMS].sort());
    // Each merged form is an intent the edit page handles.
    const handlers = { ...coeIntents, ...listIntents, ...whyIntents };
    for (const form of MERGED_FORMS) expect(Object.hasOwn(handlers, form)).toBe(true);
  });

  async function start(c: Case) {
    const w = await world(db);
    const rowId = c.row ? await c.row(db, w.coeId, w.cookieA) : undefined;
    let { a, b } = c;
    if (c.form === "lesson-links") {
      const [, rotate, alarm] = (await db.select({ id: whyNodes.id }).from(whyNodes).where(eq(whyNodes.coeId, w.coeId)).orderBy(whyNodes.id)).map((r) => r.id);
      a = { [`why-${rotate}`]: "on" };
      b = { [`why-${alarm}`]: "on" };
    }
    const base = (await currentFormValues(db, w.coeId, c.form, rowId))!;
    const baseVersion = String(await sectionVersionOf(db, w.coeId, c.section));
    const fields = (values: Values, v = baseVersion, formBase = base) => ({
      intent: c.form,
      formId: c.form,
      baseVersion: v,
      ...(rowId ? { id: String(rowId) } : {}),
      formBase: JSON.stringify(formBase),
      ...asBrowser(values),
    });
    const current = async () => (await currentFormValues(db, w.coeId, c.form, rowId))!;
    return { ...w, rowId, base, a, b, fields, current };
  }

  it.each(CASES.map((c) => [c.form, c] as const))("%s: disjoint changes both survive B's second save", async (_, c) => {
    const t = await start(c);
    await mustRedirect(post(t.coeId, t.fields({ ...t.base, ...t.a }), t.cookieA));
    const stale = await post(t.coeId, t.fields({ ...t.base, ...t.b }), t.cookieB);
    expect(returnedStatus(stale)).toBe(409);
    const answer = returnedData<FormResult>(stale);
    expect(answer.merge?.conflicts).toEqual([]);
    expect([...answer.merge!.takenFromThem].sort()).toEqual(Object.keys(t.a).sort());
    // B saves again from what the page now shows: the merged values on the current version.
    const now = await t.current();
    await mustRedirect(post(t.coeId, t.fields(answer.values!, String(await sectionVersionOf(db, t.coeId, c.section)), now), t.cookieB));
    const after = await t.current();
    for (const [field, value] of Object.entries({ ...t.a, ...t.b })) expect(after[field], field).toBe(value);
  });

  it.each(CASES.filter((c) => c.same[0] && c.same[1] !== c.same[2]).map((c) => [c.form, c] as const))(
    "%s: a field both changed is offered as a choice; saving without choosing is refused",
    async (_, c) => {
      const t = await start(c);
      const [field, mine, theirs] = c.same;
      await mustRedirect(post(t.coeId, t.fields({ ...t.base, [field]: theirs }), t.cookieA));
      const stale = await post(t.coeId, t.fields({ ...t.base, [field]: mine }), t.cookieB);
      expect(returnedStatus(stale)).toBe(409);
      const answer = returnedData<FormResult>(stale);
      expect(answer.merge?.conflicts).toEqual([field]);
      expect(answer.values?.[field]).toBe(mine);

      const now = await t.current();
      const again = async (extra: Values) =>
        post(t.coeId, { ...t.fields(answer.values!, String(await sectionVersionOf(db, t.coeId, c.section)), now), formConflicts: field, ...extra }, t.cookieB);
      const unchosen = await again({});
      expect(returnedStatus(unchosen)).toBe(400);
      const refused = returnedData<FormResult>(unchosen);
      expect(Object.keys(refused.errors ?? {})).toContain(`choose.${field}`);
      expect(refused.merge?.conflicts).toEqual([field]);
      expect((await t.current())[field]).toBe(theirs);

      await mustRedirect(again({ [`choose.${field}`]: "mine" }));
      expect((await t.current())[field]).toBe(mine);
    },
  );

  it.each(["closeout", "lesson-links"] as const)("%s: checkboxes cannot conflict; the same box checked by both is no conflict", async (form) => {
    const c = CASES.find((x) => x.form === form)!;
    const t = await start(c);
    const box = Object.keys(t.base).find((k) => t.base[k] === "")!;
    await mustRedirect(post(t.coeId, t.fields({ ...t.base, [box]: "on" }), t.cookieA));
    const stale = await post(t.coeId, t.fields({ ...t.base, [box]: "on", ...t.b }), t.cookieB);
    expect(returnedStatus(stale)).toBe(409);
    expect(returnedData<FormResult>(stale).merge).toEqual({ takenFromThem: [], conflicts: [] });
  });

  it("the issue's case: A changes title and severity; B edits the event, gets the 409, saves again; A's title and severity survive", async () => {
    const t = await start(CASES[0]!);
    await mustRedirect(post(t.coeId, t.fields({ ...t.base, title: "Disks full on storage nodes", severity: "1" }), t.cookieA));
    const stale = await post(t.coeId, t.fields({ ...t.base, event: "Storage outage" }), t.cookieB);
    expect(returnedStatus(stale)).toBe(409);
    const answer = returnedData<FormResult>(stale);
    await mustRedirect(post(t.coeId, t.fields(answer.values!, String(await sectionVersionOf(db, t.coeId, "header")), await t.current()), t.cookieB));
    expect((await db.select().from(coes).where(eq(coes.id, t.coeId)))[0]).toMatchObject({ title: "Disks full on storage nodes", severity: 1 });
    expect((await t.current()).event).toBe("Storage outage");
  });

  it("taking theirs stores theirs, whatever the field holds", async () => {
    const t = await start(CASES[0]!);
    await mustRedirect(post(t.coeId, t.fields({ ...t.base, title: "A's title" }), t.cookieA));
    const answer = returnedData<FormResult>(await post(t.coeId, t.fields({ ...t.base, title: "B's title" }), t.cookieB));
    await mustRedirect(
      post(
        t.coeId,
        {
          ...t.fields(answer.values!, String(await sectionVersionOf(db, t.coeId, "header")), await t.current()),
          formConflicts: "title",
          "choose.title": "theirs",
        },
        t.cookieB,
      ),
    );
    expect((await t.current()).title).toBe("A's title");
  });

  it("a row deleted meanwhile answers 404 and keeps the typed text", async () => {
    const c = CASES.find((x) => x.form === "edit-timeline")!;
    const t = await start(c);
    await mustRedirect(
      post(
        t.coeId,
        { intent: "delete-timeline", formId: "x", id: String(t.rowId), baseVersion: String(await sectionVersionOf(db, t.coeId, "timeline")) },
        t.cookieA,
      ),
    );
    const r = await post(t.coeId, t.fields({ ...t.base, text: "My careful words" }), t.cookieB);
    expect(returnedStatus(r)).toBe(404);
    expect(returnedData<FormResult>(r).values?.text).toBe("My careful words");
  });

  it("a malformed base or a conflict not in it is a 400 and writes nothing", async () => {
    const t = await start(CASES[0]!);
    for (const extra of [
      { formBase: "{" },
      { formBase: '{"title":5}' },
      { formConflicts: "constructor,", formBase: '{"title":"x"}' },
      { formConflicts: "title" },
    ] as Values[]) {
      const r = await post(t.coeId, { ...t.fields({ ...t.base, title: "Forged" }), ...extra }, t.cookieA);
      expect(returnedStatus(r)).toBe(400);
    }
    expect((await t.current()).title).toBe("Disk full");
  });
});
