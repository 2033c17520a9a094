import Database from "better-sqlite3";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { plainTextToDoc } from "~/domain/coe/plain-text-doc";

const dir = join(import.meta.dirname, "../../db/migrations/sqlite");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".sql"))
  .sort();

function apply(db: Database.Database, file: string) {
  for (const statement of readFileSync(join(dir, file), "utf8").split("--> statement-breakpoint")) if (statement.trim()) db.exec(statement);
}

/** A database migrated up to (not including) the migration whose name starts with `prefix`. */
function migratedBefore(prefix: string) {
  const db = new Database(":memory:");
  const index = files.findIndex((f) => f.startsWith(prefix));
  expect(index).toBeGreaterThan(0);
  for (const f of files.slice(0, index)) apply(db, f);
  return { db, migration: files[index]! };
}

const json = (value: unknown) => (value === null ? null : JSON.parse(value as string));

describe("migration 0003: detection answers become rich text", () => {
  it("converts plain answers and JSON that is not a document, and keeps documents", () => {
    const { db, migration } = migratedBefore("0003");
    db.exec(`insert into teams (id, name) values (1, 'Storage')`);
    const doc = JSON.stringify(plainTextToDoc("A document"));
    db.prepare(
      "insert into coes (id, title, severity, team_id, detection_fast_enough, detection_metrics_reflected_customers, detection_similar_events_detectable) values (1, 'Old', 2, 1, ?, ?, ?)",
    ).run("Plain answer", "[1, 2]", doc);
    apply(db, migration);
    const row = db
      .prepare("select detection_fast_enough a, detection_metrics_reflected_customers b, detection_similar_events_detectable c from coes")
      .get() as Record<string, string>;
    expect([json(row.a), json(row.b), json(row.c)]).toEqual([plainTextToDoc("Plain answer"), plainTextToDoc("[1, 2]"), plainTextToDoc("A document")]);
  });
});

describe("migration 0004: lessons and dependency notes become rich text", () => {
  it("turns plain text into one paragraph, blank notes into NULL, and leaves documents alone", () => {
    const { db, migration } = migratedBefore("0004");
    db.exec(`insert into teams (id, name) values (1, 'Storage')`);
    db.exec(`insert into coes (id, title, severity, team_id, detection_fast_enough) values (1, 'Old COE', 2, 1, '{"not": "a doc"}')`);
    const doc = JSON.stringify(plainTextToDoc("Already a document"));
    const lesson = db.prepare("insert into lessons (coe_id, position, text) values (1, ?, ?)");
    lesson.run(0, "Config changes need review");
    lesson.run(1, doc);
    lesson.run(2, '{"looks": "like JSON but is not a doc"}');
    const dependency = db.prepare("insert into dependencies (coe_id, position, name, notes) values (1, ?, ?, ?)");
    dependency.run(0, "DNS", "Answered every query");
    dependency.run(1, "Queue", "   ");
    dependency.run(2, "Cache", null);
    dependency.run(3, "Disk", doc);

    apply(db, migration);

    const lessons = db.prepare("select text from lessons order by position").pluck().all().map(json);
    expect(lessons).toEqual([
      plainTextToDoc("Config changes need review"),
      plainTextToDoc("Already a document"),
      plainTextToDoc('{"looks": "like JSON but is not a doc"}'),
    ]);
    const notes = db.prepare("select notes from dependencies order by position").pluck().all().map(json);
    expect(notes).toEqual([plainTextToDoc("Answered every query"), null, null, plainTextToDoc("Already a document")]);
    // A detection answer 0003 left alone (JSON, but not a document) is converted too.
    expect(json(db.prepare("select detection_fast_enough from coes").pluck().get())).toEqual(plainTextToDoc('{"not": "a doc"}'));
  });
});

