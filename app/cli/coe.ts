// The operator's command line: `npm run coe -- <command>` (see HELP in parse-args.ts).
import { resolve } from "node:path";
import { closeDb, databasePath, db as getDb } from "../data/db.server";
import { backupDatabase, DatabaseFileError, restoreDatabase } from "../data/backup.server";
import { copySqliteToPostgres } from "../data/copy-database.server";
import { exportCoe } from "../data/coe-export.server";
import { importCoe } from "../data/coe-import.server";
import { rebuildSearchIndex } from "../data/search-index.server";
import { addUser, userIdByEmail } from "../data/user-admin.server";
import { ConfigError, importLimit, readServerConfig } from "../server/config.server";
import { instanceName, runRemindersNow } from "../server/jobs.server";
import { HELP, parseArgs, type CliCommand } from "./parse-args";
import { readFileWithin } from "./read-within-limit";

type Exit = 0 | 1 | 2;

// `npm run` starts scripts in the package root; paths on the command line mean the caller's directory.
const callerPath = (file: string) => resolve(process.env.INIT_CWD ?? process.cwd(), file);

/** The file's JSON, refused unread when it is larger than IMPORT_LIMIT. */
function readJson(file: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const read = readFileWithin(file, importLimit(), "IMPORT_LIMIT");
  if (!read.ok) return read;
  try {
    return { ok: true, value: JSON.parse(read.text) };
  } catch (e) {
    return { ok: false, error: `${file} is not valid JSON: ${(e as Error).message}` };
  }
}

async function runImport(file: string, asEmail: string | undefined): Promise<Exit> {
  const json = readJson(file);
  if (!json.ok) return fail(json.error);
  const db = getDb();
  let actorId: number | undefined;
  if (asEmail !== undefined) {
    actorId = await userIdByEmail(db, asEmail);
    if (actorId === undefined) return fail(`--as: no user ${asEmail}`);
  }
  const result = await importCoe(db, json.value, { actorId });
  if (!result.ok) {
    console.error(`${file}: not imported, ${result.errors.length} problem${result.errors.length === 1 ? "" : "s"}:`);
    for (const e of result.errors) console.error(`${e.path}: ${e.message}`);
    return 1;
  }
  for (const w of result.warnings) console.error(`warning: ${w}`);
  console.log(result.coeId);
  return 0;
}

async function runExport(coeId: number): Promise<Exit> {
  const doc = await exportCoe(getDb(), coeId);
  if (!doc) return fail(`no COE with id ${coeId}`);
  console.log(JSON.stringify(doc, null, 2));
  return 0;
}

async function run(cmd: CliCommand): Promise<Exit> {
  switch (cmd.command) {
    case "help":
      console.log(HELP);
      return 0;
    case "import":
      return runImport(callerPath(cmd.file), cmd.as);
    case "export":
      return runExport(cmd.coeId);
    case "user-add": {
      const result = await addUser(getDb(), cmd.user);
      if (!result.ok) return fail(result.error);
      if (result.createdTeam) console.error(`created team ${cmd.user.team}`);
      console.log(`created ${cmd.user.role} ${cmd.user.email} (id ${result.userId})`);
      return 0;
    }
    case "backup": {
      const target = callerPath(cmd.file);
      const { bytes } = await backupDatabase({ from: databasePath(), to: target });
      console.log(`backed up ${databasePath()} to ${target} (${bytes} bytes, integrity_check ok, mode 0600)`);
      return 0;
    }
    case "restore":
      return runRestore(callerPath(cmd.file), cmd.force);
    case "copy-database":
      return runCopy(cmd.to);
    case "reminders":
      console.log(await runRemindersNow(readServerConfig(), `coe reminders:${instanceName()}`));
      return 0;
    case "search-rebuild":
      console.log(`search index rebuilt: ${await rebuildSearchIndex(getDb())} COEs`);
      return 0;
  }
}

async function runRestore(file: string, force: boolean): Promise<Exit> {
  const target = databasePath();
  const r = await restoreDatabase({ from: file, to: target, force });
  const migrated = r.migrated ? `; applied ${r.migrated} migration${r.migrated === 1 ? "" : "s"} to bring it to this version` : "";
  console.log(
    `restored ${file} into ${target} (${r.replaced ? "replacing its contents" : "a new database"}): ${r.users} user${r.users === 1 ? "" : "s"}, ${r.coes} COE${r.coes === 1 ? "" : "s"}${migrated}; integrity_check ok; mode 0600. The backup file was not changed.`,
  );
  return 0;
}

async function runCopy(url: string): Promise<Exit> {
  const tables = await copySqliteToPostgres({ file: databasePath(), url });
  const width = Math.max(...tables.map((t) => t.table.length));
  for (const t of tables) console.log(`${t.table.padEnd(width)}  ${String(t.rows).padStart(8)} rows  sha256 ${t.checksum.slice(0, 16)}`);
  const total = tables.reduce((n, t) => n + t.rows, 0);
  console.log(
    `copied ${total} rows in ${tables.length} tables from ${databasePath()}; every table's row count and checksum match. Start the app with DATABASE_URL set to the target.`,
  );
  return 0;
}

function fail(message: string): 1 {
  console.error(`error: ${message}`);
  return 1;
}

async function main(argv: string[]): Promise<Exit> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    console.error(`error: ${parsed.error}\nRun \`npm run coe -- help\` for usage.`);
    return 2;
  }
  try {
    return await run(parsed.cmd);
  } catch (e) {
    if (e instanceof DatabaseFileError) return fail(e.message);
    if (!(e instanceof ConfigError)) throw e;
    console.error(`error: ${e.message}`);
    return 2;
  } finally {
    await closeDb();
  }
}

// exitCode rather than exit(): output piped to another program is flushed first.
process.exitCode = await main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  return 1;
});
