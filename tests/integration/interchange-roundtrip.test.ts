import { readdirSync, readFileSync } from "node:fs";
import { constraintError } from "~/data/write-errors.server";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { exportCoe } from "../../app/data/coe-export.server";
import { importCoe } from "../../app/data/coe-import.server";
import { CoeDocumentSchema, type CoeDocument, type CoeExport } from "../../app/domain/coe/interchange";
import { plainTextToDoc } from "../../app/domain/coe/plain-text-doc";
import { withTransaction, type Db } from "../../db/client";
import {
  actionItemDateChanges,
  actionItems,
  auditEvents,
  coeAuthors,
  coes,
  coeTenets,
  lessons,
  lessonWhyLinks,
  revisions,
  timelineEntries,
  users,
  whyNodes,
} from "../../db/schema";
import { countWhyNodes, largeTreeCoe } from "../fixtures/generate-large-tree";
import { insertCoe, makeCoe } from "../factories";
import { CONTENT_TABLES, coeContent, columnsLeftAtDefault, NOT_COMPARED, OTHER_TABLES, PROCESS_TABLES, schemaTables } from "../coe-content";
import { insertFullCoe } from "../full-coe";
import { and, asc, count, eq, getTableColumns, getTableName, isNotNull, isNull, min } from "drizzle-orm";
import { allTables } from "../setup/all-tables";
import { freshDb } from "../setup/test-db";

const fixturesDir = join(import.meta.dirname, "../fixtures");
const fixtures = readdirSync(fixturesDir)
  .filter((f) => f.endsWith(".coe.json"))
  .map((f) => [f, JSON.parse(readFileSync(join(fixturesDir, f), "utf8")) as unknown] as const);

/** What export must give back: the parsed normal form with plain-text rich fields as TipTap docs. */
function normalised(input: unknown) {
  const doc = CoeDocumentSchema.parse(input);
  const asDoc = (v: CoeDocument["impactSummary"]) => (typeof v === "string" ? plainTextToDoc(v) : v);
  const rich = <K extends string>(key: K, v: CoeDocument["impactSummary"]) =>
    v !== undefined ? ({ [key]: asDoc(v) } as Record<K, ReturnType<typeof asDoc>>) : {};
  return {
    ...doc,
    ...rich("impactSummary", doc.impactSummary),
    ...rich("customerRca", doc.customerRca),
    detection: {
      ...rich("fastEnough", doc.detection.fastEnough),
      ...rich("metricsReflectedCustomers", doc.detection.metricsReflectedCustomers),
      ...rich("similarEventsDetectable", doc.detection.similarEventsDetectable),
    },
    dependencies: doc.dependencies.map(({ notes, ...d }) => ({ ...d, ...rich("notes", notes) })),
    lessons: doc.lessons.map((l) => ({ ...l, text: asDoc(l.text) })),
  };
}

function withoutMetrics(exported: CoeExport | undefined) {
  if (!exported) throw new Error("export returned nothing");
  const { metrics: _metrics, ...doc } = exported;
  return doc;
}

function addUsers(db: Db, emails: string[]) {
  return withTransaction(db, (tx) =>
    tx.insert(users).values(emails.map((email) => ({ email, name: email.split("@")[0]!, role: "author" as const, passwordHash: "x" }))),
  );
}

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const counts = await Promise.all(allTables().map(async (t) => [getTableName(t), (await db.select({ n: count() }).from(t as typeof coes))[0]!.n] as const));
  return Object.fromEntries(counts);
}

/** Rows of action items of a COE whose promise was changed from the original: none right after an import. */
async function promisesMoved(db: Db, coeId: number) {
  const items = await db
    .select({ original: actionItems.originalPromisedDate, promised: actionItems.promisedDate })
    .from(actionItems)
    .where(eq(actionItems.coeId, coeId));
  return items.filter((i) => i.original !== i.promised).length;
}

