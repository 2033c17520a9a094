import { and, eq, min } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coes, timelineEntries } from "../../db/schema";
import { CUSTOMER_RCA_DAYS, impactStartMs } from "../domain/coe/customer-rca";
import { docHasWords } from "../domain/coe/plain-text-doc";

const DAY_MS = 86_400_000;

/**
 * Recomputes when a COE's customer RCA is owed (see `coes.rcaOwedAt`) from what it says now: its
 * impact start (Customer impact, else the earliest impact-start entry) and whether the RCA has
 * words. Runs inside every write that can change those, in the write's transaction.
 */
export async function refreshRcaOwed(tx: Db, coeId: number) {
  const [coe] = await tx.select({ impactStartedAt: coes.impactStartedAt, customerRca: coes.customerRca }).from(coes).where(eq(coes.id, coeId));
  if (!coe) return;
  let owedAt: Date | null = null;
  if (!docHasWords(coe.customerRca)) {
    const [first] = await tx
      .select({ atMs: min(timelineEntries.atMs) })
      .from(timelineEntries)
      .where(and(eq(timelineEntries.coeId, coeId), eq(timelineEntries.kind, "impact_start")));
    const timeline = first?.atMs === null || first?.atMs === undefined ? [] : [{ kind: "impact_start", atMs: Number(first.atMs) }];
    const started = impactStartMs(coe.impactStartedAt, timeline);
    if (started !== undefined) owedAt = new Date(started + CUSTOMER_RCA_DAYS * DAY_MS);
  }
  await tx.update(coes).set({ rcaOwedAt: owedAt }).where(eq(coes.id, coeId));
}
