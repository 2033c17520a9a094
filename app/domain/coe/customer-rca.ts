export const CUSTOMER_RCA_DAYS = 7;
const DAY = 24 * 3600 * 1000;

/**
 * The customer-facing RCA is due 7 days after impact started (SPEC §2.10). Impact start is the
 * customer-impact figure when given, else the first impact_start timeline entry.
 */
export function customerRcaDue({ impactStartedMs, now, isWritten }: { impactStartedMs: number | undefined; now: number; isWritten: boolean }) {
  if (impactStartedMs === undefined) return { dueMs: null, isLate: false } as const;
  const dueMs = impactStartedMs + CUSTOMER_RCA_DAYS * DAY;
  return { dueMs, isLate: !isWritten && now > dueMs } as const;
}

export function impactStartMs(impactStartedAt: string | null, timeline: readonly { kind: string; atMs: number }[]): number | undefined {
  if (impactStartedAt) return Date.parse(impactStartedAt);
  const starts = timeline.filter((e) => e.kind === "impact_start").map((e) => e.atMs);
  return starts.length ? Math.min(...starts) : undefined;
}