let db: Db;
beforeEach(async () => {
  db = await freshDb();
  await addUsers(db, ["author@example.com", "Reviewer@example.com", "member@example.com"]);
});

describe("export(import(doc)) returns the document", () => {
  it("covers the committed fixtures (the generated tree is the fourth)", async () => {
    expect(fixtures.map(([name]) => name)).toEqual(expect.arrayContaining(["minimal.coe.json", "api-errors-45-minutes.coe.json", "rich-text.coe.json"]));
  });

  it.each(fixtures)("%s", async (_name, input) => {
    const result = await importCoe(db, input);
    expect(result).toMatchObject({ ok: true, warnings: [] });
    if (!result.ok) return;
    expect(withoutMetrics(await exportCoe(db, result.coeId))).toStrictEqual(normalised(input));
  });

  it("a generated 200-node tree", async () => {
    const input = largeTreeCoe(200);
    const parsed = CoeDocumentSchema.parse(input);
    expect(countWhyNodes(parsed.whys)).toBe(200);
    expect(parsed.lessons[0]!.whyPath!.split(".").length).toBeGreaterThan(30);
    const result = await importCoe(db, input);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(withoutMetrics(await exportCoe(db, result.coeId))).toStrictEqual(normalised(input));
  });

  it("factory COEs across many seeds", async () => {
    for (let seed = 1; seed <= 25; seed++) {
      const doc = makeCoe({}, seed);
      expect(CoeDocumentSchema.parse(doc)).toStrictEqual(doc);
      const coeId = await insertCoe(db, {}, { seed });
      expect(withoutMetrics(await exportCoe(db, coeId))).toStrictEqual(normalised(doc));
    }
  });

  it("a second round trip is the identity", async () => {
    const first = await importCoe(db, fixtures.find(([name]) => name.startsWith("api-errors"))![1]);
    if (!first.ok) throw new Error("import failed");
    const once = (await exportCoe(db, first.coeId))!;
    const second = await importCoe(db, once);
    if (!second.ok) throw new Error(JSON.stringify(second.errors));
    expect(await exportCoe(db, second.coeId)).toStrictEqual(once);
  });
});

