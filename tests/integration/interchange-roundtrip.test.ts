import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { exportCoe } from "../../app/data/coe-export.server";
import { importCoe } from "../../app/data/coe-import.server";
import { CoeDocumentSchema, type CoeDocument, type CoeExport } from "../../app/domain/coe/interchange";
import { plainTextToDoc } from "../../app/domain/coe/plain-text-doc";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { countWhyNodes, largeTreeCoe } from "../fixtures/generate-large-tree";
import { insertCoe, makeCoe } from "../factories";
import { CONTENT_TABLES, coeContent, columnsLeftAtDefault, NOT_COMPARED, OTHER_TABLES, PROCESS_TABLES, schemaTables } from "../coe-content";
import { insertFullCoe } from "../full-coe";
import { getTableColumns, getTableName } from "drizzle-orm";
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
  for (const email of emails)
    db.insert(users)
      .values({ email, name: email.split("@")[0]!, role: "author", passwordHash: "x" })
      .run();
}

function rowCounts(db: Db): Record<string, number> {
  const tables = db.$client
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'")
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.$client.prepare(`select count(*) from "${t}"`).pluck().get() as number]));
}

let db: Db;
beforeEach(() => {
  db = freshDb();
  addUsers(db, ["author@example.com", "Reviewer@example.com", "member@example.com"]);
});

describe("export(import(doc)) returns the document", () => {
  it("covers the committed fixtures (the generated tree is the fourth)", () => {
    expect(fixtures.map(([name]) => name)).toEqual(expect.arrayContaining(["minimal.coe.json", "api-errors-45-minutes.coe.json", "rich-text.coe.json"]));
  });

  it.each(fixtures)("%s", (_name, input) => {
    const result = importCoe(db, input);
    expect(result).toMatchObject({ ok: true, warnings: [] });
    if (!result.ok) return;
    expect(withoutMetrics(exportCoe(db, result.coeId))).toStrictEqual(normalised(input));
  });

  it("a generated 200-node tree", () => {
    const input = largeTreeCoe(200);
    const parsed = CoeDocumentSchema.parse(input);
    expect(countWhyNodes(parsed.whys)).toBe(200);
    expect(parsed.lessons[0]!.whyPath!.split(".").length).toBeGreaterThan(30);
    const result = importCoe(db, input);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(withoutMetrics(exportCoe(db, result.coeId))).toStrictEqual(normalised(input));
  });

  it("factory COEs across many seeds", () => {
    for (let seed = 1; seed <= 25; seed++) {
      const doc = makeCoe({}, seed);
      expect(CoeDocumentSchema.parse(doc)).toStrictEqual(doc);
      const coeId = insertCoe(db, {}, { seed });
      expect(withoutMetrics(exportCoe(db, coeId))).toStrictEqual(normalised(doc));
    }
  });

  it("a second round trip is the identity", () => {
    const first = importCoe(db, fixtures.find(([name]) => name.startsWith("api-errors"))![1]);
    if (!first.ok) throw new Error("import failed");
    const once = exportCoe(db, first.coeId)!;
    const second = importCoe(db, once);
    if (!second.ok) throw new Error(JSON.stringify(second.errors));
    expect(exportCoe(db, second.coeId)).toStrictEqual(once);
  });
});

