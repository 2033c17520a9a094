/** Sign-in throttling rule, pure: how many failures in which window lock an email or a client out. */
export const THROTTLE = { windowMs: 15 * 60_000, maxPerEmail: 5, maxPerClient: 30 } as const;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/** `failures` are the timestamps (ms) of recent failures for one key, any order. */
export function throttleVerdict(failures: number[], max: number, now: number, windowMs: number = THROTTLE.windowMs): ThrottleVerdict {
  const recent = failures.filter((t) => now - t < windowMs).sort((a, b) => a - b);
  if (recent.length < max) return { allowed: true };
  // Unlocks when the oldest failure that keeps the count at `max` leaves the window.
  const unlockAt = recent[recent.length - max]! + windowMs;
  return { allowed: false, retryAfterMs: Math.max(0, unlockAt - now) };
}
