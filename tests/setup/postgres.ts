import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A PostgreSQL server for the tests: the one TEST_DATABASE_URL names (its user must be allowed to
 * create databases), or else a throwaway cluster from Debian's `postgresql` package, made in a
 * temporary folder on a free loopback port and removed by `stop()`. The package is installed when
 * it is missing and this runs as root; otherwise this fails saying how to get one. Never skipped.
 */
export type TestPostgres = { url: string; stop: () => void };

const HOW =
  "PostgreSQL is needed for the tests on the second engine. Either install Debian's server binaries " +
  "(`apt-get install -y postgresql`, as root) or point TEST_DATABASE_URL at a server where the user may create databases.";

/**
 * `durable: false` (tests) turns off fsync, synchronous commit and full-page writes: nothing here
 * has to survive a crash. The bench asks for a durable server, as production runs one.
 */
export async function startTestPostgres({ durable = false } = {}): Promise<TestPostgres> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) return { url: given, stop: () => undefined };
  const bin = postgresBin() ?? installPostgres();
  const dir = mkdtempSync(join(tmpdir(), "coe-pg-"));
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user.
  if (asRoot) chownSync(dir, uidOf("postgres"), gidOf("postgres"));
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? ["runuser", ["-u", "postgres", "--", join(bin, tool), ...args]] : [join(bin, tool), args];
    const result = spawnSync(command[0] as string, command[1] as string[], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout || result.error?.message}\n${HOW}`);
  };
  const port = await freePort();
  run("initdb", ["-D", join(dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync"]);
  const unsafe = durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300${unsafe}`;
  run("pg_ctl", ["-D", join(dir, "data"), "-o", options, "-l", join(dir, "log"), "-w", "start"]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run("pg_ctl", ["-D", join(dir, "data"), "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The newest installed server's binaries (Debian puts them in /usr/lib/postgresql/<major>/bin). */
function postgresBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] && join(root, majors[0], "bin");
}

function installPostgres(): string {
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) throw new Error(`No PostgreSQL server binaries found. ${HOW}`);
  console.log("PostgreSQL server binaries missing: installing Debian's postgresql package");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "postgresql"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  const bin = postgresBin();
  if (!bin) throw new Error(`apt-get installed postgresql, but no initdb was found under /usr/lib/postgresql. ${HOW}`);
  return bin;
}

const uidOf = (user: string) => Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());
const gidOf = (user: string) => Number(execFileSync("id", ["-g", user], { encoding: "utf8" }).trim());

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** `url` with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A new, empty database `name` on the server at `url` (dropped first if it exists; or made from `template`); returns its URL. */
export async function createDatabase(url: string, name: string, template?: string): Promise<string> {
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}${template ? ` template ${template}` : ""}`);
  } finally {
    await admin.end();
  }
  return withDatabase(url, name);
}
