import { describe, expect, it } from "vitest";
import { HELP, parseArgs } from "./parse-args";

const ok = (argv: string[]) => {
  const parsed = parseArgs(argv);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.cmd;
};
const error = (argv: string[]) => {
  const parsed = parseArgs(argv);
  if (parsed.ok) throw new Error(`expected an error for ${argv.join(" ")}`);
  return parsed.error;
};

describe("parseArgs", () => {
  it("shows help for nothing, help and -h", () => {
    for (const argv of [[], ["help"], ["-h"]]) expect(ok(argv)).toEqual({ command: "help" });
  });

  it("parses import with an optional author", () => {
    expect(ok(["import", "a.coe.json"])).toEqual({ command: "import", file: "a.coe.json" });
    expect(ok(["import", "a.json", "--as", "Author@Example.com"])).toEqual({ command: "import", file: "a.json", as: "author@example.com" });
    expect(error(["import"])).toMatch(/exactly one file/);
    expect(error(["import", "a", "b"])).toMatch(/exactly one file/);
    expect(error(["import", "a", "--as", "nobody"])).toMatch(/--as must be an email/);
  });

  it("parses export ids strictly", () => {
    expect(ok(["export", "42"])).toEqual({ command: "export", coeId: 42 });
    for (const id of ["0", "-1", "1.5", "abc", "007"]) expect(error(["export", id])).toMatch(/positive whole number/);
  });

  it("parses user add with --flag value and --flag=value", () => {
    expect(ok(["user", "add", "Ops@Example.com", "--name", " Riley ", "--role=reviewer", "--password", "long enough", "--team", "Storage"])).toEqual({
      command: "user-add",
      user: { email: "ops@example.com", name: "Riley", role: "reviewer", password: "long enough", team: "Storage" },
    });
  });

  it("lists every problem with user add", () => {
    expect(error(["user", "add", "not-an-email", "--role", "owner", "--password", "short"])).toBe(
      "<email>: must be an email address; --name: is required; --role: must be one of admin, reviewer, author, member; --password: must be at least 8 characters",
    );
    expect(error(["user", "remove", "x@example.com"])).toMatch(/unknown user command "remove"/);
  });

  it("parses backup", () => {
    expect(ok(["backup", "/tmp/copy.db"])).toEqual({ command: "backup", file: "/tmp/copy.db" });
    expect(error(["backup"])).toMatch(/destination/);
  });

  it("parses restore with --force as a switch, before or after the file", () => {
    expect(ok(["restore", "b.db"])).toEqual({ command: "restore", file: "b.db", force: false });
    expect(ok(["restore", "b.db", "--force"])).toEqual({ command: "restore", file: "b.db", force: true });
    expect(ok(["restore", "--force", "b.db"])).toEqual({ command: "restore", file: "b.db", force: true });
    expect(error(["restore"])).toMatch(/exactly one backup file/);
    expect(error(["restore", "a.db", "b.db"])).toMatch(/exactly one backup file/);
    expect(error(["restore", "b.db", "--force=yes"])).toBe("--force takes no value");
    expect(error(["restore", "b.db", "--as", "x@example.com"])).toBe("unknown option --as");
    expect(error(["backup", "b.db", "--force"])).toBe("unknown option --force");
    expect(HELP).toContain("restore <file> [--force]");
    expect(HELP).toContain("IMPORT_LIMIT");
  });

  it("parses reminders, which takes nothing", () => {
    expect(ok(["reminders"])).toEqual({ command: "reminders" });
    expect(error(["reminders", "today"])).toMatch(/no arguments/);
    expect(error(["reminders", "--force"])).toMatch(/unknown option --force/);
  });

  it("parses search-rebuild, which takes nothing", () => {
    expect(ok(["search-rebuild"])).toEqual({ command: "search-rebuild" });
    expect(error(["search-rebuild", "now"])).toMatch(/search-rebuild takes no arguments/);
  });

  it("refuses unknown commands, unknown options, repeated options and options without a value", () => {
    expect(error(["frobnicate"])).toBe('unknown command "frobnicate"');
    expect(error(["export", "1", "--pretty=yes"])).toBe("unknown option --pretty");
    expect(error(["user", "add", "a@b.co", "--name", "a", "--name", "b"])).toBe("--name given twice");
    expect(error(["user", "add", "a@b.co", "--name"])).toBe("--name needs a value");
  });
});
