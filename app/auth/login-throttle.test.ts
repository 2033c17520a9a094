import { describe, expect, it } from "vitest";
import { emailDelayMs, retryAfterText, THROTTLE, throttleClientKey, throttleVerdict, type ThrottleInput } from "./login-throttle";

const now = 1_000_000_000;
const ago = (...ms: number[]) => ms.map((m) => now - m);
const verdict = (input: Partial<ThrottleInput>) => throttleVerdict({ now, emailClient: [], client: [], email: [], trustedDevice: false, ...input });

describe("throttleVerdict", () => {
  it("lets a client that has not failed for this email through, however much the email is under attack", () => {
    const attack = ago(...Array.from({ length: 500 }, (_, i) => i * 1000));
    expect(verdict({ email: attack })).toEqual({ allowed: true });
  });

  it("hard-limits one client on one email: the limit-th attempt in the window closes it until the oldest leaves", () => {
    const mine = ago(10 * 60_000, 4 * 60_000, 3 * 60_000, 2 * 60_000, 60_000);
    expect(mine).toHaveLength(THROTTLE.perEmailClient);
    expect(verdict({ emailClient: mine, email: mine })).toEqual({ allowed: false, retryAfterMs: 5 * 60_000, rule: "email-client" });
    expect(verdict({ emailClient: mine.slice(1), email: [] })).toEqual({ allowed: true });
  });

  it("applies the per-(email, client) limit to a known device too, but never the address-wide ones", () => {
    const five = ago(5, 4, 3, 2, 1);
    expect(verdict({ emailClient: five, trustedDevice: true })).toMatchObject({ allowed: false, rule: "email-client" });
    const spray = ago(...Array.from({ length: 40 }, (_, i) => i + 1));
    expect(verdict({ client: spray, email: spray, emailClient: ago(1), trustedDevice: true })).toEqual({ allowed: true });
  });

  it("hard-limits one address across emails (password spraying)", () => {
    const spray = ago(...Array.from({ length: THROTTLE.perClient }, (_, i) => 1000 * (i + 1)));
    expect(verdict({ client: spray })).toMatchObject({ allowed: false, rule: "client" });
    expect(verdict({ client: spray.slice(1) })).toEqual({ allowed: true });
  });

  it("makes a client that already failed for an attacked email wait a delay that doubles, from its own last try", () => {
    const attack = ago(...Array.from({ length: 6 }, (_, i) => 100 + i));
    expect(emailDelayMs(6)).toBe(8_000);
    expect(verdict({ emailClient: ago(2_000), email: attack })).toEqual({ allowed: false, retryAfterMs: 6_000, rule: "email-delay" });
    expect(verdict({ emailClient: ago(8_000), email: attack })).toEqual({ allowed: true });
  });

  it("grows the delay with the email's failures: none for the first few, then 1 s doubling, capped at a minute", () => {
    const schedule = Array.from({ length: 12 }, (_, failures) => emailDelayMs(failures) / 1000);
    expect(schedule).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it("caps the delay, so it never becomes a lock: however many failures, a client that failed gets another try within the cap", () => {
    for (const failures of [THROTTLE.emailDelayAfter - 1, 10, 100, 10_000]) {
      const attack = ago(...Array.from({ length: failures }, (_, i) => 10 + i));
      const refused = verdict({ emailClient: ago(1), email: attack });
      if (!refused.allowed) expect(refused.retryAfterMs).toBeLessThanOrEqual(THROTTLE.emailDelayMaxMs);
      expect(verdict({ emailClient: ago(THROTTLE.emailDelayMaxMs), email: attack })).toEqual({ allowed: true });
    }
    expect(emailDelayMs(Number.MAX_SAFE_INTEGER)).toBe(THROTTLE.emailDelayMaxMs);
  });

  it("forgets attempts older than the window", () => {
    const old = ago(...Array.from({ length: 50 }, (_, i) => THROTTLE.windowMs + i));
    expect(verdict({ emailClient: old, client: old, email: old })).toEqual({ allowed: true });
  });
});

describe("throttleClientKey", () => {
  it("keys IPv4 by the address, IPv6 by its /64, and an IPv4-mapped IPv6 address by its IPv4 address", () => {
    expect(throttleClientKey("198.51.100.7")).toBe("198.51.100.7");
    expect(throttleClientKey("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(throttleClientKey("2001:0DB8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(throttleClientKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(throttleClientKey("::1")).toBe("0:0:0:0::/64");
    expect(throttleClientKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(throttleClientKey("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(throttleClientKey("::ffff:cb00:7109")).toBe("203.0.113.9");
  });

  it("gives every address of one /64 the same key, so rotating through it buys nothing", () => {
    const keys = new Set(Array.from({ length: 50 }, (_, i) => throttleClientKey(`2001:db8:aa:bb:${i.toString(16)}::${((i * 7919) % 65536).toString(16)}`)));
    expect([...keys]).toEqual(["2001:db8:aa:bb::/64"]);
  });

  it("puts whatever is not an address in one bucket instead of a fresh one per spelling", () => {
    for (const junk of [
      "",
      "unknown",
      "foo",
      "1.2.3",
      "256.1.1.1",
      "01.2.3.4",
      "1.2.3.4.5",
      "2001:db8::1::2",
      "12345::",
      ":::",
      "::ffff:999.1.1.1",
      "a".repeat(500),
    ])
      expect(throttleClientKey(junk), junk).toBe("not-an-address");
  });
});

describe("retryAfterText", () => {
  it("says seconds below a minute and a half, minutes above", () => {
    expect(retryAfterText(400)).toBe("1 second");
    expect(retryAfterText(40_000)).toBe("40 seconds");
    expect(retryAfterText(5 * 60_000)).toBe("5 minutes");
  });
});