describe("migration 0005: audit outcomes and sign-in attempts", () => {
  it("keeps every audit event (the why trash the undo reads included) as a done event, and replaces login_failures", () => {
    const { db, migration } = migratedBefore("0005");
    db.exec(`insert into teams (id, name) values (1, 'Storage')`);
    db.exec(`insert into users (id, email, name, role, password_hash) values (1, 'a@example.com', 'A', 'author', 'x')`);
    const insert = db.prepare("insert into audit_events (id, actor_id, action, entity_type, entity_id, detail, created_at) values (?, ?, ?, ?, ?, ?, ?)");
    insert.run(7, 1, "why.delete", "coe", 3, JSON.stringify({ nodes: [{ id: 9, text: "why" }] }), 1_700_000_000_000);
    insert.run(8, null, "user.sign_in", "user", 1, null, 1_700_000_001_000);
    db.exec(`insert into login_failures (email, client_address) values ('a@example.com', '10.0.0.1')`);

    apply(db, migration);

    expect(
      db
        .prepare(
          "select id, actor_id, action, entity_type, entity_id, detail, created_at, outcome, status, count, client_address from audit_events order by id",
        )
        .all(),
    ).toEqual([
      {
        id: 7,
        actor_id: 1,
        action: "why.delete",
        entity_type: "coe",
        entity_id: 3,
        detail: JSON.stringify({ nodes: [{ id: 9, text: "why" }] }),
        created_at: 1_700_000_000_000,
        outcome: "done",
        status: null,
        count: 1,
        client_address: null,
      },
      {
        id: 8,
        actor_id: null,
        action: "user.sign_in",
        entity_type: "user",
        entity_id: 1,
        detail: null,
        created_at: 1_700_000_001_000,
        outcome: "done",
        status: null,
        count: 1,
        client_address: null,
      },
    ]);
    expect(() => db.exec("insert into audit_events (action, entity_type, outcome) values ('x', 'y', 'maybe')")).toThrow(/CHECK/);
    expect(db.prepare("select count(*) from sqlite_master where name = 'login_failures'").pluck().get()).toBe(0);
    expect(() => db.exec("insert into login_attempts (email, client_address, outcome) values ('a@example.com', '10.0.0.1', 'guessed')")).toThrow(/CHECK/);
  });
});

describe("migration 0007: section versions leave the JSON column for rows", () => {
  it("moves every section a COE had written to its own row, and drops the column", () => {
    const { db, migration } = migratedBefore("0007");
    db.exec(`insert into teams (id, name) values (1, 'Storage')`);
    const coe = db.prepare("insert into coes (id, title, severity, team_id, section_versions) values (?, 'Old', 2, 1, ?)");
    coe.run(1, JSON.stringify({ header: 3, whys: 12, "impact-summary": 1 }));
    coe.run(2, "{}");

    apply(db, migration);

    expect(db.prepare("select coe_id, section, version from coe_section_versions order by coe_id, section").all()).toEqual([
      { coe_id: 1, section: "header", version: 3 },
      { coe_id: 1, section: "impact-summary", version: 1 },
      { coe_id: 1, section: "whys", version: 12 },
    ]);
    const columns = db.prepare("select name from pragma_table_info('coes')").pluck().all();
    expect(columns).not.toContain("section_versions");
  });
});