describe("what import writes", () => {
  it("keeps instants as written, with at_ms for ordering, and derives metrics", async () => {
    const result = await importCoe(db, fixtures.find(([name]) => name.startsWith("api-errors"))![1]);
    if (!result.ok) throw new Error("import failed");
    const [engaged] = await db.select({ at: timelineEntries.at, atMs: timelineEntries.atMs }).from(timelineEntries).where(eq(timelineEntries.kind, "engaged"));
    expect(engaged).toEqual({ at: "2019-07-02T16:12:00+02:00", atMs: Date.parse("2019-07-02T14:12:00Z") });
    expect((await exportCoe(db, result.coeId))!.metrics).toEqual({
      timeToDetectMs: 28 * 60_000,
      timeToEngageMs: 2 * 60_000,
      timeToMitigateMs: 45 * 60_000,
      timeToResolveMs: 88 * 60_000,
      timeToFirstCommunicationMs: 33 * 60_000,
    });
  });

  it("records the author, the original promise, the first revision and an audit event", async () => {
    const [{ id: actorId }] = (await db.select({ id: users.id }).from(users).where(eq(users.email, "author@example.com"))) as [{ id: number }];
    const result = await importCoe(db, fixtures.find(([name]) => name.startsWith("api-errors"))![1], { actorId });
    if (!result.ok) throw new Error("import failed");
    const { coeId } = result;
    expect(await db.select({ userId: coeAuthors.userId }).from(coeAuthors).where(eq(coeAuthors.coeId, coeId))).toEqual([{ userId: actorId }]);
    expect(await db.select({ createdById: coes.createdById, version: coes.version }).from(coes).where(eq(coes.id, coeId))).toEqual([
      { createdById: actorId, version: 1 },
    ]);
    expect(await promisesMoved(db, coeId)).toBe(0);
    const [revision] = await db
      .select({
        authorId: revisions.authorId,
        coeVersion: revisions.coeVersion,
        section: revisions.section,
        summary: revisions.summary,
        snapshot: revisions.snapshot,
      })
      .from(revisions)
      .where(eq(revisions.coeId, coeId));
    expect(revision).toMatchObject({ authorId: actorId, coeVersion: 1, section: "import", summary: "Imported" });
    expect(revision!.snapshot).toStrictEqual(await exportCoe(db, coeId));
    expect(
      await db
        .select({ action: auditEvents.action, actorId: auditEvents.actorId })
        .from(auditEvents)
        .where(and(eq(auditEvents.entityType, "coe"), eq(auditEvents.entityId, coeId))),
    ).toEqual([{ action: "coe.import", actorId }]);
  });

  it("stores absent rich text and optional fields as SQL NULL", async () => {
    const result = await importCoe(db, fixtures.find(([name]) => name === "minimal.coe.json")![1]);
    if (!result.ok) throw new Error("import failed");
    // IS NULL in SQL: a JSON column holding the text "null" would not count.
    const [stored] = await db
      .select({ n: count() })
      .from(coes)
      .where(
        and(
          eq(coes.id, result.coeId),
          isNull(coes.impactSummary),
          isNull(coes.customerRca),
          isNull(coes.eventId),
          isNull(coes.createdById),
          isNull(coes.submittedAt),
        ),
      );
    expect(stored!.n).toBe(1);
    expect(await db.select({ regions: coes.regions }).from(coes).where(eq(coes.id, result.coeId))).toEqual([{ regions: [] }]);
  });

  it("reuses teams, services, tags and events by exact name", async () => {
    await insertCoe(db, { team: "Storage", services: ["S3"], tags: ["x"], event: "E" });
    await insertCoe(db, { team: "Storage", services: ["S3", "EBS"], tags: ["x"], event: "E" });
    expect(await rowCounts(db)).toMatchObject({ teams: 1, services: 2, tags: 1, events: 1, coes: 2 });
  });

  it("imports an unknown owner unassigned, with a warning naming the item", async () => {
    const doc = makeCoe({
      actionItems: [
        { title: "Known", horizon: "short", owner: "MEMBER@example.com", promisedDate: null, status: "open", customerFacing: false, scaling: null },
        { title: "Unknown", horizon: "mid", owner: "ghost@example.com", promisedDate: null, status: "open", customerFacing: false, scaling: null },
      ],
    });
    const result = await importCoe(db, doc);
    expect(result).toMatchObject({ ok: true, warnings: ["actionItems[1].owner: no user ghost@example.com — imported unassigned"] });
    if (!result.ok) return;
    expect((await exportCoe(db, result.coeId))!.actionItems.map((a) => a.owner)).toEqual(["member@example.com", null]);
  });
});

describe("a COE holding a date from before the plausible range was enforced", () => {
  it("exports a file that imports back to the same COE, the dates kept as written and named in the warnings", async () => {
    const source = await insertFullCoe(db);
    // Stored before the edit forms refused such dates: a "resolved" in the year 9999 and a promise for 2999.
    await withTransaction(db, async (tx) => {
      const [entry] = await tx
        .select({ id: min(timelineEntries.id) })
        .from(timelineEntries)
        .where(eq(timelineEntries.coeId, source));
      await tx
        .update(timelineEntries)
        .set({ at: "9999-01-01T00:00:00Z", atMs: Date.parse("9999-01-01T00:00:00Z") })
        .where(eq(timelineEntries.id, entry!.id!));
      const [item] = await tx
        .select({ id: min(actionItems.id) })
        .from(actionItems)
        .where(eq(actionItems.coeId, source));
      await tx.update(actionItems).set({ promisedDate: "2999-06-30" }).where(eq(actionItems.id, item!.id!));
    });
    const file = (await exportCoe(db, source))!;
    const result = await importCoe(db, file);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(await exportCoe(db, result.coeId)).toStrictEqual(file);
    expect(result.warnings).toHaveLength(2);
    expect(result.warnings[0]).toMatch(
      /^Timeline entry “.*”: time: 9999-01-01T00:00:00Z kept as written, but it is not plausible \(must be between 2000-01-01 and \d{4}-\d{2}-\d{2}\); correct it on the edit page$/,
    );
    expect(result.warnings[1]).toMatch(/^Action item “.*”: promised date: 2999-06-30 kept as written/);
  });
});

