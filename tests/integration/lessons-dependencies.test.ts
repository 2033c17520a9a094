import { revisionCount } from "../factories";
import { asc, count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { exportCoe } from "~/data/coe-export.server";
import { importCoe } from "~/data/coe-import.server";
import { plainTextToDoc } from "~/domain/coe/plain-text-doc";
import { sectionVersionOf } from "~/data/section-versions.server";
import { action as editAction } from "~/routes/coes.$coeId.edit/route";
import { action as autosaveAction } from "~/routes/coes.$coeId.sections.$section";
import type { Db } from "../../db/client";
import { actionItems, coes, dependencies, lessons, lessonWhyLinks, revisions, whyNodes } from "../../db/schema";
import { postForm, returnedData, returnedStatus, routeArgs, thrownStatus } from "../setup/route-args";
import { snapshotTables } from "../setup/db-snapshot";
import { freshDb } from "../setup/test-db";
import { insertTeam, insertUser, sessionCookieFor } from "../setup/users";

const TREE = {
  text: "3% of API calls failed for 45 minutes",
  rootCause: false,
  children: [
    { text: "A config push removed a route", rootCause: true, children: [] },
    { text: "The alarm watched hosts, not customers", rootCause: true, children: [] },
  ],
};

async function setup(db: Db) {
  await insertTeam(db, "Storage");
  const author = await insertUser(db, "author");
  const member = await insertUser(db, "member");
  const make = async (title: string) => {
    const imported = await importCoe(
      db,
      {
        schemaVersion: 1,
        title,
        severity: 2,
        team: "Storage",
        whys: TREE,
        lessons: [{ text: "Config changes need the same care as code.", whyPath: "0.0" }],
        dependencies: [{ name: "DNS provider", performedAsPromised: "yes", notes: "Answered every query." }],
        actionItems: [{ title: "Validate config pushes", horizon: "short", lessonIndex: 0 }],
      },
      { actorId: author.id },
    );
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    return imported.coeId;
  };
  const coeId = await make("API errors");
  const otherCoeId = await make("Another COE");
  return { author, member, coeId, otherCoeId, cookie: await sessionCookieFor(author.id) };
}

const edit = (coeId: number, fields: Record<string, string | number>, cookie: string) =>
  editAction(routeArgs(`http://t/coes/${coeId}/edit`, { coeId: String(coeId) }, postForm(`http://t/coes/${coeId}/edit`, fields, cookie)));

const autosave = (coeId: number, key: string, body: unknown, cookie?: string) =>
  autosaveAction(
    routeArgs(
      `http://t/coes/${coeId}/sections/${key}`,
      { coeId: String(coeId), section: key },
      {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "Content-Type": "application/json", ...(cookie ? { Cookie: cookie } : {}) },
      },
    ),
  );

const lessonRows = (db: Db, coeId: number) => db.select().from(lessons).where(eq(lessons.coeId, coeId)).orderBy(asc(lessons.position));
const dependencyRows = (db: Db, coeId: number) => db.select().from(dependencies).where(eq(dependencies.coeId, coeId)).orderBy(asc(dependencies.position));
const whyIds = (db: Db, coeId: number) =>
  db.select({ id: whyNodes.id, text: whyNodes.text }).from(whyNodes).where(eq(whyNodes.coeId, coeId)).orderBy(whyNodes.id);
const whyIdOf = async (db: Db, coeId: number, text: string) => (await whyIds(db, coeId)).find((w) => w.text === text)!.id;
const linksOf = async (db: Db, lessonId: number) =>
  (await db.select({ id: lessonWhyLinks.whyNodeId }).from(lessonWhyLinks).where(eq(lessonWhyLinks.lessonId, lessonId))).map((r) => r.id).sort();
const texts = async (db: Db, coeId: number) => (await exportCoe(db, coeId))!.lessons.map((l) => l.text);

