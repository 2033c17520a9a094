import { revisionCount } from "../factories";
import { count, eq, sql } from "drizzle-orm";
import { fromPayload } from "~/components/ui/json-payload";
import { beforeEach, describe, expect, it } from "vitest";
import { importCoe } from "~/data/coe-import.server";
import { action as editAction, loader as editLoader } from "~/routes/coes.$coeId.edit/route";
import { loader as readLoader } from "~/routes/coes.$coeId._index/route";
import { loader as listLoader } from "~/routes/coes._index";
import { action as newAction, loader as newLoader } from "~/routes/coes.new";
import { sectionVersionOf } from "~/data/section-versions.server";
import { runStatement, withTransaction, type Db } from "../../db/client";
import { engineKind } from "../../db/engine-kind";
import { actionItemDateChanges, actionItems, coeAuthors, coes, timelineEntries } from "../../db/schema";
import { postForm, returnedData, returnedStatus, routeArgs, thrownStatus } from "../setup/route-args";
import { snapshotTables } from "../setup/db-snapshot";
import { freshDb } from "../setup/test-db";
import { insertTeam, insertUser, sessionCookieFor } from "../setup/users";

async function setup(db: Db) {
  const team = await insertTeam(db, "Storage");
  const author = await insertUser(db, "author");
  const other = await insertUser(db, "author");
  const member = await insertUser(db, "member");
  const reviewer = await insertUser(db, "reviewer");
  const imported = await importCoe(db, { schemaVersion: 1, title: "Disk full", severity: 2, team: "Storage" }, { actorId: author.id });
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  return { team, author, other, member, reviewer, coeId: imported.coeId, cookie: await sessionCookieFor(author.id) };
}

const edit = (coeId: number, fields: Record<string, string | number>, cookie: string) =>
  editAction(routeArgs(`http://t/coes/${coeId}/edit`, { coeId: String(coeId) }, postForm(`http://t/coes/${coeId}/edit`, fields, cookie)));

/** How many rows a table holds. */
const rowCount = async (db: Db, table: typeof coes | typeof timelineEntries | typeof actionItems) => (await db.select({ n: count() }).from(table))[0]!.n;

const coeRow = async (db: Db, coeId: number) => (await db.select().from(coes).where(eq(coes.id, coeId)))[0];

describe("creating a COE", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("an author creates a draft and becomes its author", async () => {
    const { author, team, cookie } = await setup(db);
    const res = await thrownStatus(
      newAction(
        routeArgs(
          "http://t/coes/new",
          {},
          postForm("http://t/coes/new", { title: "API errors", severity: 1, teamId: team.id, services: "api, lb", tags: "", event: "" }, cookie),
        ),
      ),
    );
    expect(res.status).toBe(302);
    const id = Number(/\/coes\/(\d+)\/edit/.exec(res.location!)![1]);
    expect(await coeRow(db, id)).toMatchObject({ title: "API errors", severity: 1, status: "draft", version: 1 });
    expect((await db.select().from(coeAuthors).where(eq(coeAuthors.coeId, id))).map((a) => a.userId)).toEqual([author.id]);
  });

  it("bad input gets field errors and writes nothing", async () => {
    const { cookie } = await setup(db);
    const before = await rowCount(db, coes);
    const r = await newAction(routeArgs("http://t/coes/new", {}, postForm("http://t/coes/new", { title: "", severity: 9, teamId: "" }, cookie)));
    expect(returnedStatus(r)).toBe(400);
    expect(Object.keys(returnedData<{ errors: object }>(r).errors).sort()).toEqual(["severity", "teamId", "title"]);
    expect(await rowCount(db, coes)).toBe(before);
  });

  it("members and reviewers get 403 and nothing is created", async () => {
    const { member, reviewer, team } = await setup(db);
    for (const u of [member, reviewer]) {
      const cookie = await sessionCookieFor(u.id);
      expect((await thrownStatus(newLoader(routeArgs("http://t/coes/new", {}, { headers: { Cookie: cookie } })))).status).toBe(403);
      const res = await thrownStatus(
        newAction(routeArgs("http://t/coes/new", {}, postForm("http://t/coes/new", { title: "x", severity: 1, teamId: team.id }, cookie))),
      );
      expect(res.status).toBe(403);
    }
    expect(await rowCount(db, coes)).toBe(1);
  });
});

