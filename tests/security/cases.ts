import { appendFileSync } from "node:fs";

/** The attack families of the hardening issue; `npm test` prints how many cases of each ran. */
export type Family = "brute-force" | "forged-requests" | "redirects" | "headers" | "hostile-bodies" | "oversized-bodies" | "files-and-processes" | "audit";

/**
 * Counts attack cases a test exercised (payloads × routes × …), for the summary `npm test`
 * prints. Call it after the cases were checked, so only cases that held are counted.
 */
export function reportCases(family: Family, count: number) {
  const file = process.env.SECURITY_CASES_FILE;
  if (file) appendFileSync(file, `${JSON.stringify({ family, count })}\n`);
}