describe("invalid documents", () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a fixture bent freely into invalid documents
  const api = () => structuredClone(fixtures.find(([name]) => name.startsWith("api-errors"))![1]) as Record<string, any>;
  const cases: [string, () => unknown, string[]][] = [
    [
      "header and timeline",
      () => ({ ...api(), title: " ", severity: 6, status: "done", timeline: [{ at: "yesterday", kind: "impact_start", text: "" }] }),
      ["$.title", "$.severity", "$.status", "$.timeline[0].at", "$.timeline[0].text"],
    ],
    [
      "dangling links",
      () => {
        const doc = api();
        doc.lessons[1].whyPath = "0.9";
        doc.actionItems[2].lessonIndex = 12;
        doc.actionItems[3].whyPath = "0.3.0.0.0";
        doc.actionItems[4].status = "cancelled";
        return doc;
      },
      ["$.lessons[1].whyPath", "$.actionItems[2].lessonIndex", "$.actionItems[3].whyPath", "$.actionItems[4].cancelReason"],
    ],
    [
      "tree and rich text",
      () => {
        const doc = api();
        doc.whys.children[1].children[0].text = "";
        doc.whys.children[2].rootCause = "yes";
        doc.customerRca = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text" }] }] };
        doc.dependencies[0].performedAsPromised = "mostly";
        return doc;
      },
      ["$.whys.children[1].children[0].text", "$.whys.children[2].rootCause", "$.customerRca.content[0].content[0]", "$.dependencies[0].performedAsPromised"],
    ],
    [
      "unknown fields and wrong version",
      () => ({ ...api(), schemaVersion: "1", closure: {}, actionItems: [{ title: "x", horizon: "short", due: "2020-01-01" }] }),
      ["$.schemaVersion", "$.closure", "$.actionItems[0].due"],
    ],
  ];

  it.each(cases)("%s: every problem listed, nothing written", async (_name, make, paths) => {
    await insertCoe(db);
    const before = await rowCounts(db);
    const result = await importCoe(db, make());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual([...paths].sort());
    for (const error of result.errors) expect(error.message).not.toBe("");
    expect(await rowCounts(db)).toEqual(before);
  });

  it("rolls back everything when the database refuses a write", async () => {
    const before = await rowCounts(db);
    // An actor that does not exist fails the coe_authors foreign key after the coe row was written.
    const refused = await importCoe(db, makeCoe(), { actorId: 999_999 }).catch((e: unknown) => e);
    expect(constraintError(refused)?.code).toBe("SQLITE_CONSTRAINT_FOREIGNKEY"); // SQLite's name; PostgreSQL's 23503 is mapped to it
    expect(await rowCounts(db)).toEqual(before);
  });
});

describe("rich text on import", () => {
  it("refuses a TipTap document the editor would refuse, naming the field, and writes nothing", async () => {
    const { importCoe } = await import("~/data/coe-import.server");
    const { getDb } = await import("../../db/client");
    const { coes } = await import("../../db/schema");
    const db = getDb();
    const before = (await db.select().from(coes)).length;
    const result = await importCoe(db, {
      schemaVersion: 1,
      title: "Hostile import",
      severity: 3,
      team: "Storage",
      impactSummary: {
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "https://ok.example", onclick: "alert(1)" } }] }] },
        ],
      },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.path).toMatch(/^\$\.impactSummary/);
    expect((await db.select().from(coes)).length).toBe(before);
  });
});