describe("what import writes", () => {
  it("keeps instants as written, with at_ms for ordering, and derives metrics", () => {
    const result = importCoe(db, fixtures.find(([name]) => name.startsWith("api-errors"))![1]);
    if (!result.ok) throw new Error("import failed");
    const engaged = db.$client.prepare("select at, at_ms from timeline_entries where kind = 'engaged'").get();
    expect(engaged).toEqual({ at: "2019-07-02T16:12:00+02:00", at_ms: Date.parse("2019-07-02T14:12:00Z") });
    expect(exportCoe(db, result.coeId)!.metrics).toEqual({
      timeToDetectMs: 28 * 60_000,
      timeToEngageMs: 2 * 60_000,
      timeToMitigateMs: 45 * 60_000,
      timeToResolveMs: 88 * 60_000,
      timeToFirstCommunicationMs: 33 * 60_000,
    });
  });

  it("records the author, the original promise, the first revision and an audit event", () => {
    const actorId = db.$client.prepare("select id from users where email = 'author@example.com'").pluck().get() as number;
    const result = importCoe(db, fixtures.find(([name]) => name.startsWith("api-errors"))![1], { actorId });
    if (!result.ok) throw new Error("import failed");
    const q = (sql: string) => db.$client.prepare(sql).all(result.coeId);
    expect(q("select user_id from coe_authors where coe_id = ?")).toEqual([{ user_id: actorId }]);
    expect(q("select created_by_id, version from coes where id = ?")).toEqual([{ created_by_id: actorId, version: 1 }]);
    expect(q("select count(*) n from action_items where coe_id = ? and original_promised_date is not promised_date")).toEqual([{ n: 0 }]);
    const [revision] = q("select author_id, coe_version, section, summary, snapshot from revisions where coe_id = ?") as { snapshot: string }[];
    expect(revision).toMatchObject({ author_id: actorId, coe_version: 1, section: "import", summary: "Imported" });
    expect(JSON.parse(revision!.snapshot)).toStrictEqual(exportCoe(db, result.coeId));
    expect(q("select action, actor_id from audit_events where entity_type = 'coe' and entity_id = ?")).toEqual([{ action: "coe.import", actor_id: actorId }]);
  });

  it("stores absent rich text and optional fields as SQL NULL", () => {
    const result = importCoe(db, fixtures.find(([name]) => name === "minimal.coe.json")![1]);
    if (!result.ok) throw new Error("import failed");
    const row = db.$client
      .prepare("select impact_summary, customer_rca, event_id, created_by_id, submitted_at, regions from coes where id = ?")
      .get(result.coeId);
    expect(row).toEqual({ impact_summary: null, customer_rca: null, event_id: null, created_by_id: null, submitted_at: null, regions: "[]" });
  });

  it("reuses teams, services, tags and events by exact name", () => {
    insertCoe(db, { team: "Storage", services: ["S3"], tags: ["x"], event: "E" });
    insertCoe(db, { team: "Storage", services: ["S3", "EBS"], tags: ["x"], event: "E" });
    expect(rowCounts(db)).toMatchObject({ teams: 1, services: 2, tags: 1, events: 1, coes: 2 });
  });

  it("imports an unknown owner unassigned, with a warning naming the item", () => {
    const doc = makeCoe({
      actionItems: [
        { title: "Known", horizon: "short", owner: "MEMBER@example.com", promisedDate: null, status: "open", customerFacing: false, scaling: null },
        { title: "Unknown", horizon: "mid", owner: "ghost@example.com", promisedDate: null, status: "open", customerFacing: false, scaling: null },
      ],
    });
    const result = importCoe(db, doc);
    expect(result).toMatchObject({ ok: true, warnings: ["actionItems[1].owner: no user ghost@example.com — imported unassigned"] });
    if (!result.ok) return;
    expect(exportCoe(db, result.coeId)!.actionItems.map((a) => a.owner)).toEqual(["member@example.com", null]);
  });
});

