import { z } from "zod";
import { ROLES } from "../domain/enums";
import { UserAddSchema, type UserAdd } from "../domain/users";

export const HELP = `Usage: npm run coe -- <command>

Commands:
  import <file.json> [--as <email>]   Import one COE interchange document (schema v1); prints the new id.
                                      --as records that user as the COE's author.
  export <coeId>                      Print the COE as interchange JSON.
  user add <email> --name <name> --role <${ROLES.join("|")}> --password <password> [--team <team>]
                                      Create a user (password at least 8 characters).
  backup <file>                       Copy the database to <file> while it is in use: one consistent
                                      snapshot, checked with integrity_check, written 0600.
  restore <file> [--force]            Replace the database with the backup <file>. The backup is checked
                                      first (integrity_check, and that it is this app's database; it is
                                      never changed). An existing database is replaced only with --force;
                                      a server running on it sees the restored database at once.
  copy-database --to <postgres-url>  Move to PostgreSQL: copy every row of the SQLite database into the
                                      (empty) PostgreSQL database at the URL, migrated first; verify each
                                      table's row count and checksum before committing. The file is only read.
  reminders                           Send today's action-item reminders now (in-app, and by e-mail when
                                      SMTP_URL is set), unless today's run already happened: once a day,
                                      shared with the servers' daily run (REMINDERS_AT).
  search-rebuild                      Rebuild the full-text search index (and every COE's keywords) from
                                      the COEs' content, for disaster recovery. Writes keep it current.
  help                                Show this text.

The database is DATABASE_PATH (default ./data/coe.db); it, its WAL and backups are made 0600.
import reads at most IMPORT_LIMIT bytes (default 10mb).
Exit status: 0 done, 1 failed (problems on stderr), 2 wrong usage.`;

export type CliCommand =
  | { command: "help" }
  | { command: "import"; file: string; as?: string }
  | { command: "export"; coeId: number }
  | { command: "user-add"; user: UserAdd }
  | { command: "backup"; file: string }
  | { command: "restore"; file: string; force: boolean }
  | { command: "copy-database"; to: string }
  | { command: "reminders" }
  | { command: "search-rebuild" };

export type ParsedArgs = { ok: true; cmd: CliCommand } | { ok: false; error: string };

/** Flags that are switches: present or not, never followed by a value. */
const SWITCHES = new Set(["force"]);

/**
 * Splits `--flag value` and `--flag=value` from positional arguments; a flag without a value is an
 * error. A switch (`--force`) takes no value and is recorded as "true".
 */
function splitFlags(args: readonly string[]): { positional: string[]; flags: Map<string, string>; error?: string } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (SWITCHES.has(name) && eq !== -1) return { positional, flags, error: `--${name} takes no value` };
    const value = SWITCHES.has(name) ? "true" : eq === -1 ? args[++i] : arg.slice(eq + 1);
    if (value === undefined) return { positional, flags, error: `--${name} needs a value` };
    if (flags.has(name)) return { positional, flags, error: `--${name} given twice` };
    flags.set(name, value);
  }
  return { positional, flags };
}

function unexpected(flags: Map<string, string>, allowed: string[]): string | undefined {
  const extra = [...flags.keys()].find((f) => !allowed.includes(f));
  return extra === undefined ? undefined : `unknown option --${extra}`;
}

/** argv after the script name → a command, or a one-line reason it is not one. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const { positional, flags, error } = splitFlags(argv);
  if (error) return { ok: false, error };
  const [command, ...rest] = positional;
  const fail = (message: string): ParsedArgs => ({ ok: false, error: message });

  switch (command) {
    case undefined:
    case "help":
    case "-h":
      return { ok: true, cmd: { command: "help" } };
    case "import": {
      const bad = unexpected(flags, ["as"]);
      if (bad) return fail(bad);
      if (rest.length !== 1) return fail("import needs exactly one file: import <file.json>");
      const as = flags.get("as");
      if (as !== undefined && !z.email().safeParse(as).success) return fail(`--as must be an email address, got "${as}"`);
      return { ok: true, cmd: { command: "import", file: rest[0]!, ...(as === undefined ? {} : { as: as.toLowerCase() }) } };
    }
    case "export": {
      const bad = unexpected(flags, []);
      if (bad) return fail(bad);
      if (rest.length !== 1 || !/^[1-9]\d{0,15}$/.test(rest[0]!)) return fail("export needs one COE id (a positive whole number): export <coeId>");
      return { ok: true, cmd: { command: "export", coeId: Number(rest[0]) } };
    }
    case "user": {
      if (rest[0] !== "add") return fail(`unknown user command "${rest[0] ?? ""}"; did you mean: user add <email> …`);
      const bad = unexpected(flags, ["name", "role", "password", "team"]);
      if (bad) return fail(bad);
      if (rest.length !== 2) return fail("user add needs exactly one email: user add <email> --name <name> --role <role> --password <password>");
      const parsed = UserAddSchema.safeParse({
        email: rest[1],
        name: flags.get("name"),
        role: flags.get("role"),
        password: flags.get("password"),
        team: flags.get("team"),
      });
      if (!parsed.success) {
        const problems = parsed.error.issues.map(
          (i) => `${i.path[0] === "email" ? "<email>" : `--${String(i.path[0])}`}: ${i.code === "invalid_type" ? "is required" : i.message}`,
        );
        return fail(problems.join("; "));
      }
      return { ok: true, cmd: { command: "user-add", user: parsed.data } };
    }
    case "backup": {
      const bad = unexpected(flags, []);
      if (bad) return fail(bad);
      if (rest.length !== 1) return fail("backup needs exactly one destination file: backup <file>");
      return { ok: true, cmd: { command: "backup", file: rest[0]! } };
    }
    case "restore": {
      const bad = unexpected(flags, ["force"]);
      if (bad) return fail(bad);
      if (rest.length !== 1) return fail("restore needs exactly one backup file: restore <file> [--force]");
      return { ok: true, cmd: { command: "restore", file: rest[0]!, force: flags.has("force") } };
    }
    case "copy-database": {
      const bad = unexpected(flags, ["to"]);
      if (bad) return fail(bad);
      const to = flags.get("to");
      if (rest.length !== 0 || to === undefined) return fail("copy-database needs the target: copy-database --to postgres://user@host/database");
      if (!/^postgres(ql)?:\/\//i.test(to)) return fail(`--to must be a postgres:// URL, got "${to.replace(/:[^:@/]*@/, ":…@")}"`);
      return { ok: true, cmd: { command: "copy-database", to } };
    }
    case "reminders":
    case "search-rebuild": {
      const bad = unexpected(flags, []);
      if (bad) return fail(bad);
      if (rest.length) return fail(`${command} takes no arguments`);
      return { ok: true, cmd: { command } };
    }
    default:
      return fail(`unknown command "${command}"`);
  }
}
