import { createHmac, timingSafeEqual } from "node:crypto";
import { memoByText } from "../domain/text-memo";

export type SignedCookieOptions = { httpOnly: boolean; sameSite: "lax" | "strict"; path: string; secure: boolean; maxAge: number; secrets: string[] };

/**
 * A signed cookie holding one string, in the format of React Router's `createCookie` (base64 of
 * the JSON value, "." and the unpadded base64 HMAC-SHA256 of that, signed with the first secret
 * and checked against each), so cookies set by either read the same. Checked with node:crypto
 * synchronously: every signed-in request reads the session cookie, and Web Crypto's import-a-key-
 * then-verify round trip cost each one more than the session's database read.
 */
export function signedCookie(name: string, options: SignedCookieOptions) {
  const sign = (value: string, secret: string) => createHmac("sha256", secret).update(value).digest("base64").replace(/=+$/, "");
  const unsign = (signed: string): string | undefined => {
    const cut = signed.lastIndexOf(".");
    if (cut < 0) return undefined;
    const value = signed.slice(0, cut);
    const given = Buffer.from(signed.slice(cut + 1), "utf8");
    for (const secret of options.secrets) {
      const expected = Buffer.from(sign(value, secret), "utf8");
      if (expected.length === given.length && timingSafeEqual(expected, given)) return value;
    }
    return undefined;
  };
  /**
   * The value a signed cookie carries, remembered per cookie (a request reads its session cookie
   * more than once, and a browser sends the same one for weeks): the answer depends only on the
   * cookie's text and this server's secrets, so it cannot go stale.
   */
  const verified = memoByText((raw: string): string | undefined => {
    const value = unsign(raw);
    if (value === undefined) return undefined;
    try {
      const decoded: unknown = JSON.parse(Buffer.from(value, "base64").toString("utf8"));
      return typeof decoded === "string" && decoded !== "" ? decoded : undefined;
    } catch {
      return undefined;
    }
  }, 1_000_000);
  return {
    /** The cookie's string value if the header carries one this server signed; otherwise undefined. */
    parse(header: string | null | undefined): string | undefined {
      const raw = header ? firstCookie(header, name) : undefined;
      return raw ? verified(raw) : undefined;
    },
    /** A Set-Cookie value: the string signed, or "" with `maxAge: 0` to clear it. */
    serialize(value: string, { maxAge = options.maxAge }: { maxAge?: number } = {}): string {
      const encoded = value === "" ? "" : encodeURIComponent(signedValue(value));
      return [
        `${name}=${encoded}`,
        `Max-Age=${Math.floor(maxAge)}`,
        `Path=${options.path}`,
        options.httpOnly ? "HttpOnly" : "",
        options.secure ? "Secure" : "",
        `SameSite=${options.sameSite === "lax" ? "Lax" : "Strict"}`,
      ]
        .filter(Boolean)
        .join("; ");
    },
  };

  function signedValue(value: string): string {
    const encoded = Buffer.from(JSON.stringify(value), "utf8").toString("base64");
    return `${encoded}.${sign(encoded, options.secrets[0]!)}`;
  }
}

/** The first cookie of that name in a Cookie header, percent-decoded (as the `cookie` package reads it). */
function firstCookie(header: string, name: string): string | undefined {
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      return value.includes("%") ? decodeURIComponent(value) : value;
    } catch {
      return value;
    }
  }
  return undefined;
}
