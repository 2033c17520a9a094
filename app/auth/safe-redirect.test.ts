import { describe, expect, it } from "vitest";
import { HOSTILE_REDIRECTS, SAFE_REDIRECTS } from "../../tests/fixtures/open-redirect-payloads";
import { reportCases } from "../../tests/security/cases";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("has a corpus of at least 40 hostile payloads, each named once", () => {
    expect(HOSTILE_REDIRECTS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(HOSTILE_REDIRECTS.map((p) => p.name)).size).toBe(HOSTILE_REDIRECTS.length);
  });

  it("gives the fallback for every hostile payload", () => {
    const kept = HOSTILE_REDIRECTS.filter((p) => safeRedirect(p.value) !== "/coes").map((p) => `${p.name}: ${safeRedirect(p.value)}`);
    expect(kept).toEqual([]);
    expect(safeRedirect(HOSTILE_REDIRECTS[0]!.value, "/elsewhere")).toBe("/elsewhere");
    reportCases("redirects", HOSTILE_REDIRECTS.length);
  });

  it("keeps every safe path, as the URL parser spells it", () => {
    expect(Object.fromEntries(SAFE_REDIRECTS.map((p) => [p.name, safeRedirect(p.value)]))).toEqual(
      Object.fromEntries(SAFE_REDIRECTS.map((p) => [p.name, p.parsed])),
    );
    reportCases("redirects", SAFE_REDIRECTS.length);
  });

  it("gives the fallback for what is not a string", () => {
    for (const bad of [null, undefined, new File(["/coes"], "x")]) expect(safeRedirect(bad)).toBe("/coes");
  });
});
