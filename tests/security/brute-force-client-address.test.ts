import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { THROTTLE } from "~/auth/login-throttle";
import { ConfigError, parseTrustProxy } from "~/server/config.server";
import { getDb } from "../../db/client";
import { ROOT, SERVER_ENTRY } from "../setup/build";
import { setUpTestServer } from "../setup/test-server";
import { insertUser } from "../setup/users";
import { reportCases } from "./cases";
import { arrangeFailures, attemptsFor, guessUntilRefused, range, signIn } from "./sign-in-attempts";

// The client a sign-in attempt is counted against is the socket's address; a forwarded address
// counts only as far as TRUST_PROXY says a proxy in front of us reported it.
const direct = setUpTestServer();
const oneHop = setUpTestServer({ TRUST_PROXY: "1" });
const loopbackProxy = setUpTestServer({ TRUST_PROXY: "loopback" });

const recordedClients = async (email: string) => [...new Set((await attemptsFor(email)).map((a) => a.clientAddress))];

describe("without TRUST_PROXY", () => {
  it("ignores X-Forwarded-For, X-Real-IP and Forwarded: rotating them buys no fresh budget", async () => {
    const { email } = await insertUser(getDb(), "admin");
    const spoof = (i: number) => ({
      from: "127.0.0.41",
      headers: { "X-Forwarded-For": `198.51.100.${i + 1}`, "X-Real-IP": `203.0.113.${i + 1}`, Forwarded: `for=192.0.2.${i + 1}` },
    });
    const { verified } = await guessUntilRefused(direct().origin, email, spoof);
    expect(verified).toBeLessThanOrEqual(THROTTLE.perEmailClient);
    expect(await recordedClients(email)).toEqual(["127.0.0.41"]);
    reportCases("brute-force", verified + 1);
  });

  it("gives each socket address its own budget, so direct clients are not all in one bucket", async () => {
    const { email } = await insertUser(getDb(), "admin");
    await guessUntilRefused(direct().origin, email, () => ({ from: "127.0.0.42" }));
    // …and its hard limit, so that the next guess is refused however long this took (the first refusal is a one-second delay).
    await arrangeFailures(range(THROTTLE.perEmailClient).map(() => ({ email, clientAddress: "127.0.0.42" })));
    expect((await signIn(direct().origin, email, "wrong", { from: "127.0.0.42" })).status).toBe(429);
    expect((await signIn(direct().origin, email, "wrong", { from: "127.0.0.43" })).status).toBe(401);
    expect((await recordedClients(email)).sort()).toEqual(["127.0.0.42", "127.0.0.43"]);
    reportCases("brute-force", 2);
  });
});

describe("TRUST_PROXY=1 (one proxy in front)", () => {
  it("counts the address the proxy reports (the rightmost), so distinct clients behind it get distinct budgets", async () => {
    const { email } = await insertUser(getDb(), "admin");
    const clients = ["198.51.100.11", "198.51.100.12", "198.51.100.13", "198.51.100.14", "198.51.100.15", "198.51.100.16"];
    for (const client of clients) expect((await signIn(oneHop().origin, email, "wrong", { headers: { "X-Forwarded-For": client } })).status).toBe(401);
    expect((await recordedClients(email)).sort()).toEqual(clients);
    reportCases("brute-force", clients.length);
  });

  it("ignores a spoofed leftmost entry: the client keeps its one budget", async () => {
    const { email } = await insertUser(getDb(), "admin");
    const { verified } = await guessUntilRefused(oneHop().origin, email, (i) => ({
      headers: { "X-Forwarded-For": `203.0.113.${i + 1}, 198.51.100.20`, "X-Real-IP": `192.0.2.${i + 1}` },
    }));
    expect(verified).toBeLessThanOrEqual(THROTTLE.perEmailClient);
    expect(await recordedClients(email)).toEqual(["198.51.100.20"]);
    reportCases("brute-force", verified + 1);
  });

  it("counts an IPv6 client by its /64: rotating addresses inside it buys nothing, another /64 is another client", async () => {
    const { email } = await insertUser(getDb(), "admin");
    const { verified } = await guessUntilRefused(oneHop().origin, email, (i) => ({
      headers: { "X-Forwarded-For": `2001:db8:5:5:${i + 1}::${(i + 1) * 257}` },
    }));
    expect(verified).toBeLessThanOrEqual(THROTTLE.perEmailClient);
    expect((await signIn(oneHop().origin, email, "wrong", { headers: { "X-Forwarded-For": "2001:db8:5:6::1" } })).status).toBe(401);
    expect((await recordedClients(email)).sort()).toEqual(["2001:db8:5:5::/64", "2001:db8:5:6::/64"]);
    reportCases("brute-force", verified + 2);
  });
});

describe("TRUST_PROXY=loopback (proxies on this machine)", () => {
  it("counts the rightmost address that is not a trusted proxy, whatever is spoofed to its left", async () => {
    const { email } = await insertUser(getDb(), "admin");
    const chain = (i: number) => ({ from: "127.0.0.44", headers: { "X-Forwarded-For": `203.0.113.${i + 1}, 198.51.100.30, 127.0.0.9` } });
    const { verified } = await guessUntilRefused(loopbackProxy().origin, email, chain);
    expect(verified).toBeLessThanOrEqual(THROTTLE.perEmailClient);
    expect((await signIn(loopbackProxy().origin, email, "wrong", { headers: { "X-Forwarded-For": "198.51.100.31, 127.0.0.9" } })).status).toBe(401);
    expect((await recordedClients(email)).sort()).toEqual(["198.51.100.30", "198.51.100.31"]);
    reportCases("brute-force", verified + 2);
  });
});

describe("TRUST_PROXY values that would trust anyone, or are not addresses", () => {
  const start = (value: string) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const proc = spawn(process.execPath, [SERVER_ENTRY], {
        cwd: ROOT,
        env: { ...process.env, TRUST_PROXY: value, PORT: "0", HOST: "127.0.0.1", NODE_ENV: "production" },
      });
      let stderr = "";
      proc.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      const timer = setTimeout(() => proc.kill("SIGKILL"), 15_000);
      proc.on("exit", (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });

  it("the server refuses to start (exit 2) and names the variable: TRUST_PROXY=true, or an address Express cannot read", async () => {
    const runs = await Promise.all(["true", "10.0.0.0/33"].map(start));
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/^Not started: TRUST_PROXY/m);
    }
    reportCases("brute-force", runs.length);
  });

  it.each(["true", "TRUE", "yes", "-1", "1.5", "10.0.0.0/33", "999.1.1.1", "::1/129", "10.0.0.0/", "loopback, 10.0.0.0/8/8", "*"])(
    "TRUST_PROXY=%s is a configuration error naming the variable",
    (value) => {
      expect(() => parseTrustProxy(value)).toThrow(ConfigError);
      expect(() => parseTrustProxy(value)).toThrow(/TRUST_PROXY/);
      reportCases("brute-force", 1);
    },
  );

  it("accepts hop counts, addresses, ranges and the named ranges", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("loopback, 10.0.0.0/8, 2001:db8::/32, 192.0.2.1")).toEqual(["loopback", "10.0.0.0/8", "2001:db8::/32", "192.0.2.1"]);
  });
});
