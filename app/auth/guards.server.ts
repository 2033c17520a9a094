import { data } from "react-router";
import { z } from "zod";

/** 403 with a reason the error page shows; thrown before anything is written. */
export function forbidden(reason: string): never {
  throw data({ reason }, { status: 403, statusText: "Forbidden" });
}

export function notFound(what: string): never {
  throw data({ reason: `${what} does not exist or was deleted.` }, { status: 404, statusText: "Not Found" });
}

const IdParam = z.coerce.number().int().positive();

/** A positive integer route param, or the 404 page (a malformed id names nothing). */
export function requireIdParam(value: string | undefined, what: string): number {
  const parsed = IdParam.safeParse(value);
  if (!parsed.success) notFound(what);
  return parsed.data;
}