describe("every column of every table that belongs to a COE", () => {
  it("knows every table of the schema: content (compared), process or not a COE's", async () => {
    const classified = [...CONTENT_TABLES.keys(), ...PROCESS_TABLES.keys(), ...OTHER_TABLES.keys()];
    expect(classified.map(getTableName).sort()).toEqual(schemaTables().map(getTableName).sort());
    expect(new Set(classified).size).toBe(classified.length);
  });

  it("leaves out only columns that exist, each with a reason", async () => {
    for (const [key, columns] of Object.entries(NOT_COMPARED)) {
      const table = [...CONTENT_TABLES].find(([, k]) => k === key)?.[0];
      expect(table, key).toBeDefined();
      for (const [column, reason] of Object.entries(columns)) {
        expect(getTableColumns(table!), `${key}.${column}`).toHaveProperty(column);
        expect(reason.length).toBeGreaterThan(10);
      }
    }
  });

  it("the factory fills every compared column with a value other than its default", async () => {
    expect(columnsLeftAtDefault(await coeContent(db, await insertFullCoe(db)))).toEqual([]);
  });

  it("DB → export → import → DB keeps every compared column", async () => {
    const source = await insertFullCoe(db);
    const result = await importCoe(db, await exportCoe(db, source));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.warnings).toEqual([]);
    expect(await coeContent(db, result.coeId)).toEqual(await coeContent(db, source));
  });

  it("export → import → export is the identity with every column filled", async () => {
    const once = (await exportCoe(db, await insertFullCoe(db)))!;
    expect(CoeDocumentSchema.parse(once)).toStrictEqual(withoutMetrics(once));
    const result = await importCoe(db, once);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(await exportCoe(db, result.coeId)).toStrictEqual(once);
  });
});

describe("a file written before the format's later additions", () => {
  const old = JSON.parse(readFileSync(join(fixturesDir, "v1-before-additions.coe.json"), "utf8")) as Record<string, unknown>;

  it("has none of them", async () => {
    const text = JSON.stringify(old);
    for (const key of ["closeout", "tenets", "category", "whyPaths", "originalPromisedDate", "dateChanges"]) expect(text).not.toContain(`"${key}"`);
  });

  it("still imports, and means what it meant", async () => {
    const result = await importCoe(db, old);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { coeId } = result;
    expect(
      await db
        .select({ a: coes.closeoutFixesValidated, b: coes.closeoutDataPreserved, c: coes.closeoutFollowupsAssigned })
        .from(coes)
        .where(eq(coes.id, coeId)),
    ).toEqual([{ a: false, b: false, c: false }]);
    expect(await db.select({ n: count() }).from(coeTenets).where(eq(coeTenets.coeId, coeId))).toEqual([{ n: 0 }]);
    expect(
      await db
        .select({ n: count() })
        .from(whyNodes)
        .where(and(eq(whyNodes.coeId, coeId), isNotNull(whyNodes.categoryId))),
    ).toEqual([{ n: 0 }]);
    expect(await promisesMoved(db, coeId)).toBe(0);
    expect(
      await db
        .select({ n: count() })
        .from(actionItemDateChanges)
        .innerJoin(actionItems, eq(actionItems.id, actionItemDateChanges.actionItemId))
        .where(eq(actionItems.coeId, coeId)),
    ).toEqual([{ n: 0 }]);
    const linked = (old.lessons as { whyPath?: string }[]).flatMap((l, position) => (l.whyPath === undefined ? [] : [{ position, n: 1 }]));
    expect(linked.length).toBeGreaterThan(1);
    expect(
      await db
        .select({ position: lessons.position, n: count() })
        .from(lessonWhyLinks)
        .innerJoin(lessons, eq(lessons.id, lessonWhyLinks.lessonId))
        .where(eq(lessons.coeId, coeId))
        .groupBy(lessons.position)
        .orderBy(asc(lessons.position)),
    ).toEqual(linked);
    expect(withoutMetrics(await exportCoe(db, result.coeId))).toStrictEqual(normalised(old));
  });
});
