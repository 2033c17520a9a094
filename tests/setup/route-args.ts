import { RouterContextProvider } from "react-router";
import { requestInfoContext, type RequestInfo } from "~/server/request-info.server";

/**
 * Arguments for calling a route module's loader/action directly (v8_middleware context), with
 * what the HTTP server would have put in the context (the client's address, say).
 */
export function routeArgs<P extends Record<string, string>>(href: string, params: P, init?: RequestInit, info: Partial<RequestInfo> = {}) {
  const request = new Request(href, init);
  const context = new RouterContextProvider();
  context.set(requestInfoContext, { clientAddress: "203.0.113.7", nonce: "test-nonce", auditDetail: {}, ...info });
  return { request, url: new URL(href), pattern: "", params, context };
}

/** A form POST with the given fields and optional cookie. */
export function postForm(href: string, fields: Record<string, string | number>, cookie?: string) {
  const body = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)]));
  return { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) } };
}

/** What a thrown `data()` / `redirect()` looks like to a direct caller: its status (and location). */
export async function thrownStatus(promise: Promise<unknown>): Promise<{ status: number; location?: string | null; data?: unknown }> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof Response) return { status: e.status, location: e.headers.get("Location") };
    const d = e as { type?: string; init?: { status: number }; data?: unknown };
    if (d?.type === "DataWithResponseInit") return { status: d.init!.status, data: d.data };
    throw e;
  }
  throw new Error("expected the route to throw a response");
}

/** The status of a returned `data()` (actions return 400/409 instead of throwing). */
export function returnedStatus(result: unknown): number {
  const d = result as { type?: string; init?: { status?: number } | null };
  return d?.type === "DataWithResponseInit" ? (d.init?.status ?? 200) : 200;
}

export function returnedData<T>(result: unknown): T {
  const d = result as { type?: string; data?: T };
  return (d?.type === "DataWithResponseInit" ? d.data : result) as T;
}

/** A route's answer, thrown or returned, as its status (an action that refuses throws 403 and 404, and returns 400 and 409). */
export async function answerStatus(answer: Promise<unknown>): Promise<number> {
  try {
    return returnedStatus(await answer);
  } catch (e) {
    if (e instanceof Response) return e.status;
    const d = e as { type?: string; init?: { status: number } };
    if (d?.type === "DataWithResponseInit") return d.init!.status;
    throw e;
  }
}
