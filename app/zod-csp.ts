import { config } from "zod";

/**
 * In the browser, zod never compiles parsers with `new Function`: the Content-Security-Policy
 * allows no eval, and zod's one-time probe for it is reported as a `securitypolicyviolation` even
 * though zod catches the error. Imported first by root.tsx, so it runs before any module builds a
 * schema (zod decides when a schema is built). The server keeps the faster compiled parsers.
 */
if (typeof document !== "undefined") config({ jitless: true });
