import { z } from "zod";
import { formInteger } from "../form-number";
import { formatLimit, LIMITS } from "../limits";

const id = formInteger("Missing id", { min: 1 });
const required = (max: number, label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${formatLimit(max)} characters`);
const optional = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${formatLimit(max)} characters`)
    .default("");

/** Tenets are short principles and categories short labels: a paragraph says what each means. */
export const SHORT_TEXT_MAX = 1000;
const categoryFields = { name: required(LIMITS.category, "The name"), description: optional(SHORT_TEXT_MAX, "The description") };
const tenetFields = { title: required(LIMITS.name, "The title"), body: optional(SHORT_TEXT_MAX, "The text") };
const retire = { retire: z.enum(["true", "false"]).transform((v) => v === "true") };

/** The forms of /admin/categories, one per intent. */
export const CategoryAdminSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), ...categoryFields }),
  z.object({ intent: z.literal("edit"), id, ...categoryFields }),
  z.object({ intent: z.literal("merge"), id, targetId: formInteger("Choose the category to merge into", { min: 1 }) }),
  z.object({ intent: z.literal("retire"), id, ...retire }),
]);

/** The forms of /admin/tenets, one per intent. */
export const TenetAdminSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), ...tenetFields }),
  z.object({ intent: z.literal("edit"), id, ...tenetFields }),
  z.object({ intent: z.literal("move"), id, direction: z.enum(["up", "down"]) }),
  z.object({ intent: z.literal("retire"), id, ...retire }),
]);

/** What a refused admin form answers: which form it was (intent and row), what was typed, and what is wrong with it. */
export type AdminFormResult = { intent: string; id: string; values: Record<string, string>; errors: Record<string, string> };

/** The errors and typed values of one form on the page (a refused post re-shows only the form it came from). */
export function formState(result: AdminFormResult | undefined, intent: string, id: number | "" = "") {
  const mine = result !== undefined && result.intent === intent && result.id === String(id);
  return { values: mine ? result.values : undefined, errors: mine ? result.errors : {} };
}
