import { describe, expect, it } from "vitest";
import { requireIdParam } from "./guards.server";

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
