import { describe, expect, it } from "vitest";
import { throttleVerdict } from "./login-throttle";

describe("throttleVerdict", () => {
  const now = 1_000_000_000;
  it("allows up to max-1 recent failures", () => {
    expect(throttleVerdict([now - 1, now - 2, now - 3, now - 4], 5, now)).toEqual({ allowed: true });
  });
  it("locks at max recent failures until the oldest leaves the window", () => {
    const fails = [now - 10 * 60_000, now - 4, now - 3, now - 2, now - 1];
    expect(throttleVerdict(fails, 5, now)).toEqual({ allowed: false, retryAfterMs: 5 * 60_000 });
  });
  it("ignores failures outside the window", () => {
    const old = Array.from({ length: 50 }, (_, i) => now - 16 * 60_000 - i);
    expect(throttleVerdict(old, 5, now)).toEqual({ allowed: true });
  });
});
