import { describe, expect, it } from "vitest";
import { emailDelayMs, retryAfterText, THROTTLE, throttleVerdict, type ThrottleInput } from "./login-throttle";

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

  it("caps the delay, so it never becomes a lock", () => {
    expect(emailDelayMs(THROTTLE.emailDelayAfter - 1)).toBe(0);
    expect(emailDelayMs(1000)).toBe(THROTTLE.emailDelayMaxMs);
  });

  it("forgets attempts older than the window", () => {
    const old = ago(...Array.from({ length: 50 }, (_, i) => THROTTLE.windowMs + i));
    expect(verdict({ emailClient: old, client: old, email: old })).toEqual({ allowed: true });
  });
});

describe("retryAfterText", () => {
  it("says seconds below a minute and a half, minutes above", () => {
    expect(retryAfterText(400)).toBe("1 second");
    expect(retryAfterText(40_000)).toBe("40 seconds");
    expect(retryAfterText(5 * 60_000)).toBe("5 minutes");
  });
});
