import { describe, expect, it } from "vitest";
import { emailDelayMs, THROTTLE } from "~/auth/login-throttle";
import { getDb } from "../../db/client";
import { cookiesOf } from "../setup/http-from";
import { setUpTestServer } from "../setup/test-server";
import { insertUser } from "../setup/users";
import { reportCases } from "./cases";
import { arrangeFailures, cookiePathMatches, guessUntilRefused, range, retryAfterSeconds, RIGHT, sessionsOf, signIn } from "./sign-in-attempts";

// OWASP: failing at someone's email must not lock that person out. Per (email, client) the limit
// is hard; per email it is only a delay, for clients that have failed themselves.
const direct = setUpTestServer();
const oneHop = setUpTestServer({ TRUST_PROXY: "1" });

const xff = (address: string) => ({ headers: { "X-Forwarded-For": address } });

describe("an attack on the admin's email does not lock the admin out", () => {
  it("from one client: the admin, from a client that has not failed, gets in at once", async () => {
    const admin = await insertUser(getDb(), "admin");
    await guessUntilRefused(direct().origin, admin.email, () => ({ from: "127.0.0.51" }));
    // …and the attacker's hard limit for this email, and 200 more failures from elsewhere.
    await arrangeFailures(range(THROTTLE.perEmailClient).map(() => ({ email: admin.email, clientAddress: "127.0.0.51" })));
    await arrangeFailures(range(200).map((i) => ({ email: admin.email, clientAddress: `192.0.2.${i}` })));
    const attacker = await signIn(direct().origin, admin.email, RIGHT, { from: "127.0.0.51" });
    expect(retryAfterSeconds(attacker)).toBeGreaterThan(THROTTLE.emailDelayMaxMs / 1000);

    const owner = await signIn(direct().origin, admin.email, RIGHT, { from: "127.0.0.52" });
    expect(owner.status).toBe(302);
    expect(owner.headers.location).toBe("/coes");
    expect(await sessionsOf(admin.id)).toHaveLength(1);
    reportCases("brute-force", 2);
  });

  it("from many forwarded clients at once: the admin, from a fresh address, gets in at once", async () => {
    const admin = await insertUser(getDb(), "admin");
    const attackers = range(12).map((i) => `198.51.100.${100 + i}`);
    const replies = await Promise.all(attackers.map((a) => signIn(oneHop().origin, admin.email, "wrong", xff(a))));
    expect(replies.map((r) => r.status)).toEqual(attackers.map(() => 401));

    const owner = await signIn(oneHop().origin, admin.email, RIGHT, xff("198.51.100.200"));
    expect(owner.status).toBe(302);
    expect(await sessionsOf(admin.id)).toHaveLength(1);
    reportCases("brute-force", attackers.length + 1);
  });

  it("from the attacker's own address: the admin's device cookie, from an earlier sign-in, still gets in", async () => {
    const admin = await insertUser(getDb(), "admin");
    const shared = "127.0.0.53";
    const earlier = await signIn(direct().origin, admin.email, RIGHT, { from: shared });
    expect(earlier.status).toBe(302);
    const device = (earlier.headers["set-cookie"] ?? []).find((c) => c.startsWith("coe_device="))!;
    // The hydrated form posts to /login.data: the cookie must be sent there too, not only to /login.
    expect(["/login", "/login.data"].map((p) => cookiePathMatches(device, p))).toEqual([true, true]);
    const deviceCookie = device.split(";")[0]!;

    // Someone else at the same address has used up both the email's and the address's limits.
    await arrangeFailures(range(THROTTLE.perEmailClient).map(() => ({ email: admin.email, clientAddress: shared })));
    await arrangeFailures(range(THROTTLE.perClient).map((i) => ({ email: `sprayed-${i}@example.com`, clientAddress: shared })));
    expect((await signIn(direct().origin, admin.email, RIGHT, { from: shared })).status).toBe(429);
    expect((await signIn(direct().origin, "someone-else@example.com", RIGHT, { from: shared })).status).toBe(429);

    for (const path of ["/login", "/login.data"]) {
      const owner = await signIn(direct().origin, admin.email, RIGHT, { from: shared, path, headers: { Cookie: deviceCookie } });
      expect(owner.status, path).toBe(path === "/login" ? 302 : 202);
    }
    expect(await sessionsOf(admin.id)).toHaveLength(3);
    reportCases("brute-force", 4);
  });

  it("a device cookie earned for another email does not help against this one", async () => {
    const admin = await insertUser(getDb(), "admin");
    const attacker = await insertUser(getDb(), "member");
    const from = "127.0.0.54";
    const own = await signIn(direct().origin, attacker.email, RIGHT, { from });
    expect(own.status).toBe(302);
    const cookie = cookiesOf(own)
      .split("; ")
      .filter((c) => c.startsWith("coe_device="))
      .join("; ");
    await arrangeFailures(range(THROTTLE.perEmailClient).map(() => ({ email: admin.email, clientAddress: from })));
    const refused = await signIn(direct().origin, admin.email, RIGHT, { from, headers: { Cookie: cookie } });
    expect(refused.status).toBe(429);
    expect(await sessionsOf(admin.id)).toEqual([]);
    reportCases("brute-force", 1);
  });
});