describe("editing a COE", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("timeline entries yield the metrics on the reading view, and each write makes a revision", async () => {
    const { coeId, cookie } = await setup(db);
    const revs = await revisionCount(db, coeId);
    const add = async (local: string, kind: string) => {
      const res = await thrownStatus(
        edit(
          coeId,
          {
            intent: "add-timeline",
            formId: "timeline-new",
            baseVersion: await sectionVersionOf(db, coeId, "timeline"),
            local,
            offset: "+00:00",
            kind,
            text: `${kind} happened`,
          },
          cookie,
        ),
      );
      expect(res.status).toBe(302);
    };
    await add("2019-07-02T13:42", "impact_start");
    await add("2019-07-02T13:50", "detected");
    await add("2019-07-02T14:27", "mitigated");
    const page = fromPayload((await readLoader(routeArgs(`http://t/coes/${coeId}`, { coeId: String(coeId) }, { headers: { Cookie: cookie } }))).page);
    expect(page.metrics.timeToDetect.ms).toBe(8 * 60_000);
    expect(page.metrics.timeToMitigate.ms).toBe(45 * 60_000);
    expect(page.metrics.timeToEngage).toEqual({ ms: null, missing: "needs an “Engaged” entry" });
    expect(page.coe.timeline.map((e) => e.at)).toEqual(["2019-07-02T13:42:00Z", "2019-07-02T13:50:00Z", "2019-07-02T14:27:00Z"]);
    // One author's quick successive edits of one section coalesce into a single revision.
    expect(await revisionCount(db, coeId)).toBe(revs + 1);
  });

  it("a stale write answers 409, keeps the typed values and changes nothing", async () => {
    const { coeId, cookie, team } = await setup(db);
    const base = await sectionVersionOf(db, coeId, "header");
    const header = { intent: "header", formId: "header", title: "Disk full on storage nodes", severity: 2, teamId: team.id, services: "", tags: "", event: "" };
    expect((await thrownStatus(edit(coeId, { ...header, baseVersion: base }, cookie))).status).toBe(302);
    const revs = await revisionCount(db, coeId);
    const stale = await edit(coeId, { ...header, title: "My competing title", baseVersion: base }, cookie);
    expect(returnedStatus(stale)).toBe(409);
    expect(returnedData<{ values: { title: string }; conflict: { currentVersion: number } }>(stale)).toMatchObject({
      values: { title: "My competing title" },
      conflict: { currentVersion: base + 1 },
    });
    expect(await coeRow(db, coeId)).toMatchObject({ title: "Disk full on storage nodes" });
    expect(await sectionVersionOf(db, coeId, "header")).toBe(base + 1);
    expect(await revisionCount(db, coeId)).toBe(revs);
  });

  it("another author, a member and a reviewer get 403 on load and on every intent, and nothing changes", async () => {
    const { coeId, other, member, reviewer } = await setup(db);
    const before = await coeRow(db, coeId);
    for (const u of [other, member, reviewer]) {
      const cookie = await sessionCookieFor(u.id);
      expect((await thrownStatus(editLoader(routeArgs(`http://t/coes/${coeId}/edit`, { coeId: String(coeId) }, { headers: { Cookie: cookie } })))).status).toBe(
        403,
      );
      for (const intent of ["header", "add-timeline", "add-action-item"]) {
        const res = await thrownStatus(
          edit(
            coeId,
            { intent, baseVersion: 1, title: "hijack", severity: 1, local: "2019-07-02T13:42", kind: "detected", text: "x", horizon: "short" },
            cookie,
          ),
        );
        expect(res.status).toBe(403);
      }
    }
    expect(await coeRow(db, coeId)).toEqual(before);
    expect(await rowCount(db, timelineEntries)).toBe(0);
    expect(await rowCount(db, actionItems)).toBe(0);
  });

  it("an approved COE is frozen, even for its author", async () => {
    const { coeId, cookie } = await setup(db);
    await withTransaction(db, (tx) => tx.update(coes).set({ status: "approved" }).where(eq(coes.id, coeId)));
    const res = await thrownStatus(edit(coeId, { intent: "add-timeline", baseVersion: 1, local: "2019-07-02T13:42", kind: "detected", text: "x" }, cookie));
    expect(res.status).toBe(403);
  });

  it("unknown COE ids are 404", async () => {
    const { cookie } = await setup(db);
    for (const id of ["999", "abc"])
      expect((await thrownStatus(editLoader(routeArgs(`http://t/coes/${id}/edit`, { coeId: id }, { headers: { Cookie: cookie } })))).status).toBe(404);
  });

  it("action items keep the original promise and log every date change with a reason", async () => {
    const { coeId, cookie, author } = await setup(db);
    const item = {
      intent: "add-action-item",
      formId: "item-new",
      title: "Alarm on disk usage",
      horizon: "short",
      ownerId: author.id,
      promisedDate: "2026-12-01",
      status: "open",
      scaling: "",
    };
    expect((await thrownStatus(edit(coeId, { ...item, baseVersion: await sectionVersionOf(db, coeId, "action-items") }, cookie))).status).toBe(302);
    const id = (await db.select().from(actionItems))[0]!.id;
    const change = { ...item, intent: "edit-action-item", formId: `item-${id}`, id, promisedDate: "2026-12-15" };
    const noReason = await edit(coeId, { ...change, baseVersion: await sectionVersionOf(db, coeId, "action-items") }, cookie);
    expect(returnedStatus(noReason)).toBe(400);
    expect(returnedData<{ errors: Record<string, string> }>(noReason).errors.dateChangeReason).toMatch(/why/);
    expect(
      (
        await thrownStatus(
          edit(coeId, { ...change, dateChangeReason: "vendor slipped", baseVersion: await sectionVersionOf(db, coeId, "action-items") }, cookie),
        )
      ).status,
    ).toBe(302);
    expect((await db.select().from(actionItems))[0]).toMatchObject({ originalPromisedDate: "2026-12-01", promisedDate: "2026-12-15" });
    expect((await db.select().from(actionItemDateChanges).orderBy(actionItemDateChanges.id)).map((c) => [c.fromDate, c.toDate, c.reason])).toEqual([
      [null, "2026-12-01", "First promise"],
      ["2026-12-01", "2026-12-15", "vendor slipped"],
    ]);
    const validate = await edit(coeId, { ...change, status: "validated", baseVersion: await sectionVersionOf(db, coeId, "action-items") }, cookie);
    expect(returnedStatus(validate)).toBe(400);
    expect(returnedData<{ errors: Record<string, string> }>(validate).errors.validationNote).toMatch(/same conditions no longer cause the failure/);
    expect((await db.select({ status: actionItems.status }).from(actionItems))[0]!.status).toBe("open");
  });
});

