import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import { withTransaction, type Db } from "../../db/client";
import { auditEvents, rootCauseCategories, whyNodes } from "../../db/schema";
import { planMerge } from "../domain/taxonomy/rules";
import { FieldError, MissingPartError } from "./write-errors.server";
import { insertedId } from "./rows.server";

export type Category = { id: number; name: string; description: string; retiredAt: Date | null };
export type CategoryWithUse = Category & { rootCauses: number };
type Actor = { actorId: number; now?: Date };

const columns = { id: rootCauseCategories.id, name: rootCauseCategories.name, description: rootCauseCategories.description, retiredAt: rootCauseCategories.retiredAt };

/** Every category, live ones and retired ones, by name (what the editor and the reading view name nodes by). */
export function listCategories(db: Db): Promise<Category[]> {
  return db.select(columns).from(rootCauseCategories).orderBy(asc(rootCauseCategories.name));
}

/** Every category with how many root causes (why nodes marked as such) carry it, for the admin page. */
export async function listCategoriesWithUse(db: Db): Promise<CategoryWithUse[]> {
  const uses = await db
    .select({ id: whyNodes.categoryId, n: count() })
    .from(whyNodes)
    .where(eq(whyNodes.isRootCause, true))
    .groupBy(whyNodes.categoryId);
  const byId = new Map(uses.map((u) => [u.id, Number(u.n)]));
  return (await listCategories(db)).map((c) => ({ ...c, rootCauses: byId.get(c.id) ?? 0 }));
}

/** Names are unique regardless of case: "Capacity" and "capacity" would split one trend in two. */
async function requireFreeName(tx: Db, name: string, exceptId?: number) {
  const sameName = eq(sql`lower(${rootCauseCategories.name})`, name.toLowerCase());
  const [taken] = await tx
    .select({ name: rootCauseCategories.name })
    .from(rootCauseCategories)
    .where(exceptId === undefined ? sameName : and(sameName, ne(rootCauseCategories.id, exceptId)));
  if (taken) throw new FieldError("name", `A category named "${taken.name}" already exists`);
}

async function requireCategory(tx: Db, id: number): Promise<Category> {
  const [found] = await tx.select(columns).from(rootCauseCategories).where(eq(rootCauseCategories.id, id));
  if (!found) throw new MissingPartError("That category no longer exists");
  return found;
}

function audit(tx: Db, who: Actor, action: string, entityId: number, detail: Record<string, unknown>) {
  return tx.insert(auditEvents).values({ actorId: who.actorId, action: `category.${action}`, entityType: "root_cause_category", entityId, detail, createdAt: who.now ?? new Date() });
}

export function addCategory(db: Db, who: Actor, input: { name: string; description: string }): Promise<number> {
  return withTransaction(db, async (tx) => {
    await requireFreeName(tx, input.name);
    const id = await insertedId(tx.insert(rootCauseCategories).values(input).returning({ id: rootCauseCategories.id }));
    await audit(tx, who, "add", id, input);
    return id;
  });
}

/** A rename shows up everywhere at once (nodes point at the row), exports included. */
export function editCategory(db: Db, who: Actor, id: number, input: { name: string; description: string }) {
  return withTransaction(db, async (tx) => {
    const before = await requireCategory(tx, id);
    await requireFreeName(tx, input.name, id);
    await tx.update(rootCauseCategories).set(input).where(eq(rootCauseCategories.id, id));
    await audit(tx, who, "edit", id, { from: { name: before.name, description: before.description }, to: input });
  });
}

/** Every why node of the source moves to the target, then the source is deleted. */
export function mergeCategory(db: Db, who: Actor, sourceId: number, targetId: number) {
  return withTransaction(db, async (tx) => {
    const plan = planMerge(await listCategories(tx), sourceId, targetId);
    if (!plan.ok) {
      if (plan.field === "sourceId") throw new MissingPartError(plan.message);
      throw new FieldError(plan.field, plan.message);
    }
    const moved = await tx.update(whyNodes).set({ categoryId: targetId }).where(eq(whyNodes.categoryId, sourceId)).returning({ id: whyNodes.id });
    await tx.delete(rootCauseCategories).where(eq(rootCauseCategories.id, sourceId));
    await audit(tx, who, "merge", targetId, { from: plan.sourceName, into: plan.targetName, movedNodes: moved.length });
  });
}

/** Retired categories stay on the nodes that carry them; they are only no longer offered. */
export function setCategoryRetired(db: Db, who: Actor, id: number, retire: boolean) {
  return withTransaction(db, async (tx) => {
    const before = await requireCategory(tx, id);
    if (!!before.retiredAt === retire) return;
    await tx.update(rootCauseCategories).set({ retiredAt: retire ? (who.now ?? new Date()) : null }).where(eq(rootCauseCategories.id, id));
    await audit(tx, who, retire ? "retire" : "reinstate", id, { name: before.name });
  });
}
