import { createCookie } from "react-router";
import { describe, expect, it } from "vitest";
import { signedCookie } from "./signed-cookie.server";

const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure: false, maxAge: 3600, secrets: ["s3cret"] };
const ours = signedCookie("coe_session", options);
const reactRouters = createCookie("coe_session", options);
const cookieHeader = (setCookie: string) => setCookie.split(";")[0]!;

describe("signedCookie", () => {
  it("writes what React Router's createCookie writes, and each reads the other's", async () => {
    for (const token of ["abcDEF_-123", "x", "ü and ✓"]) {
      expect(ours.serialize(token)).toBe(await reactRouters.serialize(token));
      expect(ours.parse(cookieHeader(await reactRouters.serialize(token)))).toBe(token);
      expect(await reactRouters.parse(cookieHeader(ours.serialize(token)))).toBe(token);
    }
    expect(ours.serialize("", { maxAge: 0 })).toBe(await reactRouters.serialize("", { maxAge: 0 }));
  });

  it("refuses a value signed with another secret, changed, unsigned, or not a string", async () => {
    const good = cookieHeader(ours.serialize("token"));
    const value = good.slice("coe_session=".length);
    const other = signedCookie("coe_session", { ...options, secrets: ["other"] });
    expect(other.parse(good)).toBeUndefined();
    expect(ours.parse(`coe_session=${value.replace(/^.../, "eyJ")}`)).toBeUndefined();
    expect(ours.parse(`coe_session=${decodeURIComponent(value).split(".")[0]}`)).toBeUndefined();
    expect(ours.parse(`coe_session=${value}x`)).toBeUndefined();
    expect(ours.parse(cookieHeader(await createCookie("coe_session", options).serialize({ a: 1 })))).toBeUndefined();
    expect(ours.parse("")).toBeUndefined();
    expect(ours.parse(null)).toBeUndefined();
    expect(ours.parse("coe_session=%E0%A4%A")).toBeUndefined();
  });

  it("accepts any of its secrets (rotation) and reads the first cookie of its name", () => {
    const rotated = signedCookie("coe_session", { ...options, secrets: ["new", "s3cret"] });
    const good = cookieHeader(ours.serialize("token"));
    expect(rotated.parse(`other=1; ${good}; coe_session=junk`)).toBe("token");
    expect(rotated.parse(`coe_session=junk; ${good}`)).toBeUndefined();
  });

  it("answers the same when asked again (answers are remembered per cookie): a changed cookie stays refused", () => {
    const good = cookieHeader(ours.serialize("again"));
    const changed = good.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    for (let i = 0; i < 3; i++) {
      expect(ours.parse(good)).toBe("again");
      expect(ours.parse(changed)).toBeUndefined();
    }
  });
});