describe("lessons on the edit page", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("adds a lesson as rich text linked to the whys ticked, with a revision", async () => {
    const { coeId, cookie } = await setup(db);
    const a = await whyIdOf(db, coeId, "A config push removed a route");
    const b = await whyIdOf(db, coeId, "The alarm watched hosts, not customers");
    const before = await revisionCount(db, coeId);
    const res = await thrownStatus(
      edit(
        coeId,
        {
          intent: "add-lesson",
          formId: "lesson-new",
          baseVersion: await sectionVersionOf(db, coeId, "lessons"),
          text: "Alarms must watch what customers see.\n\nNot only hosts.",
          [`why-${a}`]: "on",
          [`why-${b}`]: "on",
        },
        cookie,
      ),
    );
    expect(res.status).toBe(302);
    const added = (await lessonRows(db, coeId))[1]!;
    expect(res.location).toBe(`/coes/${coeId}/edit#lesson-${added.id}`);
    expect(added.text).toEqual(plainTextToDoc("Alarms must watch what customers see.\n\nNot only hosts."));
    expect(await linksOf(db, added.id)).toEqual([a, b].sort());
    expect(await revisionCount(db, coeId)).toBe(before + 1);
  });

  it("refuses an empty lesson and a why of another COE (or an unknown one) with field errors; nothing is written", async () => {
    const { coeId, otherCoeId, cookie } = await setup(db);
    const base = await sectionVersionOf(db, coeId, "lessons");
    const empty = await edit(coeId, { intent: "add-lesson", formId: "lesson-new", baseVersion: base, text: "   " }, cookie);
    expect(returnedStatus(empty)).toBe(400);
    expect(returnedData<{ errors: Record<string, string> }>(empty).errors.text).toMatch(/lesson is required/i);
    const foreign = (await whyIds(db, otherCoeId))[0]!.id;
    // The whys a lesson links to are references, not the row the form is about: a 400 on whyIds.
    const before = await snapshotTables(db);
    for (const why of [foreign, 987654]) {
      const stolen = await edit(coeId, { intent: "add-lesson", formId: "lesson-new", baseVersion: base, text: "x", [`why-${why}`]: "on" }, cookie);
      expect(returnedStatus(stolen)).toBe(400);
      expect(returnedData<{ errors: Record<string, string> }>(stolen).errors).toEqual({ whyIds: expect.stringMatching(/not in this COE/) });
      const lesson = (await lessonRows(db, coeId))[0]!;
      const relinked = await edit(coeId, { intent: "lesson-links", formId: "x", id: lesson.id, baseVersion: base, [`why-${why}`]: "on" }, cookie);
      expect(returnedStatus(relinked)).toBe(400);
      expect(returnedData<{ errors: Record<string, string> }>(relinked).errors).toHaveProperty("whyIds");
    }
    expect(await snapshotTables(db)).toEqual(before);
    expect(await lessonRows(db, coeId)).toHaveLength(1);
    expect(await sectionVersionOf(db, coeId, "lessons")).toBe(base);
  });

  it("replaces a lesson's links, moves lessons and deletes one (its action item stays, unlinked)", async () => {
    const { coeId, cookie } = await setup(db);
    const [first] = await lessonRows(db, coeId);
    const b = await whyIdOf(db, coeId, "The alarm watched hosts, not customers");
    expect(
      (
        await thrownStatus(
          edit(
            coeId,
            {
              intent: "lesson-links",
              formId: `lesson-links-${first!.id}`,
              id: first!.id,
              baseVersion: await sectionVersionOf(db, coeId, "lessons"),
              [`why-${b}`]: "on",
            },
            cookie,
          ),
        )
      ).status,
    ).toBe(302);
    expect(await linksOf(db, first!.id)).toEqual([b]);

    await thrownStatus(
      edit(coeId, { intent: "add-lesson", formId: "lesson-new", baseVersion: await sectionVersionOf(db, coeId, "lessons"), text: "Second lesson" }, cookie),
    );
    const second = (await lessonRows(db, coeId))[1]!;
    expect(
      (
        await thrownStatus(
          edit(
            coeId,
            { intent: "move-lesson", formId: `lesson-${second.id}`, id: second.id, direction: "up", baseVersion: await sectionVersionOf(db, coeId, "lessons") },
            cookie,
          ),
        )
      ).status,
    ).toBe(302);
    expect((await lessonRows(db, coeId)).map((l) => l.id)).toEqual([second.id, first!.id]);
    // Moving the top one up changes nothing but is not an error.
    expect(
      (
        await thrownStatus(
          edit(
            coeId,
            { intent: "move-lesson", formId: `lesson-${second.id}`, id: second.id, direction: "up", baseVersion: await sectionVersionOf(db, coeId, "lessons") },
            cookie,
          ),
        )
      ).status,
    ).toBe(302);
    expect((await lessonRows(db, coeId)).map((l) => l.id)).toEqual([second.id, first!.id]);

    expect(
      (
        await thrownStatus(
          edit(
            coeId,
            { intent: "delete-lesson", formId: `lesson-${first!.id}`, id: first!.id, baseVersion: await sectionVersionOf(db, coeId, "lessons") },
            cookie,
          ),
        )
      ).status,
    ).toBe(302);
    expect((await lessonRows(db, coeId)).map((l) => l.id)).toEqual([second.id]);
    expect((await db.select().from(actionItems).where(eq(actionItems.coeId, coeId)))[0]).toMatchObject({ title: "Validate config pushes", lessonId: null });
    // The deleted lesson's text stays in the history.
    const previous = (await db.select().from(revisions).where(eq(revisions.coeId, coeId)).orderBy(asc(revisions.id))).at(-2)!;
    expect(JSON.stringify(previous.snapshot)).toContain("Config changes need the same care as code.");
  });

  it("answers 409 to a stale lessons form and 404 to another COE's lesson", async () => {
    const { coeId, otherCoeId, cookie } = await setup(db);
    const base = await sectionVersionOf(db, coeId, "lessons");
    await thrownStatus(edit(coeId, { intent: "add-lesson", formId: "lesson-new", baseVersion: base, text: "First" }, cookie));
    const stale = await edit(coeId, { intent: "add-lesson", formId: "lesson-new", baseVersion: base, text: "Typed on an old page" }, cookie);
    expect(returnedStatus(stale)).toBe(409);
    expect(returnedData<{ values: Record<string, string> }>(stale).values.text).toBe("Typed on an old page");
    const foreign = (await lessonRows(db, otherCoeId))[0]!.id;
    expect(
      returnedStatus(
        await edit(coeId, { intent: "delete-lesson", formId: "x", id: foreign, baseVersion: await sectionVersionOf(db, coeId, "lessons") }, cookie),
      ),
    ).toBe(404);
    expect(await lessonRows(db, otherCoeId)).toHaveLength(1);
  });
});

