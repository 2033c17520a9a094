import { describe, expect, it } from "vitest";
import { THROTTLE } from "~/auth/login-throttle";
import { getDb } from "../../db/client";
import { setUpTestServer } from "../setup/test-server";
import { insertUser } from "../setup/users";
import { reportCases } from "./cases";
import { attemptsFor, range, retryAfterSeconds, RIGHT, sessionsOf, signIn, signInEventsOf, wasVerified } from "./sign-in-attempts";

// The attempt is reserved (counted) before the ~50 ms password check, so guesses sent at once
// cannot all be checked against a count that none of them has raised yet.
const server = setUpTestServer();
const BURST = 60;

describe("concurrent guesses against one email from one client", () => {
  it(`checks at most the limit of ${BURST} wrong guesses sent at once, refuses the rest with Retry-After, then refuses the right password too`, async () => {
    const user = await insertUser(getDb(), "admin", "burst@example.com");
    const from = "127.0.0.31";
    const burst = range(BURST).map((i) => signIn(server().origin, user.email, `wrong-${i}`, { from }));
    // The right password goes out the moment the first guess is refused: the client is throttled from
    // then on (however long the rest of the burst takes on this machine and engine), so it must be refused too.
    await Promise.race(burst.map((reply) => reply.then((r) => (r.status === 429 ? r : new Promise<never>(() => undefined)))));
    const right = await signIn(server().origin, user.email, RIGHT, { from });
    const replies = await Promise.all(burst);

    const verified = replies.filter(wasVerified);
    expect(verified.length).toBeGreaterThan(0);
    expect(verified.length).toBeLessThanOrEqual(THROTTLE.perEmailClient);
    expect(verified.every((r) => r.status === 401)).toBe(true);
    const refused = replies.filter((r) => !wasVerified(r));
    expect(refused.map((r) => r.status)).toEqual(refused.map(() => 429));
    for (const r of refused) expect(retryAfterSeconds(r)).toBeLessThanOrEqual(THROTTLE.windowMs / 1000);
    // Exactly one recorded attempt per checked password: the refused ones (the right one too) never reached the check.
    expect(await attemptsFor(user.email)).toHaveLength(verified.length);

    expect(right.status).toBe(429);
    expect(retryAfterSeconds(right)).toBeGreaterThan(0);
    expect(right.headers["set-cookie"]).toBeUndefined();
    expect(await sessionsOf(user.id)).toEqual([]);
    expect(await signInEventsOf(user.id)).toEqual([]);
    reportCases("brute-force", BURST + 1);
  }, 60_000);

  it("does not sign in with the right password sent among the burst once the limit has been reached", async () => {
    const user = await insertUser(getDb(), "admin", "burst-mixed@example.com");
    const from = "127.0.0.32";
    // The right password goes out after half the burst: by then the limit has long been reserved.
    const rightAt = BURST / 2;
    const replies = await Promise.all(range(BURST).map((i) => signIn(server().origin, user.email, i === rightAt ? RIGHT : `wrong-${i}`, { from })));

    expect(replies[rightAt]!.status).toBe(429);
    expect(replies[rightAt]!.headers["set-cookie"]).toBeUndefined();
    expect(replies.filter(wasVerified).length).toBeLessThanOrEqual(THROTTLE.perEmailClient);
    expect(replies.filter((r) => r.status === 302)).toEqual([]);
    expect(await sessionsOf(user.id)).toEqual([]);
    expect(await signInEventsOf(user.id)).toEqual([]);
    reportCases("brute-force", BURST);
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
