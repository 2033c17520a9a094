import { data, redirect } from "react-router";
import type { z } from "zod";
import { forbidden } from "~/auth/guards.server";
import { requireUser } from "~/auth/session.server";
import { attemptWrite } from "~/data/write-errors.server";
import { canAdminister } from "~/domain/coe/permissions";
import { fieldErrors, type FieldErrors } from "~/domain/coe/forms";
import type { AdminFormResult } from "~/domain/taxonomy/forms";
import { requireFormValues } from "./form-body.server";

/** An admin page's loader and action begin here: anyone else gets a 403 (and nothing is changed). */
export async function requireAdmin(request: Request, reason: string) {
  const user = await requireUser(request);
  if (!canAdminister(user)) forbidden(reason);
  return user;
}

/** What an admin list page is: who may use it (`reason` is what anyone else is told) and where a post returns to. */
export type AdminPage = { reason: string; back: string };

/** An admin list page's loader: the role check, then the rows `read` returns and which intent the last post saved (`?saved=`). */
export async function loadAdminPage<T extends object>({ request, url }: { request: Request; url: URL }, page: AdminPage, read: () => Promise<T>) {
  await requireAdmin(request, page.reason);
  return { ...(await read()), saved: url.searchParams.get("saved") };
}

/** One write per intent of a page's schema, each given the form of its own intent. */
export type IntentWrites<F extends { intent: string }> = {
  [I in F["intent"]]: (form: Extract<F, { intent: I }>, who: { actorId: number }) => Promise<unknown>;
};

/**
 * An admin page's action: checks the role, parses the posted form with `schema` and applies the
 * write its intent names. Bad input or a refusal (a taken name, a retired target) answers 400
 * with field errors and nothing written; a row that is gone is a 404; success redirects back
 * (post/redirect/get).
 */
export async function runAdminForm<F extends { intent: string }>(
  request: Request,
  { schema, reason, back }: AdminPage & { schema: z.ZodType<F> },
  writes: IntentWrites<F>,
) {
  const user = await requireAdmin(request, reason);
  const values = await requireFormValues(request);
  const refused = (errors: FieldErrors) => data<AdminFormResult>({ intent: values.intent ?? "", id: values.id ?? "", values, errors }, { status: 400 });
  const parsed = schema.safeParse(values);
  if (!parsed.success) return refused(fieldErrors(parsed.error));
  const form = parsed.data;
  // The mapped type pairs each intent with its form; TypeScript cannot follow that through an index.
  const write = writes[form.intent as F["intent"]] as (form: F, who: { actorId: number }) => Promise<unknown>;
  const attempt = await attemptWrite(() => write(form, { actorId: user.id }));
  if (attempt.ok) throw redirect(`${back}?saved=${encodeURIComponent(values.intent ?? "")}`);
  if (attempt.status === 404) throw data({ reason: attempt.message }, { status: 404 });
  if (attempt.status === 400) return refused(attempt.errors);
  throw new Error("An admin form met a stale COE write");
}