describe("dependencies on the edit page", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("adds one with its answers and first notes, edits the answers, moves and deletes", async () => {
    const { coeId, cookie } = await setup(db);
    const add = {
      intent: "add-dependency",
      formId: "dependency-new",
      name: "Card networks",
      performedAsPromised: "no",
      implementationValidated: "unknown",
      failureMode: "novel",
      notes: "Timed out for 4 minutes.",
    };
    expect((await thrownStatus(edit(coeId, { ...add, baseVersion: await sectionVersionOf(db, coeId, "dependencies") }, cookie))).status).toBe(302);
    const [dns, cards] = await dependencyRows(db, coeId);
    expect(cards).toMatchObject({ name: "Card networks", performedAsPromised: "no", failureMode: "novel", notes: plainTextToDoc("Timed out for 4 minutes.") });

    const change = {
      intent: "edit-dependency",
      formId: `dependency-${cards!.id}`,
      id: cards!.id,
      name: "Card network gateway",
      performedAsPromised: "no",
      implementationValidated: "yes",
      failureMode: "",
    };
    expect((await thrownStatus(edit(coeId, { ...change, baseVersion: await sectionVersionOf(db, coeId, "dependencies") }, cookie))).status).toBe(302);
    // The notes are left to their own editor.
    expect((await dependencyRows(db, coeId))[1]).toMatchObject({
      name: "Card network gateway",
      implementationValidated: "yes",
      failureMode: null,
      notes: plainTextToDoc("Timed out for 4 minutes."),
    });

    await thrownStatus(
      edit(
        coeId,
        { intent: "move-dependency", formId: "x", id: cards!.id, direction: "up", baseVersion: await sectionVersionOf(db, coeId, "dependencies") },
        cookie,
      ),
    );
    expect((await dependencyRows(db, coeId)).map((d) => d.id)).toEqual([cards!.id, dns!.id]);
    await thrownStatus(
      edit(coeId, { intent: "delete-dependency", formId: "x", id: dns!.id, baseVersion: await sectionVersionOf(db, coeId, "dependencies") }, cookie),
    );
    expect((await dependencyRows(db, coeId)).map((d) => d.id)).toEqual([cards!.id]);
  });

  it("gives field errors for a missing name and an unknown answer, writing nothing", async () => {
    const { coeId, cookie } = await setup(db);
    const base = await sectionVersionOf(db, coeId, "dependencies");
    const bad = await edit(
      coeId,
      {
        intent: "add-dependency",
        formId: "dependency-new",
        baseVersion: base,
        name: " ",
        performedAsPromised: "maybe",
        implementationValidated: "yes",
        failureMode: "cosmic",
      },
      cookie,
    );
    expect(returnedStatus(bad)).toBe(400);
    expect(Object.keys(returnedData<{ errors: object }>(bad).errors).sort()).toEqual(["failureMode", "name", "performedAsPromised"]);
    expect(await dependencyRows(db, coeId)).toHaveLength(1);
    expect(await sectionVersionOf(db, coeId, "dependencies")).toBe(base);
  });

  it("a member gets 403 and nothing changes", async () => {
    const { coeId, member } = await setup(db);
    const cookie = await sessionCookieFor(member.id);
    const res = await thrownStatus(edit(coeId, { intent: "add-dependency", formId: "dependency-new", baseVersion: 0, name: "x" }, cookie));
    expect(res.status).toBe(403);
    expect(await dependencyRows(db, coeId)).toHaveLength(1);
  });
});

