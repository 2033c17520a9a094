import type { BodyLimits } from "./config.server";
import { checkOrigin } from "./origin-check";
import type { Refusal } from "./refusal.server";
import type { BodyKind } from "./request-body.server";

/** The methods this app answers; anything else (PUT, DELETE, OPTIONS, TRACE…) is 405 before a route runs. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST"] as const;

export function refuseMethod(method: string): Refusal | undefined {
  if ((ALLOWED_METHODS as readonly string[]).includes(method)) return undefined;
  return {
    status: 405,
    error: "method-not-allowed",
    message: `${method} is not a method this site answers. Nothing was changed.`,
    headers: { Allow: ALLOWED_METHODS.join(", ") },
  };
}

/**
 * Every request that is not a GET or HEAD must come from a page of this app (see origin-check.ts).
 * `headers` holds every value of each header (Node's `headersDistinct`): Node keeps only the first
 * of a repeated Referer, which would hide a second one.
 */
export function refuseForeignOrigin(
  method: string,
  headers: Record<string, string[] | undefined>,
  expected: string | undefined,
): (Refusal & { seen: string }) | undefined {
  if (method === "GET" || method === "HEAD") return undefined;
  const verdict = checkOrigin({ origin: headers.origin, referer: headers.referer, secFetchSite: headers["sec-fetch-site"] }, expected);
  if (verdict.ok) return undefined;
  return { status: 403, error: "foreign-origin", message: `Refused because ${verdict.reason}. Nothing was changed.`, seen: verdict.seen };
}

export function refuseBodyKind(kind: BodyKind): Refusal | undefined {
  if (kind !== "unsupported") return undefined;
  return {
    status: 415,
    error: "unsupported-media-type",
    message: "This site accepts forms (application/x-www-form-urlencoded or multipart/form-data) and JSON (application/json) only. Nothing was changed.",
  };
}

/** Signed-out callers (only the sign-in form) get the small limit, so an anonymous client can never make the server hold much. */
export function bodyLimit(kind: BodyKind, signedIn: boolean, limits: BodyLimits): number {
  if (!signedIn) return limits.signedOut;
  return kind === "json" ? limits.json : limits.form;
}

const KIB = 1024;
const describeBytes = (n: number) => (n >= KIB * KIB ? `${+(n / KIB / KIB).toFixed(1)} MB` : n >= KIB ? `${+(n / KIB).toFixed(1)} KB` : `${n} bytes`);

export function tooLarge(limit: number, signedIn: boolean): Refusal {
  const who = signedIn ? "" : " before signing in";
  return { status: 413, error: "too-large", message: `The request is too large: at most ${describeBytes(limit)} can be sent${who}. Nothing was saved.` };
}
