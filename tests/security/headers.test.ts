import { connect } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { freshDb } from "../setup/test-db";
import { setUpTestServer } from "../setup/test-server";
import { reportCases } from "./cases";
import { securityHeaderProblems } from "./header-rules";
import type { RawResponse } from "./raw-http";
import { cachingProblems, responseKinds, type ResponseKind } from "./response-kinds";
import { arrangeScene } from "./would-succeed";

// Issue 8 §4: every response, whichever code path wrote it, carries an enforced nonce-based
// Content-Security-Policy, nosniff and a referrer policy; pages, data and refusals are never
// cached, hashed assets are cached for a year; no HSTS unless COOKIE_SECURE=true (headers-hsts.test.ts).

const server = setUpTestServer();
let answers: { kind: ResponseKind; res: RawResponse }[];

beforeAll(async () => {
  const kinds = await responseKinds(await arrangeScene(await freshDb()));
  answers = [];
  for (const kind of kinds) answers.push({ kind, res: await kind.send(server().origin) });
});

describe("every kind of response", () => {
  it("has the status its kind is checked for (so each code path really is exercised)", () => {
    const wrong = answers
      .filter(({ kind, res }) => res.status !== kind.status)
      .map(({ kind, res }) => `${kind.label}: ${res.status}, expected ${kind.status} (${res.body.slice(0, 120)})`);
    expect(wrong).toEqual([]);
  });

  it("carries an enforced nonce-based CSP, nosniff and a referrer policy, is cached as its kind allows, and has no HSTS over plain HTTP", () => {
    const problems: string[] = [];
    for (const { kind, res } of answers) {
      const found = [...securityHeaderProblems(res.headers), ...cachingProblems(kind.caching, res.headers["cache-control"])];
      if (res.headers["strict-transport-security"] !== undefined) found.push("has Strict-Transport-Security without COOKIE_SECURE=true");
      problems.push(...found.map((p) => `${kind.label} (${res.status}): ${p}`));
    }
    expect(problems).toEqual([]);
    reportCases("headers", answers.length);
  });
});

describe("answers Node writes itself", () => {
  /** Sends bytes that are not HTTP (or not HTTP Node will parse) and returns the raw answer. */
  function sendBytes(origin: string, bytes: string): Promise<string> {
    const { hostname, port } = new URL(origin);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      const received: Buffer[] = [];
      socket.on("data", (chunk) => received.push(chunk));
      socket.on("error", reject);
      socket.on("end", () => resolve(Buffer.concat(received).toString("latin1")));
      socket.end(bytes);
    });
  }
  /** The head of a raw answer as a header map with lower-cased names. */
  const headersOf = (raw: string): RawResponse["headers"] =>
    Object.fromEntries(
      raw
        .split("\r\n\r\n")[0]!
        .split("\r\n")
        .slice(1)
        .map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
    );

  it("a request Node cannot parse (malformed, or headers too large) is answered with the same security headers", async () => {
    const malformed = [
      "NOT HTTP AT ALL\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    ];
    const problems: string[] = [];
    for (const bytes of malformed) {
      const raw = await sendBytes(server().origin, bytes);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1];
      if (!status || !["400", "431"].includes(status)) problems.push(`${JSON.stringify(bytes.slice(0, 30))}: answered ${JSON.stringify(raw.slice(0, 40))}`);
      problems.push(...securityHeaderProblems(headersOf(raw)).map((p) => `${JSON.stringify(bytes.slice(0, 30))}: ${p}`));
    }
    expect(problems).toEqual([]);
    reportCases("headers", malformed.length);
  });
});