describe("autosaving a row's rich text", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });
  const doc = (text: string) => plainTextToDoc(text);

  it("saves a lesson and a dependency's notes, each save a revision", async () => {
    const { coeId, cookie } = await setup(db);
    const lesson = (await lessonRows(db, coeId))[0]!;
    const dependency = (await dependencyRows(db, coeId))[0]!;
    const before = await revisionCount(db, coeId);
    const saved = await autosave(
      coeId,
      `lesson-${lesson.id}`,
      { doc: doc("Config is code."), baseVersion: await sectionVersionOf(db, coeId, "lessons") },
      cookie,
    );
    expect(returnedStatus(saved)).toBe(200);
    expect(returnedData<{ version: number }>(saved).version).toBe(await sectionVersionOf(db, coeId, "lessons"));
    expect(
      returnedStatus(
        await autosave(
          coeId,
          `dependency-${dependency.id}`,
          { doc: doc("Fine, and cached."), baseVersion: await sectionVersionOf(db, coeId, "dependencies") },
          cookie,
        ),
      ),
    ).toBe(200);
    expect(await texts(db, coeId)).toEqual([doc("Config is code.")]);
    expect((await exportCoe(db, coeId))!.dependencies[0]!.notes).toEqual(doc("Fine, and cached."));
    expect(await revisionCount(db, coeId)).toBe(before + 2);
  });

  it("answers a stale save with 409 and the lesson's current text, which tells a rebase from a real conflict", async () => {
    const { coeId, cookie } = await setup(db);
    const first = (await lessonRows(db, coeId))[0]!;
    const base = await sectionVersionOf(db, coeId, "lessons");
    await thrownStatus(edit(coeId, { intent: "add-lesson", formId: "lesson-new", baseVersion: base, text: "Another lesson" }, cookie));
    // Another lesson moved the section's version; this lesson's text is as the editor had it.
    const stale = await autosave(coeId, `lesson-${first.id}`, { doc: doc("Mine"), baseVersion: base }, cookie);
    expect(returnedStatus(stale)).toBe(409);
    const current = returnedData<{ current: { doc: unknown; version: number; html: string } }>(stale).current;
    expect(current).toMatchObject({ doc: first.text, version: await sectionVersionOf(db, coeId, "lessons") });
    expect(current.html).toContain("Config changes need the same care as code.");
    expect((await texts(db, coeId))[0]).toEqual(first.text);
  });

  it("refuses an empty lesson (400), a deleted or foreign row (404), bad documents (400), strangers (401/403)", async () => {
    const { coeId, otherCoeId, member, cookie } = await setup(db);
    const lesson = (await lessonRows(db, coeId))[0]!;
    const base = await sectionVersionOf(db, coeId, "lessons");
    const empty = await autosave(coeId, `lesson-${lesson.id}`, { doc: { type: "doc", content: [{ type: "paragraph" }] }, baseVersion: base }, cookie);
    expect(returnedStatus(empty)).toBe(400);
    expect(returnedData<{ message: string }>(empty).message).toMatch(/lesson needs some text/);
    // Dependency notes may be emptied.
    const dep = (await dependencyRows(db, coeId))[0]!;
    expect(
      returnedStatus(
        await autosave(
          coeId,
          `dependency-${dep.id}`,
          { doc: { type: "doc", content: [{ type: "paragraph" }] }, baseVersion: await sectionVersionOf(db, coeId, "dependencies") },
          cookie,
        ),
      ),
    ).toBe(200);

    const foreign = (await lessonRows(db, otherCoeId))[0]!;
    expect(returnedStatus(await autosave(coeId, `lesson-${foreign.id}`, { doc: doc("hijack"), baseVersion: base }, cookie))).toBe(404);
    expect((await lessonRows(db, otherCoeId))[0]!.text).toEqual(foreign.text);
    expect(returnedStatus(await autosave(coeId, "lesson-0", { doc: doc("x"), baseVersion: base }, cookie))).toBe(404);
    expect(returnedStatus(await autosave(coeId, "timeline", { doc: doc("x"), baseVersion: base }, cookie))).toBe(404);
    expect(
      returnedStatus(
        await autosave(coeId, `lesson-${lesson.id}`, { doc: { type: "doc", content: [{ type: "script", text: "x" }] }, baseVersion: base }, cookie),
      ),
    ).toBe(400);

    expect(returnedStatus(await autosave(coeId, `lesson-${lesson.id}`, { doc: doc("x"), baseVersion: base }))).toBe(401);
    expect(returnedStatus(await autosave(coeId, `lesson-${lesson.id}`, { doc: doc("x"), baseVersion: base }, await sessionCookieFor(member.id)))).toBe(403);

    await thrownStatus(edit(coeId, { intent: "delete-lesson", formId: "x", id: lesson.id, baseVersion: base }, cookie));
    const gone = await autosave(
      coeId,
      `lesson-${lesson.id}`,
      { doc: doc("Typed while it was deleted"), baseVersion: await sectionVersionOf(db, coeId, "lessons") },
      cookie,
    );
    expect(returnedStatus(gone)).toBe(404);
    expect(returnedData<{ message: string }>(gone).message).toMatch(/deleted/);
  });

  it("answers a body it cannot read with 415 or 400 naming the field, and writes nothing", async () => {
    const { coeId, cookie } = await setup(db);
    const lesson = (await lessonRows(db, coeId))[0]!;
    const key = `lesson-${lesson.id}`;
    const base = await sectionVersionOf(db, coeId, "lessons");
    const raw = (body: BodyInit, type: string) =>
      autosaveAction(
        routeArgs(
          `http://t/coes/${coeId}/sections/${key}`,
          { coeId: String(coeId), section: key },
          { method: "POST", body, headers: { "Content-Type": type, Cookie: cookie } },
        ),
      );
    const before = await snapshotTables(db);
    expect(returnedStatus(await raw(new URLSearchParams({ doc: "x", baseVersion: String(base) }), "application/x-www-form-urlencoded"))).toBe(415);
    expect(returnedStatus(await raw("{", "application/json"))).toBe(400);
    expect(returnedStatus(await raw(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), "application/json"))).toBe(400);
    const errorsOf = async (body: unknown) => {
      const r = await autosave(coeId, key, body, cookie);
      expect(returnedStatus(r), JSON.stringify(body)).toBe(400);
      return returnedData<{ errors: Record<string, string> }>(r).errors;
    };
    for (const body of [null, [], 3, "doc", true]) expect(await errorsOf(body)).toHaveProperty("form");
    for (const baseVersion of [String(base), -1, 1.5, null, undefined]) expect(await errorsOf({ doc: doc("x"), baseVersion })).toHaveProperty("baseVersion");
    for (const bad of [undefined, "text", { type: "doc", content: [{ type: "iframe" }] }, { type: "doc", content: "x" }])
      expect(await errorsOf({ doc: bad, baseVersion: base })).toHaveProperty("doc");
    expect(await errorsOf({ doc: { type: "doc", content: [{ type: "paragraph" }] }, baseVersion: base })).toEqual({
      doc: expect.stringMatching(/lesson needs some text/),
    });
    expect(await snapshotTables(db)).toEqual(before);
  });

  it("saves a lesson typed in the no-JavaScript form, and refuses it empty with a field error", async () => {
    const { coeId, cookie } = await setup(db);
    const lesson = (await lessonRows(db, coeId))[0]!;
    const form = { intent: "save-rich-text", formId: `lesson-${lesson.id}`, section: `lesson-${lesson.id}` };
    const res = await thrownStatus(
      edit(coeId, { ...form, text: "Plain paragraph one.\n\nTwo.", baseVersion: await sectionVersionOf(db, coeId, "lessons") }, cookie),
    );
    expect(res).toMatchObject({ status: 302, location: `/coes/${coeId}/edit#lesson-${lesson.id}` });
    expect(await texts(db, coeId)).toEqual([doc("Plain paragraph one.\n\nTwo.")]);
    const empty = await edit(coeId, { ...form, text: " ", baseVersion: await sectionVersionOf(db, coeId, "lessons") }, cookie);
    expect(returnedStatus(empty)).toBe(400);
    expect(returnedData<{ errors: Record<string, string> }>(empty).errors.text).toMatch(/lesson needs some text/);
  });
});

