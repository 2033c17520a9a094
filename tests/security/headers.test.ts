import { beforeAll, describe, expect, it } from "vitest";
import { freshDb } from "../setup/test-db";
import { useTestServer } from "../setup/test-server";
import { reportCases } from "./cases";
import { securityHeaderProblems } from "./header-rules";
import type { RawResponse } from "./raw-http";
import { cachingProblems, responseKinds, type ResponseKind } from "./response-kinds";
import { arrangeScene } from "./would-succeed";

// Issue 8 §4: every response, whichever code path wrote it, carries an enforced nonce-based
// Content-Security-Policy, nosniff and a referrer policy; pages, data and refusals are never
// cached, hashed assets are cached for a year; no HSTS unless COOKIE_SECURE=true (headers-hsts.test.ts).

const server = useTestServer();
let answers: { kind: ResponseKind; res: RawResponse }[];

beforeAll(async () => {
  const kinds = await responseKinds(await arrangeScene(freshDb()));
  answers = [];
  for (const kind of kinds) answers.push({ kind, res: await kind.send(server().origin) });
});

describe("every kind of response", () => {
  it("has the status its kind is checked for (so each code path really is exercised)", () => {
    const wrong = answers.filter(({ kind, res }) => res.status !== kind.status).map(({ kind, res }) => `${kind.label}: ${res.status}, expected ${kind.status} (${res.body.slice(0, 120)})`);
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
