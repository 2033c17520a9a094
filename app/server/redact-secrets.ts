/**
 * A request's URL as the request log and the audit log may keep it. A calendar feed's URL is its
 * own credential (calendar programs send no cookie), so a feed's path is written without its
 * token: whoever reads the logs cannot subscribe to someone's items. The path is matched as React
 * Router matches it (decoded, in any case), so no spelling of a feed URL slips through.
 */
export function redactSecrets(url: string): string {
  const path = url.split(/[?#]/, 1)[0]!;
  return /^\/+calendar(\/|$)/i.test(decoded(path)) ? "/calendar/[redacted]" : url;
}

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
