import type { RawResponse } from "./raw-http";

type Headers = RawResponse["headers"];

/** A Content-Security-Policy as directive → its source list (lower-cased names, sources as sent). */
export function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    // The first occurrence of a directive is the one browsers apply.
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** The nonce the policy allows scripts with, if any. */
export function policyNonce(headers: Headers): string | undefined {
  const policy = headers["content-security-policy"];
  if (typeof policy !== "string") return undefined;
  const source = parsePolicy(policy)
    .get("script-src")
    ?.find((s) => s.startsWith("'nonce-"));
  return source?.slice("'nonce-".length, -1);
}

const UNSAFE_SCRIPT_SOURCES = [
  "'unsafe-inline'",
  "'unsafe-eval'",
  "'unsafe-hashes'",
  "'wasm-unsafe-eval'",
  "*",
  "data:",
  "blob:",
  "http:",
  "https:",
  "filesystem:",
];
const SAFE_REFERRER_POLICIES = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"];

/**
 * What is wrong with a response's security headers (an empty list when nothing is): an enforced
 * (not report-only) policy whose scripts need this response's nonce, no plug-ins, no <base>
 * elsewhere, no framing; no MIME sniffing; a referrer policy that never sends paths to other sites.
 */
export function securityHeaderProblems(headers: Headers): string[] {
  const problems: string[] = [];
  const policy = headers["content-security-policy"];
  if (headers["content-security-policy-report-only"] !== undefined) problems.push("has a report-only policy");
  if (typeof policy !== "string") return [...problems, `Content-Security-Policy is ${JSON.stringify(policy)}, not one enforced policy`];
  const csp = parsePolicy(policy);
  const is = (directive: string, ...allowed: string[][]) => {
    const sources = csp.get(directive);
    if (!sources || !allowed.some((a) => a.length === sources.length && a.every((s) => sources.includes(s))))
      problems.push(`${directive} is ${JSON.stringify(sources)}`);
  };
  const scripts = csp.get("script-src");
  if (!scripts) problems.push("no script-src");
  else {
    const nonces = scripts.filter((s) => s.startsWith("'nonce-"));
    if (nonces.length !== 1) problems.push(`script-src has ${nonces.length} nonces`);
    else if (!/^'nonce-[A-Za-z0-9+/]{22,}={0,2}'$/.test(nonces[0]!)) problems.push(`script-src nonce ${nonces[0]} is not base64 of at least 128 bits`);
    for (const bad of UNSAFE_SCRIPT_SOURCES) if (scripts.includes(bad)) problems.push(`script-src allows ${bad}`);
    if (scripts.some((s) => /^[a-z][a-z0-9+.-]*:\/\/|^\*\./i.test(s))) problems.push(`script-src allows another host: ${scripts.join(" ")}`);
  }
  for (const d of ["script-src-elem", "script-src-attr"])
    for (const bad of UNSAFE_SCRIPT_SOURCES) if (csp.get(d)?.includes(bad)) problems.push(`${d} allows ${bad}`);
  if (csp.get("default-src")?.includes("*") ?? true) problems.push(`default-src is ${JSON.stringify(csp.get("default-src"))}`);
  is("object-src", ["'none'"]);
  is("base-uri", ["'self'"], ["'none'"]);
  is("frame-ancestors", ["'none'"]);
  is("form-action", ["'self'"]);
  if (headers["x-content-type-options"] !== "nosniff") problems.push(`X-Content-Type-Options is ${JSON.stringify(headers["x-content-type-options"])}`);
  const referrer = headers["referrer-policy"];
  if (typeof referrer !== "string" || !SAFE_REFERRER_POLICIES.includes(referrer)) problems.push(`Referrer-Policy is ${JSON.stringify(referrer)}`);
  return problems;
}

/** HSTS as it must be when the site is served over HTTPS: a year at least. */
export function hstsProblems(headers: Headers): string[] {
  const hsts = headers["strict-transport-security"];
  const maxAge = typeof hsts === "string" ? Number(/(?:^|;)\s*max-age=(\d+)/i.exec(hsts)?.[1]) : NaN;
  return maxAge >= 31_536_000 ? [] : [`Strict-Transport-Security is ${JSON.stringify(hsts)}`];
}
