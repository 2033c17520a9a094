// A path on this site: "/" then printable ASCII, not "//" or "/\" (which browsers read as another host).
const SITE_PATH = /^\/(?![/\\])[\x21-\x7e]*$/;
const PARSE_BASE = "http://coe.invalid";
const MAX_LENGTH = 2048;
// More layers of %-encoding than this are not a path anyone links to.
const MAX_DECODES = 4;

/** `s` with its %-escapes decoded until nothing changes; undefined when an escape is broken or the layers never end. */
function decodeFully(s: string): string | undefined {
  let current = s;
  for (let i = 0; i <= MAX_DECODES; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return current;
    current = next;
  }
  return undefined;
}

/**
 * Where to go after signing in, only if it is a path on this site; anything else gives `fallback`.
 * - Only printable ASCII is accepted: control characters (which browsers drop, so "/\t/evil"
 *   becomes "//evil"), spaces, backslashes (read as "/") and full-width or ideographic
 *   look-alikes of "/", "\" and "." are refused, whatever a browser would make of them.
 * - The URL parser then resolves it against this site, and the *parsed* path is what is returned,
 *   so dot segments that collapse into "//evil" ("/.//evil", "/a/%2e%2e//evil") are refused too.
 * - The parsed path, %-decoded until it stops changing, must pass the same test, so that a proxy
 *   or server that decodes once more cannot turn "/%2F/evil" or "/%252F%252Fevil" into "//evil".
 *   (Only the path: a query string may hold anything once decoded, it cannot change the host.)
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/coes"): string {
  if (typeof to !== "string" || to.length > MAX_LENGTH || !SITE_PATH.test(to) || to.includes("\\")) return fallback;
  if (!URL.canParse(to, PARSE_BASE)) return fallback;
  const url = new URL(to, PARSE_BASE);
  const target = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== PARSE_BASE || !SITE_PATH.test(target)) return fallback;
  const decodedPath = decodeFully(url.pathname);
  if (decodedPath === undefined || !SITE_PATH.test(decodedPath) || decodedPath.includes("\\")) return fallback;
  return target;
}
