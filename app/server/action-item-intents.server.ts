import { data } from "react-router";
import { z } from "zod";
import { changeItemDate, changeItemStatus, ItemForbiddenError, reassignItem, StaleItemError } from "~/data/action-item-writes.server";
import { db } from "~/data/db.server";
import { writeFailure } from "~/data/write-errors.server";
import { calendarDate } from "~/domain/coe/forms";
import type { Actor } from "~/domain/coe/permissions";
import { ACTION_STATUSES } from "~/domain/enums";
import { LIMITS } from "~/domain/limits";

/** What an item's progress form gets back: its own id, a message, errors by field, and the item's current version after a 409. */
export type ItemResult = { formId: string; ok?: true; message?: string; errors?: Record<string, string>; currentVersion?: number };

export const ITEM_INTENTS = ["item-status", "item-date", "item-owner"] as const;
export const isItemIntent = (intent: string | undefined): boolean => (ITEM_INTENTS as readonly string[]).includes(intent ?? "");

const blankIsNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const Target = z.object({ itemId: z.coerce.number().int().positive(), itemVersion: z.coerce.number().int().min(1) });
const text = (max: number, what: string) =>
  z.preprocess(
    blankIsNull,
    z
      .string()
      .trim()
      .max(max, `Keep the ${what} under ${max.toLocaleString("en")} characters`)
      .nullable()
      .default(null),
  );
const Forms = {
  "item-status": z.object({ status: z.enum(ACTION_STATUSES, { error: "Choose a status" }), note: text(LIMITS.validationNote, "note") }),
  "item-date": z.object({ promisedDate: z.preprocess(blankIsNull, calendarDate.nullable()), dateChangeReason: text(LIMITS.dateChangeReason, "reason") }),
  "item-owner": z.object({ ownerId: z.preprocess(blankIsNull, z.coerce.number().int().positive().nullable()) }),
};

const DONE = {
  "item-status": "Status saved.",
  "item-date": "Promised date saved; the change is logged.",
  "item-owner": "Owner changed; they are notified.",
} as const;

const fieldErrors = (error: z.ZodError) => Object.fromEntries(error.issues.map((i) => [String(i.path[0] ?? "form"), i.message]));

/**
 * An action item's own forms (status, promised date, owner), posted from the COE page or My
 * action items: each changes one item at the version the page showed, with the rights of the
 * actor on it (checked by the data layer, inside the write).
 */
export async function itemAction(values: Record<string, string>, actor: Actor, coeId: number) {
  const intent = values.intent as (typeof ITEM_INTENTS)[number];
  const formId = values.formId || intent;
  const answer = (status: number, result: Omit<ItemResult, "formId">) => data<ItemResult>({ formId, ...result }, { status });
  const target = Target.safeParse(values);
  if (!target.success) return answer(400, { errors: { form: "This form is out of date; reload the page." } });
  const write = { coeId, itemId: target.data.itemId, baseVersion: target.data.itemVersion, actor, now: new Date() };
  try {
    if (intent === "item-status") {
      const form = Forms[intent].safeParse(values);
      if (!form.success) return answer(400, { errors: fieldErrors(form.error) });
      await changeItemStatus(db(), write, form.data.status, form.data.note);
    } else if (intent === "item-date") {
      const form = Forms[intent].safeParse(values);
      if (!form.success) return answer(400, { errors: fieldErrors(form.error) });
      await changeItemDate(db(), write, form.data.promisedDate, form.data.dateChangeReason);
    } else {
      const form = Forms[intent].safeParse(values);
      if (!form.success) return answer(400, { errors: fieldErrors(form.error) });
      await reassignItem(db(), write, form.data.ownerId);
    }
    return answer(200, { ok: true, message: DONE[intent] });
  } catch (e) {
    const refusal = itemRefusal(e);
    if (!refusal) throw e;
    return answer(refusal.status, refusal);
  }
}

export type ItemRefusal = { status: 400 | 403 | 404 | 409; errors: Record<string, string>; currentVersion?: number };

/** Why an item write was refused, in words for the page (undefined when the error is not a refusal, which is thrown on). */
export function itemRefusal(e: unknown): ItemRefusal | undefined {
  if (e instanceof ItemForbiddenError) return { status: 403, errors: { form: e.message } };
  if (e instanceof StaleItemError)
    return {
      status: 409,
      currentVersion: e.currentVersion,
      errors: { form: "Someone changed this item since the page was loaded; it now shows their change. What you entered is kept: check it and save again." },
    };
  const failure = writeFailure(e);
  if (!failure) return undefined;
  if (failure.status === 400) return { status: 400, errors: failure.errors };
  if (failure.status === 404) return { status: 404, errors: { form: failure.message } };
  return { status: 409, errors: { form: "Something changed meanwhile; reload the page." } };
}
