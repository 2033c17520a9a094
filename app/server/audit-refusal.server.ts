import type { MiddlewareFunction } from "react-router";
import { getUser } from "~/auth/session.server";
import { recordRefusal } from "~/data/audit.server";
import { db } from "~/data/db.server";
import { redactSecrets } from "./redact-secrets";
import { requestInfoContext } from "./request-info.server";

/** Statuses that mean "refused": not signed in for this, not allowed, stale, throttled. */
export const AUDITED_REFUSALS = new Set([401, 403, 409, 429]);

/** "/coes/12/sections/lesson-3.data" → "/coes/:id/sections/lesson-3": what was attempted, without ids, secrets or React Router's suffixes. */
export function describePath(pathname: string): string {
  const path = redactSecrets(pathname).replace(/\/_\.data$|\.data$/, "") || "/";
  return path.replace(/\/\d+(?=\/|$)/g, "/:id");
}

export function coeIdInPath(pathname: string): number | undefined {
  const match = /^\/coes\/(\d{1,15})(?:[/.]|$)/.exec(pathname);
  return match ? Number(match[1]) : undefined;
}

/** Writes the audit event of a refused request: who (from its session, if any), from where, what, and the status. */
export async function auditRefusal(request: Request, refusal: { clientAddress: string; status: number; detail?: Record<string, unknown> }) {
  const url = new URL(request.url);
  const user = await getUser(request);
  await recordRefusal(db(), {
    actorId: user?.id ?? null,
    clientAddress: refusal.clientAddress,
    action: `${request.method} ${describePath(url.pathname)}`,
    status: refusal.status,
    coeId: coeIdInPath(url.pathname),
    detail: refusal.detail,
  });
}

/**
 * Root middleware: every response of the app that refuses (401, 403, 409, 429), for a page, a
 * data request or a resource route, becomes an audit event; routes need not remember to.
 */
export const auditRefusals: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const response = await next();
  if (!AUDITED_REFUSALS.has(response.status)) return response;
  const info = context.get(requestInfoContext);
  const detail = Object.keys(info.auditDetail).length ? info.auditDetail : undefined;
  await auditRefusal(request, { clientAddress: info.clientAddress, status: response.status, detail });
  return response;
};