describe("the COE list", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("filters by state, team and severity", async () => {
    const { cookie, author } = await setup(db);
    await importCoe(db, { schemaVersion: 1, title: "Payments down", severity: 1, team: "Payments", status: "in_review" }, { actorId: author.id });
    const list = async (qs: string) => {
      const data = await listLoader(routeArgs(`http://t/coes${qs}`, {}, { headers: { Cookie: cookie } }));
      return { ...data, rows: fromPayload(data.rows) };
    };
    expect((await list("")).rows.map((r) => r.title).sort()).toEqual(["Disk full", "Payments down"]);
    expect((await list("?status=in_review")).rows.map((r) => r.title)).toEqual(["Payments down"]);
    expect((await list("?severity=2")).rows.map((r) => r.title)).toEqual(["Disk full"]);
    const payments = (await list("")).teams.find((t) => t.name === "Payments")!;
    expect((await list(`?team=${payments.id}&sort=title`)).rows.map((r) => r.title)).toEqual(["Payments down"]);
  });

  it("requires sign-in", async () => {
    expect(await thrownStatus(listLoader(routeArgs("http://t/coes?status=draft", {})))).toMatchObject({
      status: 302,
      location: "/login?redirectTo=%2Fcoes%3Fstatus%3Ddraft",
    });
  });
});

