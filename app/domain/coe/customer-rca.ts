export const CUSTOMER_RCA_DAYS = 7;
const DAY = 24 * 3600 * 1000;

/**
 * When impact started, and which record said so. One rule for the metrics, the customer RCA due
 * date and every message about them: the Customer impact section's "Impact started" wins when it
 * is given (one deliberate figure, written for customers); otherwise the earliest "Impact started"
 * timeline entry. `timelineMs` is that entry even when it lost, so the page can point out a
 * disagreement. Both are kept as written, so an interchange round trip changes neither.
 */
export type ImpactStart = { ms: number; source: "customer-impact" | "timeline"; timelineMs: number | null };

export function impactStart(impactStartedAt: string | null | undefined, timeline: readonly { kind: string; atMs: number }[]): ImpactStart | null {
  const starts = timeline.filter((e) => e.kind === "impact_start").map((e) => e.atMs);
  const timelineMs = starts.length ? Math.min(...starts) : null;
  const givenMs = impactStartedAt ? Date.parse(impactStartedAt) : Number.NaN;
  if (Number.isFinite(givenMs)) return { ms: givenMs, source: "customer-impact", timelineMs };
  return timelineMs === null ? null : { ms: timelineMs, source: "timeline", timelineMs };
}

/** The customer-facing RCA is due 7 days after impact started (SPEC §2.10), impact start as `impactStart` decides. */
export function customerRcaDue({ impactStartedMs, now, isWritten }: { impactStartedMs: number | undefined; now: number; isWritten: boolean }) {
  if (impactStartedMs === undefined) return { dueMs: null, isLate: false } as const;
  const dueMs = impactStartedMs + CUSTOMER_RCA_DAYS * DAY;
  return { dueMs, isLate: !isWritten && now > dueMs } as const;
}

export function impactStartMs(impactStartedAt: string | null, timeline: readonly { kind: string; atMs: number }[]): number | undefined {
  return impactStart(impactStartedAt, timeline)?.ms;
}
