import { describe, expect, it } from "vitest";
import { checkOrigin, expectedOrigin } from "./origin-check";

const OURS = "http://127.0.0.1:3000";
const one = (v: string) => [v];

describe("checkOrigin", () => {
  it("accepts exactly our origin, from Origin or (without Origin) from a Referer on our origin", () => {
    expect(checkOrigin({ origin: one(OURS) }, OURS)).toEqual({ ok: true });
    expect(checkOrigin({ origin: one(OURS), secFetchSite: one("same-origin") }, OURS)).toEqual({ ok: true });
    expect(checkOrigin({ referer: one(`${OURS}/coes/1/edit?x=1#y`) }, OURS)).toEqual({ ok: true });
    expect(checkOrigin({ referer: one(`${OURS}/`) }, OURS)).toEqual({ ok: true });
    // Origin decides when both are sent: a page of ours with a stricter referrer policy still passes.
    expect(checkOrigin({ origin: one(OURS), referer: one("http://elsewhere.example/") }, OURS)).toEqual({ ok: true });
  });

  const hostileOrigins = [
    "null",
    "",
    "http://127.0.0.1:3001",
    "http://127.0.0.1",
    "http://localhost:3000",
    "https://127.0.0.1:3000",
    "http://127.0.0.1.evil.example",
    "http://127.0.0.1:3000.evil.example",
    "http://evil-127.0.0.1.example:3000",
    "http://evil.example@127.0.0.1:3000",
    "http://127.0.0.1:3000@evil.example",
    "http://127.0.0.1.:3000",
    `${OURS}/`,
    "HTTP://127.0.0.1:3000",
    "http://127.0.0.1:03000",
    `${OURS}0`,
    `${OURS}:3000`,
    `${OURS}, http://evil.example`,
    `${OURS} ${OURS}`,
  ];
  it.each(hostileOrigins)("refuses Origin %j", (origin) => {
    expect(checkOrigin({ origin: one(origin) }, OURS)).toMatchObject({ ok: false, seen: origin });
    // Even with a Referer of ours beside it: the browser's Origin is what counts.
    expect(checkOrigin({ origin: one(origin), referer: one(`${OURS}/coes`) }, OURS).ok).toBe(false);
  });

  const hostileReferers = [
    "http://evil.example/",
    "http://127.0.0.1:3001/coes",
    `${OURS}.evil.example/`,
    `${OURS}@evil.example/`,
    "http://evil.example@127.0.0.1:3000/",
    "http://user:pass@127.0.0.1:3000/",
    "HTTP://127.0.0.1:3000/",
    "http://127.0.0.1:03000/",
    OURS, // a Referer is a URL with a path; a bare origin is not what a browser sends
    `${OURS}evil/`,
    "about:blank",
    "null",
    "",
    "not a url",
  ];
  it.each(hostileReferers)("refuses a request with only the Referer %j", (referer) => {
    expect(checkOrigin({ referer: one(referer) }, OURS)).toMatchObject({ ok: false });
  });

  it("refuses a request that says neither where it came from", () => {
    expect(checkOrigin({}, OURS)).toMatchObject({ ok: false, reason: expect.stringMatching(/neither/) });
    expect(checkOrigin({ origin: [], referer: [] }, OURS).ok).toBe(false);
  });

  it.each(["cross-site", "same-site", "none", "Same-Origin", ""])("refuses our Origin when the browser says Sec-Fetch-Site: %j", (site) => {
    expect(checkOrigin({ origin: one(OURS), secFetchSite: one(site) }, OURS)).toMatchObject({ ok: false });
  });

  it("refuses any header given more than once, even when every copy looks like ours", () => {
    expect(checkOrigin({ origin: [OURS, OURS] }, OURS).ok).toBe(false);
    expect(checkOrigin({ origin: [OURS, "http://evil.example"] }, OURS).ok).toBe(false);
    expect(checkOrigin({ referer: [`${OURS}/`, "http://evil.example/"] }, OURS).ok).toBe(false);
    expect(checkOrigin({ origin: one(OURS), secFetchSite: ["same-origin", "cross-site"] }, OURS).ok).toBe(false);
  });

  it("refuses everything when there is no origin to compare with", () => {
    expect(checkOrigin({ origin: one("http://") }, undefined).ok).toBe(false);
    expect(checkOrigin({ origin: one(OURS) }, undefined).ok).toBe(false);
  });
});

describe("expectedOrigin", () => {
  it("is APP_ORIGIN when set, whatever the Host says", () => {
    expect(expectedOrigin("http", "evil.example", "https://coe.example.org")).toBe("https://coe.example.org");
  });
  it("is the scheme and lower-cased Host otherwise", () => {
    expect(expectedOrigin("http", "LocalHost:3000", undefined)).toBe("http://localhost:3000");
  });
  it("is undefined without a Host", () => {
    expect(expectedOrigin("http", undefined, undefined)).toBeUndefined();
    expect(expectedOrigin("http", "", undefined)).toBeUndefined();
  });
});
