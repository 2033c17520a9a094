/**
 * In the browser, zod never compiles parsers with `new Function`: the Content-Security-Policy
 * allows no eval, and zod's one-time probe for it is reported as a `securitypolicyviolation` even
 * though zod catches the error. Imported first by root.tsx, before any module builds a schema.
 *
 * This sets zod's global configuration object (`globalThis.__zod_globalConfig`, which zod adopts,
 * or is already using, and which `z.config()` writes) instead of importing zod to call
 * `z.config({ jitless: true })`: importing it here would add zod's core (4 KB gzipped) to every
 * page, and most pages need no zod in the browser. tests/e2e/headers-csp.spec.ts fails if zod's
 * probe ever runs again (say, if a zod upgrade renamed that object). The server keeps the faster
 * compiled parsers.
 */
if (typeof document !== "undefined") {
  const global = globalThis as { __zod_globalConfig?: Record<string, unknown> };
  Object.assign((global.__zod_globalConfig ??= {}), { jitless: true });
}
