import { describe, expect, it } from "vitest";
import { requireIdParam, safeRedirect } from "./guards.server";

describe("safeRedirect", () => {
  it("keeps same-site paths and refuses everything else", () => {
    expect(safeRedirect("/coes/3?x=1")).toBe("/coes/3?x=1");
    for (const bad of ["https://evil.test", "//evil.test", "/\\evil.test", "", null, undefined]) expect(safeRedirect(bad)).toBe("/coes");
  });
});

describe("requireIdParam", () => {
  it("parses positive ids and 404s on anything else", () => {
    expect(requireIdParam("12", "COE")).toBe(12);
    for (const bad of ["0", "-1", "abc", "1.5", undefined]) {
      try {
        requireIdParam(bad, "COE");
        expect.unreachable();
      } catch (e) {
        expect((e as { init: { status: number } }).init.status).toBe(404);
      }
    }
  });
});