describe("a client that has failed waits a delay that grows with the email's failures and is capped", () => {
  it("Retry-After grows with the failures at the email, up to the cap and no further", async () => {
    const { email } = await insertUser(getDb(), "admin");
    const me = "198.51.100.150";
    const seen: number[] = [];
    let total = 0;
    for (const failures of [5, 7, 9, 40]) {
      // My own one failure just now, and other clients' failures up to `failures` in all.
      await arrangeFailures(range(failures - total).map((i) => ({ email, clientAddress: total === 0 && i === 0 ? me : `203.0.113.${total + i}` })));
      total = failures;
      seen.push(retryAfterSeconds(await signIn(oneHop().origin, email, RIGHT, xff(me))));
    }
    const expected = [5, 7, 9, 40].map((n) => emailDelayMs(n) / 1000);
    expect(expected).toEqual([4, 16, 60, 60]);
    seen.forEach((s, i) => expect(s).toBeLessThanOrEqual(expected[i]!));
    expect(seen[0]).toBeLessThan(seen[1]!);
    expect(seen[1]).toBeLessThan(seen[2]!);
    expect(seen[2]).toBeGreaterThan(expected[2]! - 10);
    expect(seen[3]).toBeLessThanOrEqual(THROTTLE.emailDelayMaxMs / 1000);
    reportCases("brute-force", seen.length);
  });

  it("is never a lock: once the delay has passed, the client's next try is checked", async () => {
    const { email } = await insertUser(getDb(), "admin");
    const me = "198.51.100.151";
    await arrangeFailures([{ email, clientAddress: me }, ...range(3).map((i) => ({ email, clientAddress: `203.0.113.${200 + i}` }))]);
    const wait = retryAfterSeconds(await signIn(oneHop().origin, email, "wrong", xff(me)));
    expect(wait).toBeLessThanOrEqual(emailDelayMs(4) / 1000);
    await new Promise((r) => setTimeout(r, wait * 1000 + 100));
    expect((await signIn(oneHop().origin, email, "wrong", xff(me))).status).toBe(401);
    reportCases("brute-force", 2);
  });
});

describe("spraying one password across many emails", () => {
  it("stops an address at the per-address limit; another address keeps its own", async () => {
    const from = "198.51.100.160";
    await arrangeFailures(range(THROTTLE.perClient - 1).map((i) => ({ email: `spray-${i}@example.com`, clientAddress: from })));
    expect((await signIn(oneHop().origin, "spray-last@example.com", "Winter2025!", xff(from))).status).toBe(401);
    const refused = await signIn(oneHop().origin, "spray-next@example.com", "Winter2025!", xff(from));
    expect(retryAfterSeconds(refused)).toBeGreaterThan(THROTTLE.emailDelayMaxMs / 1000);
    expect((await signIn(oneHop().origin, "spray-next@example.com", "Winter2025!", xff("198.51.100.161"))).status).toBe(401);
    reportCases("brute-force", 3);
  });
});
