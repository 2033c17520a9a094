import { z } from "zod";
import { FIELD_NAME, MAX_BASE_CHARS, MAX_FIELDS, parseBase } from "./form-merge";

// Apart from form-merge.ts, which the browser loads (the conflict choices), so that zod stays on the server for it.

/**
 * The hidden `formBase` (JSON of the values the form started from) and `formConflicts` (the
 * comma-separated fields a previous 409 left for the author to settle). Both are bounded and
 * name fields by the fields' own pattern; an empty field may be left out of the base. Absent `formBase` means a form that creates a row (or a
 * script), which has nothing to merge.
 */
export const FormBaseSchema = z
  .looseObject({
    formBase: z.string().max(MAX_BASE_CHARS, "The form's base is too large; reload the page").optional(),
    formConflicts: z.string().max(10_000, "Too many conflicts; reload the page").optional(),
  })
  .transform((v, ctx) => {
    if (v.formBase === undefined) {
      if (v.formConflicts) ctx.addIssue({ code: "custom", path: ["formConflicts"], message: "Conflicts without a base; reload the page" });
      return { base: undefined, conflicts: [] as string[] };
    }
    const base = parseBase(v.formBase);
    if (!base) {
      ctx.addIssue({ code: "custom", path: ["formBase"], message: "This form's base is malformed; reload the page" });
      return z.NEVER;
    }
    const conflicts = (v.formConflicts ?? "").split(",").filter(Boolean);
    if (conflicts.length > MAX_FIELDS || !conflicts.every((name) => FIELD_NAME.test(name))) {
      ctx.addIssue({ code: "custom", path: ["formConflicts"], message: "This form's conflicts do not match its base; reload the page" });
      return z.NEVER;
    }
    return { base, conflicts: [...new Set(conflicts)] };
  });
