/**
 * Sign-in throttling, pure (OWASP's guidance, so that guessing is slow and nobody can lock
 * someone else out):
 * - hard, per (email, client): a few failures and this client may not try this email again for a while;
 * - hard, per client address: many failures across emails (password spraying) stop that address;
 * - soft, per email: once an email is being guessed at from anywhere, each client that has already
 *   failed for it must wait a delay that doubles with every failure, counted from its own last
 *   try. Never a lock: a client that has not failed for the email (the owner on their own
 *   machine) goes straight through, and a client that has waits at most `emailDelayMaxMs`.
 * A client is its address (an IPv6 address by its /64: see `throttleClientKey`); a client with a
 * device cookie earned by signing in to this email before is keyed by its device instead, and
 * the address-wide limits do not apply to it.
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

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEXTET = /^[0-9a-f]{1,4}$/;

/** The eight 16-bit groups of an IPv6 address (zone dropped, an IPv4 tail converted), or undefined if it is not one. */
function ipv6Groups(address: string): number[] | undefined {
  let a = address.toLowerCase().replace(/%.*$/, "");
  const tail = /^(.*:)(\d+\.[\d.]*)$/.exec(a);
  if (tail) {
    if (!IPV4.test(tail[2]!)) return undefined;
    const [b0, b1, b2, b3] = tail[2]!.split(".").map(Number) as [number, number, number, number];
    a = `${tail[1]}${((b0 << 8) | b1).toString(16)}:${((b2 << 8) | b3).toString(16)}`;
  }
  const halves = a.split("::");
  if (halves.length > 2) return undefined;
  const groupsOf = (s: string) => (s === "" ? [] : s.split(":"));
  const head = groupsOf(halves[0]!);
  const rest = halves.length === 2 ? groupsOf(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (![...head, ...rest].every((g) => HEXTET.test(g)) || (halves.length === 2 ? missing < 1 : missing !== 0)) return undefined;
  return [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest].map((g) => parseInt(g, 16));
}

/**
 * The key a client is throttled by, from its address. IPv4: the address. IPv6: its /64, because
 * a provider hands each customer (and each rented server) a whole /64, from which a fresh address
 * for every guess costs nothing; an IPv4-mapped IPv6 address is its IPv4 address. Anything else
 * (a proxy that reported something that is not an address) shares one key, so it never gets a
 * fresh budget per spelling.
 */
export function throttleClientKey(address: string): string {
  const a = address.trim();
  if (IPV4.test(a)) return a;
  const groups = ipv6Groups(a);
  if (!groups) return "not-an-address";
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join(".");
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}
