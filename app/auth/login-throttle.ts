/**
 * Sign-in throttling, pure (OWASP's guidance, so that guessing is slow and nobody can lock
 * someone else out):
 * - hard, per (email, client): a few failures and this client may not try this email again for a while;
 * - hard, per client address: many failures across emails (password spraying) stop that address;
 * - soft, per email: once an email is being guessed at from anywhere, each client that has already
 *   failed for it must wait a delay that doubles with every failure, counted from its own last
 *   try. Never a lock: a client that has not failed for the email (the owner on their own
 *   machine) goes straight through, and a client that has waits at most `emailDelayMaxMs`.
 * A client with a device cookie earned by signing in to this email before is keyed by its
 * device instead of its address, and the address-wide limits do not apply to it.
 * "Attempts" below are those not known to have succeeded: failed, or still being checked.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  perEmailClient: 5,
  perClient: 30,
  emailDelayAfter: 3,
  emailDelayBaseMs: 1_000,
  emailDelayMaxMs: 60_000,
} as const;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number; rule: "email-client" | "client" | "email-delay" };

export type ThrottleInput = {
  now: number;
  /** Attempt times for this email from this client (its device, or its address). */
  emailClient: number[];
  /** Attempt times from this address for any email, without a device cookie. */
  client: number[];
  /** Attempt times for this email from anywhere. */
  email: number[];
  trustedDevice: boolean;
};

const recentOf = (times: number[], now: number) => times.filter((t) => now - t < THROTTLE.windowMs).sort((a, b) => a - b);

/** Refused while `max` or more attempts are in the window; open again when the oldest of the last `max` leaves it. */
function hardLimit(times: number[], max: number, now: number): number | undefined {
  if (times.length < max) return undefined;
  return Math.max(1, times[times.length - max]! + THROTTLE.windowMs - now);
}

/** The wait between two tries of a client that already failed for an email with `failures` recent attempts. */
export function emailDelayMs(failures: number): number {
  if (failures < THROTTLE.emailDelayAfter) return 0;
  return Math.min(THROTTLE.emailDelayMaxMs, THROTTLE.emailDelayBaseMs * 2 ** (failures - THROTTLE.emailDelayAfter));
}

export function throttleVerdict({ now, emailClient, client, email, trustedDevice }: ThrottleInput): ThrottleVerdict {
  const mine = recentOf(emailClient, now);
  const pair = hardLimit(mine, THROTTLE.perEmailClient, now);
  if (pair !== undefined) return { allowed: false, retryAfterMs: pair, rule: "email-client" };
  if (trustedDevice) return { allowed: true };
  const spray = hardLimit(recentOf(client, now), THROTTLE.perClient, now);
  if (spray !== undefined) return { allowed: false, retryAfterMs: spray, rule: "client" };
  if (mine.length === 0) return { allowed: true };
  const wait = emailDelayMs(recentOf(email, now).length) - (now - mine[mine.length - 1]!);
  return wait > 0 ? { allowed: false, retryAfterMs: wait, rule: "email-delay" } : { allowed: true };
}

/** "Try again in 40 seconds" / "in 3 minutes". */
export function retryAfterText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