describe("migration 0009: when each COE's customer RCA is owed", () => {
  it("is 7 days after Customer impact's start, else the earliest impact-start entry, while the RCA has no words", () => {
    const { db, migration } = migratedBefore("0009");
    db.exec(`insert into teams (id, name) values (1, 'Storage')`);
    const coe = db.prepare("insert into coes (id, title, severity, team_id, impact_started_at, customer_rca) values (?, 'Old', 2, 1, ?, ?)");
    const written = JSON.stringify(plainTextToDoc("We are sorry."));
    const blank = JSON.stringify({ type: "doc", content: [{ type: "paragraph" }] });
    coe.run(1, "2026-03-01T10:00:00Z", null); // Customer impact's start
    coe.run(2, null, blank); // the timeline's earliest start
    coe.run(3, "2026-03-01T10:00:00Z", written); // written: owed nothing
    coe.run(4, null, null); // no start anywhere: nothing to owe yet
    coe.run(5, "not a date", null); // unreadable start: the timeline's, as the app reads it
    const entry = db.prepare("insert into timeline_entries (coe_id, at, at_ms, kind, text) values (?, ?, ?, ?, 'x')");
    const ms = (iso: string) => Date.parse(iso);
    for (const id of [2, 5]) {
      entry.run(id, "2026-04-02T08:00:00Z", ms("2026-04-02T08:00:00Z"), "impact_start");
      entry.run(id, "2026-04-01T08:00:00Z", ms("2026-04-01T08:00:00Z"), "impact_start");
      entry.run(id, "2026-03-01T08:00:00Z", ms("2026-03-01T08:00:00Z"), "detected");
    }

    apply(db, migration);

    const week = 7 * 86_400_000;
    expect(db.prepare("select id, rca_owed_at owed from coes order by id").all()).toEqual([
      { id: 1, owed: ms("2026-03-01T10:00:00Z") + week },
      { id: 2, owed: ms("2026-04-01T08:00:00Z") + week },
      { id: 3, owed: null },
      { id: 4, owed: null },
      { id: 5, owed: ms("2026-04-01T08:00:00Z") + week },
    ]);
  });
});

describe("migration 0017: when each COE's customer RCA is due and was written", () => {
  it("takes the due day of every RCA still owed, and knows no writing time", () => {
    const { db, migration } = migratedBefore("0017");
    db.exec(`insert into teams (id, name) values (1, 'Storage')`);
    const coe = db.prepare("insert into coes (id, title, severity, team_id, impact_started_at, rca_owed_at) values (?, 'Old', 2, 1, ?, ?)");
    coe.run(1, "2026-03-01T10:00:00Z", Date.parse("2026-03-08T10:00:00Z")); // owed
    coe.run(2, "2026-03-01T10:00:00Z", null); // written before the migration
    coe.run(3, "not a date", null); // unreadable start: nothing parsed, nothing stopped

    apply(db, migration);

    expect(db.prepare("select id, rca_due_at due, rca_written_at written from coes order by id").all()).toEqual([
      { id: 1, due: Date.parse("2026-03-08T10:00:00Z"), written: null },
      { id: 2, due: null, written: null },
      { id: 3, due: null, written: null },
    ]);
  });
});

describe("migrations 0012–0013: free-text root-cause categories become the managed taxonomy", () => {
  it("adds the starter set, creates a category for every other name written, links each node by its trimmed name, then drops the text", () => {
    const { db } = migratedBefore("0012");
    db.exec(`insert into teams (id, name) values (1, 'Storage')`);
    db.exec(`insert into coes (id, title, severity, team_id) values (1, 'Old', 2, 1)`);
    const node = db.prepare("insert into why_nodes (id, coe_id, parent_id, position, text, is_root_cause, category) values (?, 1, ?, ?, 'x', ?, ?)");
    node.run(1, null, 0, 0, null);
    node.run(2, 1, 0, 1, "Capacity"); // a starter name: linked, not duplicated
    node.run(3, 1, 1, 1, "  Vendor outage "); // a name of its own: created once, trimmed
    node.run(4, 1, 2, 1, "Vendor outage");
    node.run(5, 1, 3, 1, "   "); // blank: no category

    for (const file of files.filter((f) => f.startsWith("0012") || f.startsWith("0013"))) apply(db, file);

    const names = (db.prepare("select name from root_cause_categories order by id").all() as { name: string }[]).map((r) => r.name);
    expect(names).toHaveLength(9);
    expect(names).toContain("Detection gap");
    expect(names.at(-1)).toBe("Vendor outage");
    expect(db.prepare("select n.id, c.name from why_nodes n left join root_cause_categories c on c.id = n.category_id order by n.id").all()).toEqual([
      { id: 1, name: null },
      { id: 2, name: "Capacity" },
      { id: 3, name: "Vendor outage" },
      { id: 4, name: "Vendor outage" },
      { id: 5, name: null },
    ]);
    const columns = (db.prepare("select name from pragma_table_info('why_nodes')").all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain("category_id");
    expect(columns).not.toContain("category");
  });
});
