import { beforeAll, describe, expect, it } from "vitest";
import { freshDb } from "../setup/test-db";
import { setUpTestServer } from "../setup/test-server";
import { reportCases } from "./cases";
import { hstsProblems, parsePolicy, securityHeaderProblems } from "./header-rules";
import { responseKinds, type ResponseKind } from "./response-kinds";
import { arrangeScene } from "./would-succeed";

// COOKIE_SECURE=true says the site is served over HTTPS: then every response tells the browser to
// use HTTPS only (HSTS, a year), and pages upgrade any http: subresource.

const server = setUpTestServer({ COOKIE_SECURE: "true" });
let kinds: ResponseKind[];

beforeAll(async () => {
  kinds = await responseKinds(await arrangeScene(await freshDb()));
});

describe("with COOKIE_SECURE=true", () => {
  it("every kind of response carries HSTS for at least a year, besides the other headers", async () => {
    const problems: string[] = [];
    for (const kind of kinds) {
      const res = await kind.send(server().origin);
      const found = [...hstsProblems(res.headers), ...securityHeaderProblems(res.headers)];
      if (!parsePolicy(String(res.headers["content-security-policy"])).has("upgrade-insecure-requests")) found.push("no upgrade-insecure-requests");
      problems.push(...found.map((p) => `${kind.label} (${res.status}): ${p}`));
    }
    expect(problems).toEqual([]);
    reportCases("headers", kinds.length);
  });
});