describe("section versions", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("writes to different sections never conflict; a stale write to the same section does", async () => {
    const { coeId, cookie, team } = await setup(db);
    const headerBase = await sectionVersionOf(db, coeId, "header");
    const timelineBase = await sectionVersionOf(db, coeId, "timeline");
    const entry = { intent: "add-timeline", formId: "timeline-new", local: "2019-07-02T13:42", offset: "+00:00", kind: "detected", text: "Alarm" };
    expect((await thrownStatus(edit(coeId, { ...entry, baseVersion: timelineBase }, cookie))).status).toBe(302);
    // The header form was loaded before the timeline changed: its write still goes through.
    const header = { intent: "header", formId: "header", title: "Disk full (edited)", severity: 2, teamId: team.id, services: "", tags: "", event: "" };
    expect((await thrownStatus(edit(coeId, { ...header, baseVersion: headerBase }, cookie))).status).toBe(302);
    // A second timeline write based on the old timeline version conflicts.
    expect(returnedStatus(await edit(coeId, { ...entry, text: "Second alarm", baseVersion: timelineBase }, cookie))).toBe(409);
    expect(await rowCount(db, timelineEntries)).toBe(1);
  });
});

describe("bad input is a 4xx naming the field, and nothing is written", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });
  const errorsOf = (r: unknown) => returnedData<{ errors: Record<string, string> }>(r).errors;
  const item = {
    intent: "add-action-item",
    formId: "item-new",
    title: "Alarm on disk usage",
    horizon: "short",
    ownerId: "",
    promisedDate: "",
    status: "open",
    scaling: "",
  };

  it("the promised dates that once answered 500 are field errors on promisedDate", async () => {
    const { coeId, cookie } = await setup(db);
    const before = await snapshotTables(db);
    for (const promisedDate of ["2025-13-01", "0000-00-00", "99999-01-01", "yesterday", "2025-02-29", "9999-12-31", "1999-12-31"]) {
      const r = await edit(coeId, { ...item, promisedDate, baseVersion: await sectionVersionOf(db, coeId, "action-items") }, cookie);
      expect(returnedStatus(r), promisedDate).toBe(400);
      expect(Object.keys(errorsOf(r))).toEqual(["promisedDate"]);
    }
    expect(await snapshotTables(db)).toEqual(before);
  });

  it("implausible instants (a resolved entry in 9999, impact before 2000) are 400s naming the field, with the range", async () => {
    const { coeId, cookie } = await setup(db);
    const before = await snapshotTables(db);
    const entry = await edit(
      coeId,
      {
        intent: "add-timeline",
        formId: "timeline-new",
        local: "9999-01-01T10:00",
        offset: "+00:00",
        kind: "resolved",
        text: "Done",
        baseVersion: await sectionVersionOf(db, coeId, "timeline"),
      },
      cookie,
    );
    expect(returnedStatus(entry)).toBe(400);
    expect(errorsOf(entry)).toEqual({ local: expect.stringMatching(/^Must be between 2000-01-01 and \d{4}-\d{2}-\d{2}$/) });
    const impact = await edit(
      coeId,
      {
        intent: "customer-impact",
        formId: "customer-impact",
        startedLocal: "1999-12-31T23:00",
        startedOffset: "+00:00",
        endedLocal: "",
        endedOffset: "+00:00",
        errorRate: "",
        affected: "",
        regions: "",
        baseVersion: await sectionVersionOf(db, coeId, "customer-impact"),
      },
      cookie,
    );
    expect(returnedStatus(impact)).toBe(400);
    expect(Object.keys(errorsOf(impact))).toEqual(["startedLocal"]);
    expect(await snapshotTables(db)).toEqual(before);
  });

  it("an unknown owner or team is a 400 on ownerId / teamId (checked before writing, not a foreign-key failure)", async () => {
    const { coeId, cookie, author } = await setup(db);
    expect(
      (await thrownStatus(edit(coeId, { ...item, ownerId: author.id, baseVersion: await sectionVersionOf(db, coeId, "action-items") }, cookie))).status,
    ).toBe(302);
    const itemId = (await db.select().from(actionItems))[0]!.id;
    const before = await snapshotTables(db);
    const add = await edit(coeId, { ...item, ownerId: 987654, baseVersion: await sectionVersionOf(db, coeId, "action-items") }, cookie);
    expect(returnedStatus(add)).toBe(400);
    expect(errorsOf(add)).toEqual({ ownerId: expect.stringMatching(/does not exist/) });
    const change = await edit(
      coeId,
      { ...item, intent: "edit-action-item", id: itemId, ownerId: 987654, baseVersion: await sectionVersionOf(db, coeId, "action-items") },
      cookie,
    );
    expect(returnedStatus(change)).toBe(400);
    expect(errorsOf(change)).toEqual({ ownerId: expect.stringMatching(/does not exist/) });
    const header = await edit(
      coeId,
      {
        intent: "header",
        formId: "header",
        title: "Disk full",
        severity: 2,
        teamId: 987654,
        services: "",
        tags: "",
        event: "",
        baseVersion: await sectionVersionOf(db, coeId, "header"),
      },
      cookie,
    );
    expect(returnedStatus(header)).toBe(400);
    expect(errorsOf(header)).toEqual({ teamId: expect.stringMatching(/team does not exist/) });
    const created = await newAction(
      routeArgs(
        "http://t/coes/new",
        {},
        postForm("http://t/coes/new", { title: "API errors", severity: 1, teamId: 987654, services: "", tags: "", event: "" }, cookie),
      ),
    );
    expect(returnedStatus(created)).toBe(400);
    expect(errorsOf(created)).toEqual({ teamId: expect.stringMatching(/team does not exist/) });
    expect(await snapshotTables(db)).toEqual(before);
  });

  it("a constraint the data layer did not check first is still a 400, and the write rolls back (the last line of defence)", async () => {
    const { coeId, cookie } = await setup(db);
    // Stands in for a check someone forgot: the database refuses the row with a constraint error.
    await withTransaction(db, async (tx) => {
      if (engineKind() === "pg") {
        await runStatement(
          tx,
          sql`create function refuse_timeline() returns trigger language plpgsql as $$ begin raise exception 'refused by a test trigger' using errcode = 'check_violation'; end $$`,
        );
        await runStatement(tx, sql`create trigger refuse_timeline before insert on timeline_entries for each row execute function refuse_timeline()`);
      } else {
        await runStatement(
          tx,
          sql`create trigger refuse_timeline before insert on timeline_entries begin select raise(abort, 'refused by a test trigger'); end`,
        );
      }
    });
    try {
      const before = await snapshotTables(db);
      const r = await edit(
        coeId,
        {
          intent: "add-timeline",
          formId: "timeline-new",
          local: "2019-07-02T13:42",
          offset: "+00:00",
          kind: "detected",
          text: "Alarm",
          baseVersion: await sectionVersionOf(db, coeId, "timeline"),
        },
        cookie,
      );
      expect(returnedStatus(r)).toBe(400);
      expect(errorsOf(r).form).toMatch(/Nothing was saved|does not exist/);
      expect(await snapshotTables(db)).toEqual(before);
    } finally {
      await withTransaction(db, async (tx) => {
        if (engineKind() === "pg") {
          await runStatement(tx, sql`drop trigger if exists refuse_timeline on timeline_entries`);
          await runStatement(tx, sql`drop function if exists refuse_timeline()`);
        } else {
          await runStatement(tx, sql`drop trigger if exists refuse_timeline`);
        }
      });
    }
  });

  it("a body the route cannot read is 415 (not a form) or 400 (broken), and unknown intents and versions name their field", async () => {
    const { coeId, cookie, team } = await setup(db);
    const before = await snapshotTables(db);
    const raw = (body: BodyInit, type: string) =>
      editAction(
        routeArgs(`http://t/coes/${coeId}/edit`, { coeId: String(coeId) }, { method: "POST", body, headers: { "Content-Type": type, Cookie: cookie } }),
      );
    expect(returnedStatus(await raw(JSON.stringify({ intent: "header", title: "x" }), "application/json"))).toBe(415);
    expect(returnedStatus(await raw('--b\r\nContent-Disposition: form-data; name="intent"\r\n\r\nhea', "multipart/form-data; boundary=b"))).toBe(400);
    expect(returnedStatus(await raw("intent=header", "multipart/form-data"))).toBe(400);
    expect(returnedStatus(await raw("intent=header&title=%E0%A4", "application/x-www-form-urlencoded"))).toBe(400);
    const header = { intent: "header", formId: "header", title: "Disk full", severity: 2, teamId: team.id, services: "", tags: "", event: "" };
    for (const intent of ["nope", "__proto__", "constructor", "hasOwnProperty"]) {
      const r = await edit(coeId, { ...header, intent, baseVersion: await sectionVersionOf(db, coeId, "header") }, cookie);
      expect(returnedStatus(r), intent).toBe(400);
      expect(errorsOf(r)).toHaveProperty("intent");
    }
    for (const baseVersion of ["", "abc", "-1", "1.5", "1e400"]) {
      const r = await edit(coeId, { ...header, baseVersion }, cookie);
      expect(returnedStatus(r), baseVersion).toBe(400);
      expect(errorsOf(r)).toHaveProperty("baseVersion");
    }
    // The id of the row a form is about: missing or malformed is a 400 on "id"; well-formed but gone is a 404.
    const entry = { intent: "delete-timeline", formId: "x", baseVersion: await sectionVersionOf(db, coeId, "timeline") };
    expect(errorsOf(await edit(coeId, { ...entry, id: "abc" }, cookie))).toHaveProperty("id");
    expect(returnedStatus(await edit(coeId, entry, cookie))).toBe(400);
    expect(returnedStatus(await edit(coeId, { ...entry, id: 987654 }, cookie))).toBe(404);
    expect(await snapshotTables(db)).toEqual(before);
  });
});

describe("the header keeps to what the interchange format can hold", () => {
  it("an event name longer than the format allows is a field error on event, for a new COE and an edited header alike", async () => {
    const db = await freshDb();
    const { coeId, cookie, team } = await setup(db);
    const before = await snapshotTables(db);
    const event = "e".repeat(101);
    const created = await newAction(
      routeArgs(
        "http://t/coes/new",
        {},
        postForm("http://t/coes/new", { title: "API errors", severity: 1, teamId: team.id, services: "", tags: "", event }, cookie),
      ),
    );
    expect(returnedStatus(created)).toBe(400);
    expect(Object.keys(returnedData<{ errors: object }>(created).errors)).toEqual(["event"]);
    const edited = await edit(
      coeId,
      {
        intent: "header",
        formId: "header",
        title: "Disk full",
        severity: 2,
        teamId: team.id,
        services: "",
        tags: "",
        event,
        baseVersion: await sectionVersionOf(db, coeId, "header"),
      },
      cookie,
    );
    expect(returnedStatus(edited)).toBe(400);
    expect(Object.keys(returnedData<{ errors: object }>(edited).errors)).toEqual(["event"]);
    expect(await snapshotTables(db)).toEqual(before);
  });
});
