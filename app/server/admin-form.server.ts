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

/**
 * An admin page's action: checks the role, parses the posted form with `schema` and applies it.
 * Bad input or a refusal (a taken name, a retired target) answers 400 with field errors and
 * nothing written; a row that is gone is a 404; success redirects back (post/redirect/get).
 */
export async function runAdminForm<S extends z.ZodType>(
  request: Request,
  { schema, reason, back }: { schema: S; reason: string; back: string },
  apply: (form: z.output<S>, who: { actorId: number }) => Promise<unknown>,
) {
  const user = await requireAdmin(request, reason);
  const values = await requireFormValues(request);
  const refused = (errors: FieldErrors) => data<AdminFormResult>({ intent: values.intent ?? "", id: values.id ?? "", values, errors }, { status: 400 });
  const parsed = schema.safeParse(values);
  if (!parsed.success) return refused(fieldErrors(parsed.error));
  const attempt = await attemptWrite(() => apply(parsed.data, { actorId: user.id }));
  if (attempt.ok) throw redirect(`${back}?saved=${encodeURIComponent(values.intent ?? "")}`);
  if (attempt.status === 404) throw data({ reason: attempt.message }, { status: 404 });
  if (attempt.status === 400) return refused(attempt.errors);
  throw new Error("An admin form met a stale COE write");
}