describe("a COE holding a date from before the plausible range was enforced", () => {
  it("exports a file that imports back to the same COE, the dates kept as written and named in the warnings", () => {
    const source = insertFullCoe(db);
    // Stored before the edit forms refused such dates: a "resolved" in the year 9999 and a promise for 2999.
    db.$client
      .prepare("update timeline_entries set at = '9999-01-01T00:00:00Z', at_ms = ? where id = (select min(id) from timeline_entries where coe_id = ?)")
      .run(Date.parse("9999-01-01T00:00:00Z"), source);
    db.$client.prepare("update action_items set promised_date = '2999-06-30' where id = (select min(id) from action_items where coe_id = ?)").run(source);
    const file = exportCoe(db, source)!;
    const result = importCoe(db, file);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(exportCoe(db, result.coeId)).toStrictEqual(file);
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

  it.each(cases)("%s: every problem listed, nothing written", (_name, make, paths) => {
    insertCoe(db);
    const before = rowCounts(db);
    const result = importCoe(db, make());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual([...paths].sort());
    for (const error of result.errors) expect(error.message).not.toBe("");
    expect(rowCounts(db)).toEqual(before);
  });

  it("rolls back everything when the database refuses a write", () => {
    const before = rowCounts(db);
    // An actor that does not exist fails the coe_authors foreign key after the coe row was written.
    expect(() => importCoe(db, makeCoe(), { actorId: 999_999 })).toThrow(/FOREIGN KEY/);
    expect(rowCounts(db)).toEqual(before);
  });
});

describe("rich text on import", () => {
  it("refuses a TipTap document the editor would refuse, naming the field, and writes nothing", async () => {
    const { importCoe } = await import("~/data/coe-import.server");
    const { getDb } = await import("../../db/client");
    const { coes } = await import("../../db/schema");
    const db = getDb();
    const before = db.select().from(coes).all().length;
    const result = importCoe(db, {
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
    expect(db.select().from(coes).all().length).toBe(before);
  });
});

describe("every column of every table that belongs to a COE", () => {
  it("knows every table of the schema: content (compared), process or not a COE's", () => {
    const classified = [...CONTENT_TABLES.keys(), ...PROCESS_TABLES.keys(), ...OTHER_TABLES.keys()];
    expect(classified.map(getTableName).sort()).toEqual(schemaTables().map(getTableName).sort());
    expect(new Set(classified).size).toBe(classified.length);
  });

  it("leaves out only columns that exist, each with a reason", () => {
    for (const [key, columns] of Object.entries(NOT_COMPARED)) {
      const table = [...CONTENT_TABLES].find(([, k]) => k === key)?.[0];
      expect(table, key).toBeDefined();
      for (const [column, reason] of Object.entries(columns)) {
        expect(getTableColumns(table!), `${key}.${column}`).toHaveProperty(column);
        expect(reason.length).toBeGreaterThan(10);
      }
    }
  });

  it("the factory fills every compared column with a value other than its default", () => {
    expect(columnsLeftAtDefault(coeContent(db, insertFullCoe(db)))).toEqual([]);
  });

  it("DB → export → import → DB keeps every compared column", () => {
    const source = insertFullCoe(db);
    const result = importCoe(db, exportCoe(db, source));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.warnings).toEqual([]);
    expect(coeContent(db, result.coeId)).toEqual(coeContent(db, source));
  });

  it("export → import → export is the identity with every column filled", () => {
    const once = exportCoe(db, insertFullCoe(db))!;
    expect(CoeDocumentSchema.parse(once)).toStrictEqual(withoutMetrics(once));
    const result = importCoe(db, once);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(exportCoe(db, result.coeId)).toStrictEqual(once);
  });
});

describe("a file written before the format's later additions", () => {
  const old = JSON.parse(readFileSync(join(fixturesDir, "v1-before-additions.coe.json"), "utf8")) as Record<string, unknown>;

  it("has none of them", () => {
    const text = JSON.stringify(old);
    for (const key of ["closeout", "tenets", "category", "whyPaths", "originalPromisedDate", "dateChanges"]) expect(text).not.toContain(`"${key}"`);
  });

  it("still imports, and means what it meant", () => {
    const result = importCoe(db, old);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const q = (sql: string) => db.$client.prepare(sql).all(result.coeId);
    expect(q("select closeout_fixes_validated a, closeout_data_preserved b, closeout_followups_assigned c from coes where id = ?")).toEqual([
      { a: 0, b: 0, c: 0 },
    ]);
    expect(q("select count(*) n from coe_tenets where coe_id = ?")).toEqual([{ n: 0 }]);
    expect(q("select count(*) n from why_nodes where coe_id = ? and category is not null")).toEqual([{ n: 0 }]);
    expect(q("select count(*) n from action_items where coe_id = ? and original_promised_date is not promised_date")).toEqual([{ n: 0 }]);
    expect(q("select count(*) n from action_item_date_changes join action_items i on i.id = action_item_id where i.coe_id = ?")).toEqual([{ n: 0 }]);
    const linked = (old.lessons as { whyPath?: string }[]).flatMap((l, position) => (l.whyPath === undefined ? [] : [{ position, n: 1 }]));
    expect(linked.length).toBeGreaterThan(1);
    expect(
      q("select l.position, count(*) n from lesson_why_links join lessons l on l.id = lesson_id where l.coe_id = ? group by l.position order by l.position"),
    ).toEqual(linked);
    expect(withoutMetrics(exportCoe(db, result.coeId))).toStrictEqual(normalised(old));
  });
});
