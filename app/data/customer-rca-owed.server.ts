import { and, eq, min } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coes, timelineEntries } from "../../db/schema";
import { CUSTOMER_RCA_DAYS, impactStartMs } from "../domain/coe/customer-rca";
import { docHasWords } from "../domain/coe/plain-text-doc";

const DAY_MS = 86_400_000;

/**
 * Recomputes when a COE's customer RCA is due and whether it is owed (see `coes.rcaOwedAt`) from
 * what it says now: its impact start (Customer impact, else the earliest impact-start entry) and
 * whether the RCA has words. Runs inside every write that can change those, in the write's
 * transaction. A write at `now` that gives words to an RCA that was owed records it as written
 * then; one that empties it forgets that. Imports pass no `now`: when their RCA was written is not known.
 */
export async function refreshRcaOwed(tx: Db, coeId: number, now?: Date) {
  const [coe] = await tx
    .select({ impactStartedAt: coes.impactStartedAt, customerRca: coes.customerRca, owedAt: coes.rcaOwedAt, writtenAt: coes.rcaWrittenAt })
    .from(coes)
    .where(eq(coes.id, coeId));
  if (!coe) return;
  const [first] = await tx
    .select({ atMs: min(timelineEntries.atMs) })
    .from(timelineEntries)
    .where(and(eq(timelineEntries.coeId, coeId), eq(timelineEntries.kind, "impact_start")));
  const timeline = first?.atMs === null || first?.atMs === undefined ? [] : [{ kind: "impact_start", atMs: Number(first.atMs) }];
  const started = impactStartMs(coe.impactStartedAt, timeline);
  const dueAt = started === undefined ? null : new Date(started + CUSTOMER_RCA_DAYS * DAY_MS);
  const isWritten = docHasWords(coe.customerRca);
  const writtenAt = !isWritten ? null : (coe.writtenAt ?? (now && coe.owedAt ? now : null));
  await tx
    .update(coes)
    .set({ rcaDueAt: dueAt, rcaOwedAt: isWritten ? null : dueAt, rcaWrittenAt: writtenAt })
    .where(eq(coes.id, coeId));
}
