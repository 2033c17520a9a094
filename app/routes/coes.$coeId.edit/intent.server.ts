import type { z } from "zod";
import { FieldError } from "~/data/write-errors.server";
import type { FieldErrors } from "~/domain/coe/forms";
import { EntityIdSchema, fieldErrors } from "~/domain/coe/forms";

/** The `id` field of a form about one row; missing or not an id is a 400 naming it (a well-formed id of a row that is gone is the data layer's 404). */
export function entityId(values: Record<string, string>): number {
  const parsed = EntityIdSchema.safeParse(values);
  if (!parsed.success) throw new FieldError("id", "This form does not say which row it is about; reload the page", true);
  return parsed.data.id;
}

/** What one intent of the edit page's action needs: the submitted fields and the write context. */
export type IntentContext = { values: Record<string, string>; write: { coeId: number; baseVersion: number; actorId: number } };

/**
 * A handled intent: `anchor` is where the page scrolls after a plain form post; `payload` goes to
 * script callers (the tree editor) that need e.g. the new node's id.
 */
export type IntentOutcome = { ok: true; anchor: string; payload?: Record<string, number>; query?: string } | { ok: false; errors: FieldErrors };

export type IntentHandler = (ctx: IntentContext) => Promise<IntentOutcome>;

/** Parses with `schema`, then runs `run` on the result; a parse failure answers with field errors and writes nothing. */
export function withForm<S extends z.ZodType>(schema: S, run: (form: z.output<S>, ctx: IntentContext) => Promise<IntentOutcome>): IntentHandler {
  return async (ctx) => {
    const parsed = schema.safeParse(ctx.values);
    return parsed.success ? run(parsed.data, ctx) : { ok: false, errors: fieldErrors(parsed.error) };
  };
}
