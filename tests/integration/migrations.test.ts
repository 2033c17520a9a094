import Database from "better-sqlite3";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { plainTextToDoc } from "~/domain/coe/plain-text-doc";

const dir = join(import.meta.dirname, "../../db/migrations");
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
    db.prepare("insert into coes (id, title, severity, team_id, detection_fast_enough, detection_metrics_reflected_customers, detection_similar_events_detectable) values (1, 'Old', 2, 1, ?, ?, ?)").run("Plain answer", '[1, 2]', doc);
    apply(db, migration);
    const row = db.prepare("select detection_fast_enough a, detection_metrics_reflected_customers b, detection_similar_events_detectable c from coes").get() as Record<string, string>;
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
    expect(lessons).toEqual([plainTextToDoc("Config changes need review"), plainTextToDoc("Already a document"), plainTextToDoc('{"looks": "like JSON but is not a doc"}')]);
    const notes = db.prepare("select notes from dependencies order by position").pluck().all().map(json);
    expect(notes).toEqual([plainTextToDoc("Answered every query"), null, null, plainTextToDoc("Already a document")]);
    // A detection answer 0003 left alone (JSON, but not a document) is converted too.
    expect(json(db.prepare("select detection_fast_enough from coes").pluck().get())).toEqual(plainTextToDoc('{"not": "a doc"}'));
  });
});
