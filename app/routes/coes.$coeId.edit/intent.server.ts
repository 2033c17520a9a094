import type { z } from "zod";
import type { FieldErrors } from "~/domain/coe/forms";
import { EntityIdSchema, fieldErrors } from "~/domain/coe/forms";

/** The `id` field of a form about one row (a zod error, answered as 404, when it is missing). */
export const entityId = (values: Record<string, string>) => EntityIdSchema.parse(values).id;

/** What one intent of the edit page's action needs: the submitted fields and the write context. */
export type IntentContext = { values: Record<string, string>; write: { coeId: number; baseVersion: number; actorId: number } };

/**
 * A handled intent: `anchor` is where the page scrolls after a plain form post; `payload` goes to
 * script callers (the tree editor) that need e.g. the new node's id.
 */
export type IntentOutcome = { ok: true; anchor: string; payload?: Record<string, number>; query?: string } | { ok: false; errors: FieldErrors };

export type IntentHandler = (ctx: IntentContext) => IntentOutcome;

/** Parses with `schema`, then runs `run` on the result; a parse failure answers with field errors and writes nothing. */
export function withForm<S extends z.ZodType>(schema: S, run: (form: z.output<S>, ctx: IntentContext) => IntentOutcome): IntentHandler {
  return (ctx) => {
    const parsed = schema.safeParse(ctx.values);
    return parsed.success ? run(parsed.data, ctx) : { ok: false, errors: fieldErrors(parsed.error) };
  };
}
