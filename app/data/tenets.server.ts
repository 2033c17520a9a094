import { and, asc, count, desc, eq, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import { withTransaction, type Db } from "../../db/client";
import { auditEvents, coes, coeTenets, teams, tenets } from "../../db/schema";
import { reorderedIds } from "../domain/taxonomy/rules";
import { FieldError, MissingPartError } from "./write-errors.server";
import { insertedId, nextPositionAfter } from "./rows.server";

export type Tenet = { id: number; title: string; body: string; position: number; retiredAt: Date | null };
type Actor = { actorId: number; now?: Date };

const columns = { id: tenets.id, title: tenets.title, body: tenets.body, position: tenets.position, retiredAt: tenets.retiredAt };
const inOrder = [asc(tenets.position), asc(tenets.id)] as const;

/** The organisation's tenets in their order, retired ones included (they stay cited where they were). */
export function listTenets(db: Db): Promise<Tenet[]> {
  return db.select(columns).from(tenets).orderBy(...inOrder);
}

/** Every tenet with how many COEs cite it. */
export async function listTenetsWithCitations(db: Db): Promise<(Tenet & { citedBy: number })[]> {
  const counts = await db.select({ id: coeTenets.tenetId, n: count() }).from(coeTenets).groupBy(coeTenets.tenetId);
  const byId = new Map(counts.map((c) => [c.id, Number(c.n)]));
  return (await listTenets(db)).map((t) => ({ ...t, citedBy: byId.get(t.id) ?? 0 }));
}

/** One tenet and the COEs that cite it, newest first; undefined when there is no such tenet. */
export async function getTenetPage(db: Db, id: number) {
  const [tenet] = await db.select(columns).from(tenets).where(eq(tenets.id, id));
  if (!tenet) return undefined;
  const citing = await db
    .select({ id: coes.id, title: coes.title, severity: coes.severity, status: coes.status, team: teams.name, createdAt: coes.createdAt })
    .from(coeTenets)
    .innerJoin(coes, eq(coes.id, coeTenets.coeId))
    .innerJoin(teams, eq(teams.id, coes.teamId))
    .where(eq(coeTenets.tenetId, id))
    .orderBy(desc(coes.createdAt), desc(coes.id));
  return { tenet, citing };
}

export type TenetChoice = { id: number; title: string; isRetired: boolean; cited: boolean };

/**
 * The tenets a COE's header offers, in the organisation's order: the live ones and any retired one
 * it already cites, each with whether it is cited (the reading view shows the cited ones).
 */
export async function tenetChoicesFor(db: Db, coeId: number): Promise<TenetChoice[]> {
  const rows = await db
    .select({ id: tenets.id, title: tenets.title, retiredAt: tenets.retiredAt, citedBy: coeTenets.coeId })
    .from(tenets)
    .leftJoin(coeTenets, and(eq(coeTenets.tenetId, tenets.id), eq(coeTenets.coeId, coeId)))
    .where(or(isNull(tenets.retiredAt), isNotNull(coeTenets.coeId)))
    .orderBy(...inOrder);
  return rows.map((r) => ({ id: r.id, title: r.title, isRetired: r.retiredAt !== null, cited: r.citedBy !== null }));
}

/**
 * Replaces the tenets a COE cites (inside the header's write). Each must exist, and a retired one
 * may stay cited but cannot be newly cited.
 */
export async function replaceCitedTenets(tx: Db, coeId: number, tenetIds: readonly number[]) {
  const offered = new Map((await tenetChoicesFor(tx, coeId)).map((t) => [t.id, t]));
  for (const id of tenetIds) if (!offered.has(id)) throw new FieldError(`tenet-${id}`, "That tenet no longer exists or is retired; reload the page", true);
  await tx.delete(coeTenets).where(eq(coeTenets.coeId, coeId));
  for (const tenetId of new Set(tenetIds)) await tx.insert(coeTenets).values({ coeId, tenetId });
}

/** Titles are unique regardless of case: interchange cites tenets by title. */
async function requireFreeTitle(tx: Db, title: string, exceptId?: number) {
  const sameTitle = eq(sql`lower(${tenets.title})`, title.toLowerCase());
  const [taken] = await tx
    .select({ title: tenets.title })
    .from(tenets)
    .where(exceptId === undefined ? sameTitle : and(sameTitle, ne(tenets.id, exceptId)));
  if (taken) throw new FieldError("title", `A tenet titled "${taken.title}" already exists`);
}

async function requireTenet(tx: Db, id: number): Promise<Tenet> {
  const [found] = await tx.select(columns).from(tenets).where(eq(tenets.id, id));
  if (!found) throw new MissingPartError("That tenet no longer exists");
  return found;
}

function audit(tx: Db, who: Actor, action: string, entityId: number, detail: Record<string, unknown>) {
  return tx.insert(auditEvents).values({ actorId: who.actorId, action: `tenet.${action}`, entityType: "tenet", entityId, detail, createdAt: who.now ?? new Date() });
}

export function addTenet(db: Db, who: Actor, input: { title: string; body: string }): Promise<number> {
  return withTransaction(db, async (tx) => {
    await requireFreeTitle(tx, input.title);
    const position = await nextPositionAfter(tx.select({ p: sql<number | null>`max(${tenets.position})` }).from(tenets));
    const id = await insertedId(tx.insert(tenets).values({ ...input, position }).returning({ id: tenets.id }));
    await audit(tx, who, "add", id, input);
    return id;
  });
}

export function editTenet(db: Db, who: Actor, id: number, input: { title: string; body: string }) {
  return withTransaction(db, async (tx) => {
    const before = await requireTenet(tx, id);
    await requireFreeTitle(tx, input.title, id);
    await tx.update(tenets).set(input).where(eq(tenets.id, id));
    await audit(tx, who, "edit", id, { from: { title: before.title, body: before.body }, to: input });
  });
}

/** One place up or down; positions are rewritten 0..n-1, so gaps and ties from older data disappear. */
export function moveTenet(db: Db, who: Actor, id: number, direction: "up" | "down") {
  return withTransaction(db, async (tx) => {
    const all = await listTenets(tx);
    const tenet = all.find((t) => t.id === id);
    if (!tenet) throw new MissingPartError("That tenet no longer exists");
    const order = reorderedIds(
      all.map((t) => t.id),
      id,
      direction,
    );
    if (!order) throw new FieldError("form", `"${tenet.title}" is already ${direction === "up" ? "first" : "last"}`);
    for (const [position, tenetId] of order.entries()) await tx.update(tenets).set({ position }).where(eq(tenets.id, tenetId));
    await audit(tx, who, "move", id, { title: tenet.title, direction });
  });
}

/** A retired tenet stays cited where it was; authors are no longer offered it. */
export function setTenetRetired(db: Db, who: Actor, id: number, retire: boolean) {
  return withTransaction(db, async (tx) => {
    const before = await requireTenet(tx, id);
    if (!!before.retiredAt === retire) return;
    await tx.update(tenets).set({ retiredAt: retire ? (who.now ?? new Date()) : null }).where(eq(tenets.id, id));
    await audit(tx, who, retire ? "retire" : "reinstate", id, { title: before.title });
  });
}
