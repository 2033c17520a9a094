/**
 * Headers on every response. The Content-Security-Policy is enforced: scripts run only from this
 * origin or with this response's nonce (React Router's inline scripts carry it), so markup that
 * slipped into a page could not run script even if it got past the rich-text checks. Styles may
 * use `style` attributes (React and d3 set them) but not inline <style> elements.
 */
export function contentSecurityPolicy(nonce: string, { upgradeInsecure = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    // data: for the five-whys PNG export, which draws the tree's SVG into a canvas through an <img> with a data: URL.
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(upgradeInsecure ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export type SecurityHeaderOptions = { nonce: string; secure: boolean; reportOnly?: boolean };

export function securityHeaders({ nonce, secure, reportOnly = false }: SecurityHeaderOptions): Record<string, string> {
  return {
    [reportOnly ? "Content-Security-Policy-Report-Only" : "Content-Security-Policy"]: contentSecurityPolicy(nonce, { upgradeInsecure: secure }),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    ...(secure ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
