// A write storm against the real server, and the check that every acknowledged write is on disk.
// Shared by the shutdown, crash and backup tests of the "files-and-processes" family.
import type Database from "better-sqlite3";
import type { Db } from "../../db/client";
import { insertCoe } from "../factories";
import { insertTeam, insertUser, sessionCookieFor } from "../setup/users";

type Sqlite = Database.Database;

/** One client autosaving one COE's impact summary, each write based on the version the last one returned (as the editor does). */
export type StormClient = { coeId: number; cookie: string; lastAcked: number; acked: number; attempted: number; inFlight?: number };

export type Storm = {
  clients: StormClient[];
  /** Every answer that was not a 200 (there should be none: no 409s, no 500s), as "status body". */
  unexpected: string[];
  /** Network errors (the server went away): each client stops at its first one. */
  networkErrors: string[];
  /** The last acknowledged version of each COE, now (to compare a backup taken from this moment with). */
  ackedNow: () => Map<number, number>;
  /** Stops sending and waits for every client to finish its request in flight. */
  stop: () => Promise<void>;
  /** Resolves when every client has stopped (by stop() or at its first network error). */
  done: Promise<void>;
};

export const stormText = (coeId: number, version: number) => `storm COE ${coeId} version ${version}`;

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

/** `count` authors, each with a session and a COE of their own. */
export async function stormClients(db: Db, count: number): Promise<StormClient[]> {
  await insertTeam(db, "Storage");
  const clients: StormClient[] = [];
  for (let i = 0; i < count; i++) {
    const author = await insertUser(db, "author");
    const coeId = await insertCoe(db, { team: "Storage", status: "draft" }, { actorId: author.id });
    clients.push({ coeId, cookie: await sessionCookieFor(author.id), lastAcked: 0, acked: 0, attempted: 0 });
  }
  return clients;
}

/** Starts every client autosaving as fast as the server answers. */
export function startStorm(origin: string, clients: StormClient[]): Storm {
  let stopped = false;
  const unexpected: string[] = [];
  const networkErrors: string[] = [];
  const run = async (client: StormClient) => {
    while (!stopped) {
      const version = client.lastAcked + 1;
      client.inFlight = version;
      client.attempted++;
      let res: Response;
      let body: string;
      try {
        res = await fetch(`${origin}/coes/${client.coeId}/sections/impact-summary`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Origin: origin, Cookie: client.cookie },
          body: JSON.stringify({ doc: doc(stormText(client.coeId, version)), baseVersion: client.lastAcked }),
        });
        body = await res.text();
      } catch (e) {
        networkErrors.push(String((e as { cause?: { code?: string } }).cause?.code ?? e));
        return; // the outcome of the write in flight is unknown: this client is done
      }
      client.inFlight = undefined;
      if (res.status !== 200) {
        unexpected.push(`${res.status} ${body.slice(0, 200)}`);
        return;
      }
      const answered = (JSON.parse(body) as { version: number }).version;
      if (answered !== version) unexpected.push(`COE ${client.coeId}: asked for version ${version}, answered ${answered}`);
      client.lastAcked = answered;
      client.acked++;
    }
  };
  const done = Promise.all(clients.map(run)).then(() => undefined);
  return {
    clients,
    unexpected,
    networkErrors,
    ackedNow: () => new Map(clients.map((c) => [c.coeId, c.lastAcked])),
    stop: async () => {
      stopped = true;
      await done;
    },
    done,
  };
}

/**
 * Every acknowledged write is in `sqlite`: each COE's impact summary is at least at the version last
 * acknowledged (at most one further, if a write was in flight when the client lost the server),
 * holds exactly that version's text, and has one audit row per version (none lost, none doubled).
 * `acked` defaults to each client's last acknowledged version; a backup passes what was acknowledged
 * when it began, and may then hold any later version. Returns the problems found.
 */
export function missingWrites(sqlite: Sqlite, clients: StormClient[], acked?: Map<number, number>): string[] {
  const problems: string[] = [];
  for (const c of clients) {
    const row = sqlite
      .prepare(
        `select v.version as version, json_extract(c.impact_summary, '$.content[0].content[0].text') as text
           from coes c left join coe_section_versions v on v.coe_id = c.id and v.section = 'impact-summary' where c.id = ?`,
      )
      .get(c.coeId) as { version: number | null; text: string | null } | undefined;
    const version = row?.version ?? 0;
    const floor = acked?.get(c.coeId) ?? c.lastAcked;
    const ceiling = acked ? c.lastAcked + 1 : c.lastAcked + (c.inFlight === undefined ? 0 : 1);
    if (version < floor) problems.push(`COE ${c.coeId}: version ${floor} was acknowledged, the database has ${version}`);
    if (version > ceiling) problems.push(`COE ${c.coeId}: the database has version ${version}, no write beyond ${ceiling} was sent`);
    if (version > 0 && row?.text !== stormText(c.coeId, version)) problems.push(`COE ${c.coeId}: version ${version} holds ${JSON.stringify(row?.text)}`);
    const audited = sqlite.prepare(`select count(*) from audit_events where entity_id = ? and action = 'coe.impact-summary'`).pluck().get(c.coeId) as number;
    if (audited !== version) problems.push(`COE ${c.coeId}: ${audited} audited writes for version ${version}`);
  }
  return problems;
}

/** The impact summary's section version of a COE, read from the SQLite file itself (0 when never written). */
export function impactVersionIn(sqlite: Sqlite, coeId: number): number {
  const version = sqlite.prepare(`select version from coe_section_versions where coe_id = ? and section = 'impact-summary'`).pluck().get(coeId);
  return (version as number | undefined) ?? 0;
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
