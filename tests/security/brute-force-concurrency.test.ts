import { describe, expect, it } from "vitest";
import { THROTTLE } from "~/auth/login-throttle";
import { getDb } from "../../db/client";
import { setUpTestServer } from "../setup/test-server";
import { insertUser } from "../setup/users";
import { reportCases } from "./cases";
import { arrangeFailures, attemptsFor, range, retryAfterSeconds, RIGHT, sessionsOf, signIn, signInEventsOf, wasVerified } from "./sign-in-attempts";

// The attempt is reserved (counted) before the ~50 ms password check, so guesses sent at once
// cannot all be checked against a count that none of them has raised yet.
const server = setUpTestServer();
const BURST = 60;

describe("concurrent guesses against one email from one client", () => {
  it(`checks at most the limit of ${BURST} wrong guesses sent at once and refuses the rest with Retry-After`, async () => {
    const user = await insertUser(getDb(), "admin", "burst@example.com");
    const replies = await Promise.all(range(BURST).map((i) => signIn(server().origin, user.email, `wrong-${i}`, { from: "127.0.0.31" })));

    const verified = replies.filter(wasVerified);
    expect(verified.length).toBeGreaterThan(0);
    expect(verified.length).toBeLessThanOrEqual(THROTTLE.perEmailClient);
    expect(verified.every((r) => r.status === 401)).toBe(true);
    const refused = replies.filter((r) => !wasVerified(r));
    expect(refused.map((r) => r.status)).toEqual(refused.map(() => 429));
    for (const r of refused) expect(retryAfterSeconds(r)).toBeLessThanOrEqual(THROTTLE.windowMs / 1000);
    // Exactly one recorded attempt per checked password: the refused ones never reached the check.
    expect(await attemptsFor(user.email)).toHaveLength(verified.length);
    reportCases("brute-force", BURST);
  }, 60_000);

  // With one guess left before the hard limit (the earlier ones long enough ago that the soft,
  // doubling delay has passed), a burst must spend exactly that one guess. The right password then
  // goes out while the rest of the burst is still in flight: the client is locked out of this email
  // for the rest of the window, however long the burst takes on this machine and engine. (Sent
  // after only the soft delay's refusal, it would rightly be let in once that second had passed.)
  it("spends exactly the last guess left on a burst, then refuses the right password sent among the rest", async () => {
    const user = await insertUser(getDb(), "admin", "burst-last@example.com");
    const from = "127.0.0.32";
    const earlier = range(THROTTLE.perEmailClient - 1).map(() => ({ email: user.email, clientAddress: from, at: Date.now() - 5 * 60_000 }));
    await arrangeFailures(earlier);
    const burst = range(BURST).map((i) => signIn(server().origin, user.email, `wrong-${i}`, { from }));
    await Promise.race(burst.map((reply) => reply.then((r) => (r.status === 429 ? r : new Promise<never>(() => undefined)))));
    const right = await signIn(server().origin, user.email, RIGHT, { from });
    const replies = await Promise.all(burst);

    expect(replies.filter(wasVerified).map((r) => r.status)).toEqual([401]);
    const refused = replies.filter((r) => r.status === 429);
    expect(refused).toHaveLength(BURST - 1);
    for (const r of [...refused, right]) expect(retryAfterSeconds(r)).toBeGreaterThan(THROTTLE.windowMs / 1000 - 5 * 60 - 60);
    expect(await attemptsFor(user.email)).toHaveLength(earlier.length + 1);

    expect(right.status).toBe(429);
    expect(right.headers["set-cookie"]).toBeUndefined();
    expect(await sessionsOf(user.id)).toEqual([]);
    expect(await signInEventsOf(user.id)).toEqual([]);
    reportCases("brute-force", BURST + 1);
  }, 60_000);

  it("counts concurrent guesses at many emails from one address against its spraying limit, and only that address's", async () => {
    const from = "127.0.0.33";
    const replies = await Promise.all(range(BURST).map((i) => signIn(server().origin, `spray-${i}@example.com`, "Summer2025!", { from })));
    const verified = replies.filter(wasVerified).length;
    expect(verified).toBeLessThanOrEqual(THROTTLE.perClient);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(BURST - verified);
    expect((await signIn(server().origin, "spray-0@example.com", "Summer2025!", { from: "127.0.0.34" })).status).toBe(401);
    reportCases("brute-force", BURST + 1);
  }, 60_000);
});
