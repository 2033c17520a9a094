/**
 * The one rule every state-changing request passes before anything reads it: it must come from a
 * page of this app. Browsers always send `Origin` on a POST; `Referer` is the fallback for old
 * ones. A request with neither, from `null` (sandboxed frames, file: pages), another port,
 * another scheme or a look-alike host is refused. Exact comparison of serialised origins: no
 * prefix, suffix or wildcard matching that a look-alike host could satisfy, and no parsing that
 * would forgive what a browser never sends (userinfo, upper case, a port with leading zeros).
 *
 * Each header is given as every value the request carried: a browser sends each once, so two
 * values (or two Origin headers) mean the request was not made by a browser page of ours.
 */
export type OriginHeaders = { origin?: string[]; referer?: string[]; secFetchSite?: string[] };
export type OriginVerdict = { ok: true } | { ok: false; reason: string; seen: string };

export function checkOrigin(headers: OriginHeaders, expected: string | undefined): OriginVerdict {
  const origin = headers.origin ?? [];
  const referer = headers.referer ?? [];
  const secFetchSite = headers.secFetchSite ?? [];
  const seen = [...origin, ...referer].join(", ");
  const refuse = (reason: string): OriginVerdict => ({ ok: false, reason, seen });
  if (!expected) return refuse("the request did not say which site it was addressed to (no Host header)");
  if (origin.length > 1 || referer.length > 1 || secFetchSite.length > 1) return refuse("it carried more than one Origin, Referer or Sec-Fetch-Site header");
  if (secFetchSite[0] !== undefined && secFetchSite[0] !== "same-origin")
    return refuse(`the browser says it was sent from another site (Sec-Fetch-Site: ${secFetchSite[0]})`);
  if (origin[0] !== undefined) return origin[0] === expected ? { ok: true } : refuse(`it came from ${origin[0] || "an empty Origin"}, not from ${expected}`);
  if (referer[0] !== undefined)
    return refererIsFrom(referer[0], expected) ? { ok: true } : refuse(`it came from ${referer[0] || "an empty Referer"}, not from ${expected}`);
  return refuse("it says neither where it came from (no Origin or Referer header)");
}

/**
 * A Referer is a full URL; it is ours when it is spelled exactly as a URL of this origin
 * ("http://host:port/…"). A string prefix up to the path's "/" leaves no room for userinfo, another
 * port or a longer host, and refuses spellings a browser never sends (upper case, leading zeros).
 */
function refererIsFrom(referer: string, expected: string): boolean {
  return referer.startsWith(`${expected}/`);
}

/**
 * The origin a request was addressed to: the configured APP_ORIGIN, else scheme plus Host
 * (lower-cased); undefined when there is no Host to go by (then nothing that is not a GET passes).
 */
export function expectedOrigin(protocol: string, host: string | undefined, appOrigin: string | undefined): string | undefined {
  if (appOrigin) return appOrigin;
  return host ? `${protocol}://${host.toLowerCase()}` : undefined;
}
