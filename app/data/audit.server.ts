import { and, desc, eq, gte, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditEvents, users } from "../../db/schema";

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
export function recordRefusal(db: Db, event: RefusalEvent, now = new Date()) {
  const entityType = event.coeId === undefined ? "request" : "coe";
  const entityId = event.coeId ?? null;
  db.transaction(() => {
    const same = db
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
          sql`coalesce(${auditEvents.detail}, 'null') = ${JSON.stringify(event.detail ?? null)}`,
        ),
      )
      .orderBy(desc(auditEvents.id))
      .limit(1)
      .get();
    if (same) {
      db.update(auditEvents).set({ count: sql`${auditEvents.count} + 1` }).where(eq(auditEvents.id, same.id)).run();
      return;
    }
    db.insert(auditEvents)
      .values({ actorId: event.actorId, action: event.action, entityType, entityId, detail: event.detail ?? null, outcome: "refused", status: event.status, clientAddress: event.clientAddress, createdAt: now })
      .run();
  });
}

/** Records a change someone made outside a COE write (sign-in, sign-out, a user created). */
export function recordEvent(db: Db, event: { actorId: number | null; action: string; entityType: string; entityId: number | null; clientAddress?: string; detail?: Record<string, unknown> }) {
  db.insert(auditEvents)
    .values({ ...event, clientAddress: event.clientAddress ?? null, detail: event.detail ?? null })
    .run();
}

export type AuditFilters = {
  actorId?: number;
  action?: string;
  coeId?: number;
  outcome?: "done" | "refused";
  from?: Date;
  to?: Date;
  /** Keyset paging: only events older than this id. */
  before?: number;
};

export const AUDIT_PAGE_SIZE = 50;

/** One page of events, newest first, with the actor's name; `next` is the `before` of the following page. */
export function listAuditEvents(db: Db, filters: AuditFilters, pageSize = AUDIT_PAGE_SIZE) {
  const where: SQL[] = [];
  if (filters.actorId !== undefined) where.push(eq(auditEvents.actorId, filters.actorId));
  if (filters.action) where.push(eq(auditEvents.action, filters.action));
  if (filters.coeId !== undefined) where.push(and(eq(auditEvents.entityType, "coe"), eq(auditEvents.entityId, filters.coeId))!);
  if (filters.outcome) where.push(eq(auditEvents.outcome, filters.outcome));
  if (filters.from) where.push(gte(auditEvents.createdAt, filters.from));
  if (filters.to) where.push(lte(auditEvents.createdAt, filters.to));
  if (filters.before !== undefined) where.push(lt(auditEvents.id, filters.before));
  const rows = db
    .select({
      id: auditEvents.id,
      createdAt: auditEvents.createdAt,
      actorId: auditEvents.actorId,
      actorName: users.name,
      actorEmail: users.email,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      outcome: auditEvents.outcome,
      status: auditEvents.status,
      count: auditEvents.count,
      clientAddress: auditEvents.clientAddress,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(pageSize + 1)
    .all();
  const page = rows.slice(0, pageSize);
  return { events: page, next: rows.length > pageSize ? page[page.length - 1]!.id : undefined };
}

/** The distinct actions recorded, for the "what" filter. */
export function listAuditActions(db: Db): string[] {
  return db.selectDistinct({ action: auditEvents.action }).from(auditEvents).orderBy(auditEvents.action).all().map((r) => r.action);
}
