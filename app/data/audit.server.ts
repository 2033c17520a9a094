import { and, asc, desc, eq, gte, isNull, lt, sql, type SQL } from "drizzle-orm";
import { takeTurns, withTransaction, type Db } from "../../db/client";
import { auditEvents, coes, users } from "../../db/schema";
import type { AuditRow } from "../domain/audit/describe";
import type { AuditFilters } from "../domain/audit/query";

/** Refusals of the same kind by the same client within this window fold into one row with a count. */
export const REFUSAL_FOLD_MS = 60_000;

export type RefusalEvent = {
  actorId: number | null;
  clientAddress: string;
  /** What was attempted, e.g. "POST /coes/:coeId/edit". */
  action: string;
  status: number;
  coeId?: number;
  detail?: Record<string, unknown>;
};

/**
 * Records a refused request. The same refusal (same actor, client, action, status and COE)
 * within REFUSAL_FOLD_MS adds to the count of the row it repeats, so every refusal is counted
 * while a flood of them writes one row a minute.
 */
export async function recordRefusal(db: Db, event: RefusalEvent, now = new Date()) {
  const entityType = event.coeId === undefined ? "request" : "coe";
  const entityId = event.coeId ?? null;
  await withTransaction(db, async (tx) => {
    await takeTurns(tx, "refusals");
    const [same] = await tx
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(
        and(
          gte(auditEvents.createdAt, new Date(now.getTime() - REFUSAL_FOLD_MS)),
          eq(auditEvents.outcome, "refused"),
          eq(auditEvents.action, event.action),
          eq(auditEvents.status, event.status),
          eq(auditEvents.clientAddress, event.clientAddress),
          event.actorId === null ? isNull(auditEvents.actorId) : eq(auditEvents.actorId, event.actorId),
          entityId === null ? isNull(auditEvents.entityId) : eq(auditEvents.entityId, entityId),
          sql`cast(coalesce(${auditEvents.detail}, 'null') as text) = ${JSON.stringify(event.detail ?? null)}`,
        ),
      )
      .orderBy(desc(auditEvents.id))
      .limit(1);
    if (same) {
      await tx
        .update(auditEvents)
        .set({ count: sql`${auditEvents.count} + 1` })
        .where(eq(auditEvents.id, same.id));
      return;
    }
    await tx
      .insert(auditEvents)
      .values({ actorId: event.actorId, action: event.action, entityType, entityId, detail: event.detail ?? null, outcome: "refused", status: event.status, clientAddress: event.clientAddress, createdAt: now });
  });
}

/** Records a change someone made outside a COE write (sign-in, sign-out, a user created). */
export async function recordEvent(
  db: Db,
  event: { actorId: number | null; action: string; entityType: string; entityId: number | null; clientAddress?: string; detail?: Record<string, unknown> },
) {
  await withTransaction(db, (tx) => tx.insert(auditEvents).values({ ...event, clientAddress: event.clientAddress ?? null, detail: event.detail ?? null }));
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of events, newest first, with the actor's name; `next` is the `before` of the following page. */
export async function listAuditEvents(db: Db, filters: AuditFilters, pageSize = AUDIT_PAGE_SIZE): Promise<{ events: AuditRow[]; next: number | undefined }> {
  const where: SQL[] = [];
  if (filters.actorId !== undefined) where.push(filters.actorId === null ? isNull(auditEvents.actorId) : eq(auditEvents.actorId, filters.actorId));
  if (filters.action) where.push(eq(auditEvents.action, filters.action));
  if (filters.coeId !== undefined) where.push(and(eq(auditEvents.entityType, "coe"), eq(auditEvents.entityId, filters.coeId))!);
  if (filters.outcome) where.push(eq(auditEvents.outcome, filters.outcome));
  if (filters.since) where.push(gte(auditEvents.createdAt, filters.since));
  if (filters.until) where.push(lt(auditEvents.createdAt, filters.until));
  if (filters.before !== undefined) where.push(lt(auditEvents.id, filters.before));
  const rows = await db
    .select({
      id: auditEvents.id,
      createdAt: auditEvents.createdAt,
      actorId: auditEvents.actorId,
      actorName: users.name,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      coeTitle: coes.title,
      outcome: auditEvents.outcome,
      status: auditEvents.status,
      count: auditEvents.count,
      clientAddress: auditEvents.clientAddress,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .leftJoin(coes, and(eq(auditEvents.entityType, "coe"), eq(coes.id, auditEvents.entityId)))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(pageSize + 1);
  const page = rows.slice(0, pageSize);
  return { events: page, next: rows.length > pageSize ? page[page.length - 1]!.id : undefined };
}

/** Everyone who could appear under "who", for its filter. */
export function listAuditActors(db: Db): Promise<{ id: number; name: string; email: string }[]> {
  return db.select({ id: users.id, name: users.name, email: users.email }).from(users).orderBy(asc(users.name), asc(users.id));
}

/** The distinct actions recorded, for the "what" filter. */
export async function listAuditActions(db: Db): Promise<string[]> {
  return (await db.selectDistinct({ action: auditEvents.action }).from(auditEvents).orderBy(auditEvents.action)).map((r) => r.action);
}

/** Signing out is a change of who holds a session: recorded before the session is destroyed, while it still says who. */
export function recordSignOut(db: Db, userId: number, clientAddress: string) {
  return recordEvent(db, { actorId: userId, action: "user.sign_out", entityType: "user", entityId: userId, clientAddress });
}
