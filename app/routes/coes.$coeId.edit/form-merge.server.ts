import type { FormResult } from "~/components/coe/form-result";
import { currentFormValues } from "~/data/coe-form-values.server";
import { db } from "~/data/db.server";
import { FormBaseSchema } from "~/domain/coe/form-base-schema";
import { choiceName, mergeFormValues, settleConflicts, type FormValues } from "~/domain/coe/form-merge";
import { formFieldLabel, isMergedForm } from "~/domain/coe/form-values";
import { EntityIdSchema, fieldErrors } from "~/domain/coe/forms";

type Answer = { status: 400 | 404 | 409; result: Omit<FormResult, "formId"> };

/** What a form posted about its base: the values it started from and the conflicts a previous 409 left it to settle. */
export type PostedMerge = { base: FormValues | undefined; conflicts: string[] };

/**
 * Reads the hidden base of a form and settles each listed conflict by its radio pair. A conflict
 * left unchosen is a 400 naming it (so nothing is dropped silently); the answer lists the
 * conflicts again so the choice is still offered.
 */
export function settlePostedForm(intent: string, values: FormValues): { ok: true; values: FormValues; merge: PostedMerge } | ({ ok: false } & Answer) {
  const parsed = FormBaseSchema.safeParse(values);
  if (!parsed.success)
    return { ok: false, status: 400, result: { values, errors: { form: "This form is out of date; reload the page.", ...fieldErrors(parsed.error) } } };
  const merge = parsed.data;
  if (!merge.base || !merge.conflicts.length) return { ok: true, values, merge };
  const settled = settleConflicts(values, merge.base, merge.conflicts);
  if (!settled.unsettled.length) return { ok: true, values: settled.values, merge };
  const labels = settled.unsettled.map((name) => formFieldLabel(intent, name));
  const errors = Object.fromEntries(settled.unsettled.map((name, i) => [choiceName(name), `Both of you changed ${labels[i]}: keep yours or take theirs`]));
  return {
    ok: false,
    status: 400,
    result: {
      values,
      merge: { takenFromThem: [], conflicts: merge.conflicts },
      errors: { form: `Choose which version to keep for: ${labels.join(", ")}.`, ...errors },
    },
  };
}

/**
 * A stale write of a form with a base: merged field by field with their version as stored now
 * (409), or 404 with the typed values kept when the row it edits was deleted meanwhile. Forms
 * without a base (a new row, a script) answer the plain 409 with what was typed.
 */
export async function answerStaleForm(coeId: number, intent: string, values: FormValues, merge: PostedMerge, currentVersion: number): Promise<Answer> {
  const conflict = { currentVersion };
  if (!merge.base || !isMergedForm(intent)) return { status: 409, result: { values, conflict } };
  const rowId = EntityIdSchema.safeParse(values);
  const theirs = await currentFormValues(db(), coeId, intent, rowId.success ? rowId.data.id : undefined);
  if (!theirs) return { status: 404, result: { values, errors: { form: "That part no longer exists; it may have been deleted." } } };
  const merged = mergeFormValues(merge.base, values, theirs);
  return { status: 409, result: { values: merged.values, conflict, merge: { takenFromThem: merged.takenFromThem, conflicts: Object.keys(merged.conflicts) } } };
}

/** Any other refusal of a form that was settling conflicts keeps offering them (with the choices made so far). */
export function keepOffering(merge: PostedMerge): Pick<FormResult, "merge"> {
  return merge.base && merge.conflicts.length ? { merge: { takenFromThem: [], conflicts: merge.conflicts } } : {};
}
