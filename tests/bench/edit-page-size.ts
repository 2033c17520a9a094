/**
 * Weighs the edit page of a draft COE with a 500-node whys tree (the bench's big tree, plus the
 * factory's lessons and action items): total HTML and what the why lists take. `npx tsx tests/bench/edit-page-size.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, ensureBuild } from "../setup/build";
import { startServer, stopServer, type Server } from "../setup/server-process";

const SESSION_SECRET = "edit-page-size-secret";
const tmp = mkdtempSync(join(tmpdir(), "coe-edit-size-"));
const dbFile = join(tmp, "size.db");
process.env.DATABASE_PATH = dbFile;
process.env.SESSION_SECRET = SESSION_SECRET;
let server: Server | undefined;
try {
  ensureBuild({ force: false });
  const { getDb, closeDb, withTransaction } = await import("../../db/client");
  const { users } = await import("../../db/schema");
  const { createSession } = await import("../../app/auth/session.server");
  const { insertCoe } = await import("../factories");
  const { bigWhyTree } = await import("./seed");
  const db = getDb();
  const [user] = await withTransaction(db, (tx) =>
    tx.insert(users).values({ email: "size@example.com", name: "Size Author", role: "author", passwordHash: "not-a-real-hash" }).returning({ id: users.id }),
  );
  const userId = user!.id;
  const coeId = await insertCoe(db, { status: "draft", title: "Edit page with a 500-node whys tree", whys: bigWhyTree(500) }, { actorId: userId, seed: 1 });
  const cookie = (await createSession(userId)).split(";")[0]!;
  await closeDb();
  server = await startServer(ROOT, { DATABASE_PATH: dbFile, SESSION_SECRET });
  const res = await fetch(`${server.origin}/coes/${coeId}/edit`, { headers: { Cookie: cookie } });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`edit page answered ${res.status}`);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const options = html.match(/<option[^>]*>[^<]*<\/option>/g) ?? [];
  const checkboxes = html.match(/<li[^>]*><input type="checkbox"[^]*?<\/li>/g) ?? [];
  console.log(`edit page, 500-node tree: ${kb(html.length)} of HTML`);
  console.log(`  <option>s: ${options.length} (${kb(options.join("").length)})`);
  console.log(`  why checkboxes: ${checkboxes.length} (${kb(checkboxes.join("").length)})`);
  if (process.env.SIZE_DUMP) (await import("node:fs")).writeFileSync(process.env.SIZE_DUMP, html);
} finally {
  if (server) await stopServer(server);
  rmSync(tmp, { recursive: true, force: true });
}
