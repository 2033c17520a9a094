import { data } from "react-router";
import { z } from "zod";

/** 403 with a reason the error page shows; thrown before anything is written. */
export function forbidden(reason: string): never {
  throw data({ reason }, { status: 403, statusText: "Forbidden" });
}

export function notFound(what: string): never {
  throw data({ reason: `${what} does not exist or was deleted.` }, { status: 404, statusText: "Not Found" });
}

const IdParam = z.coerce.number().int().positive();

/** A positive integer route param, or the 404 page (a malformed id names nothing). */
export function requireIdParam(value: string | undefined, what: string): number {
  const parsed = IdParam.safeParse(value);
  if (!parsed.success) notFound(what);
  return parsed.data;
}

// A path on this site: "/" then printable ASCII other than a second "/" or a backslash at the start.
const SITE_PATH = /^\/(?![/\\])[\x21-\x7e]*$/;
const PARSE_BASE = "http://coe.invalid";

/**
 * Where to go after signing in, only if it is a path on this site; anything else gives `fallback`.
 * Only printable ASCII is accepted (control characters, spaces, backslashes and full-width or
 * ideographic look-alikes of "/", "\\" and "." are refused, whatever a browser would make of
 * them); then the URL parser resolves it against this site, and what is returned is the
 * *parsed* path, so "/.//evil" (which normalises to "//evil") is refused too.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/coes"): string {
  if (typeof to !== "string" || to.length > 2048 || !SITE_PATH.test(to) || to.includes("\\")) return fallback;
  if (!URL.canParse(to, PARSE_BASE)) return fallback;
  const url = new URL(to, PARSE_BASE);
  const target = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === PARSE_BASE && SITE_PATH.test(target) ? target : fallback;
}
