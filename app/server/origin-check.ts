/**
 * The one rule every state-changing request passes before anything reads it: it must come from a
 * page of this app. Browsers always send `Origin` on a POST; `Referer` is the fallback for old
 * ones. A request with neither, from `null` (sandboxed frames, file: pages), another port,
 * another scheme or a look-alike host is refused. Exact comparison of serialised origins: no
 * prefix, suffix or wildcard matching that a look-alike host could satisfy.
 */
export type OriginHeaders = { origin?: string; referer?: string; secFetchSite?: string };
export type OriginVerdict = { ok: true } | { ok: false; reason: string; seen: string };

export function checkOrigin(headers: OriginHeaders, expected: string): OriginVerdict {
  const { origin, referer, secFetchSite } = headers;
  if (secFetchSite !== undefined && secFetchSite !== "same-origin")
    return { ok: false, reason: `the browser says it was sent from another site (Sec-Fetch-Site: ${secFetchSite})`, seen: origin ?? referer ?? "" };
  if (origin !== undefined) return origin === expected ? { ok: true } : { ok: false, reason: `it came from ${origin}, not from ${expected}`, seen: origin };
  if (referer !== undefined) {
    const from = URL.canParse(referer) ? new URL(referer).origin : "an unreadable address";
    return from === expected ? { ok: true } : { ok: false, reason: `it came from ${from}, not from ${expected}`, seen: referer };
  }
  return { ok: false, reason: "it says neither where it came from (no Origin or Referer header)", seen: "" };
}

/** The origin a request was addressed to: scheme plus Host (lower-cased), or the configured APP_ORIGIN. */
export function expectedOrigin(protocol: string, host: string | undefined, appOrigin: string | undefined): string {
  return appOrigin ?? `${protocol}://${(host ?? "").toLowerCase()}`;
}