describe("interchange of rich lessons and notes", () => {
  it("imports documents and plain text alike, refuses bad and blank ones by path, and exports documents", async () => {
    const db = await freshDb();
    await insertTeam(db, "Storage");
    const rich = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Bold claim", marks: [{ type: "bold" }] }] }] };
    const base = { schemaVersion: 1, title: "Rich rows", severity: 3, team: "Storage" };
    const ok = await importCoe(db, { ...base, lessons: [{ text: rich }, { text: "Plain" }], dependencies: [{ name: "Queue", notes: rich }] });
    expect(ok.ok).toBe(true);
    const out = (await exportCoe(db, (ok as { coeId: number }).coeId))!;
    expect(out.lessons.map((l) => l.text)).toEqual([rich, plainTextToDoc("Plain")]);
    expect(out.dependencies[0]!.notes).toEqual(rich);

    const bad = await importCoe(db, {
      ...base,
      lessons: [{ text: { type: "doc", content: [{ type: "paragraph" }] } }, { text: { type: "doc", content: [{ type: "iframe" }] } }],
      dependencies: [
        {
          name: "Queue",
          notes: {
            type: "doc",
            content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }],
          },
        },
      ],
    });
    expect(bad.ok).toBe(false);
    const paths = (bad as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths.sort()).toEqual(["$.dependencies[0].notes.content[0].content[0].marks[0].attrs.href", "$.lessons[0].text", "$.lessons[1].text"]);
    expect((await db.select({ n: count() }).from(coes))[0]!.n).toBe(1);
  });
});
