import { z } from "zod";
import { HORIZONS } from "../enums";
import { calendarDateProblem } from "../calendar-date";
import { formInteger } from "../form-number";
import { formatLimit, LIMITS } from "../limits";
import { WHY_EVIDENCE_MAX, WHY_TEXT_MAX } from "./operations";

const id = formInteger("Missing node", { min: 1 });
const position = formInteger("A position is a whole number from 0");
const blankToNull = (v: unknown) => (v === "" || v === undefined || v === null ? null : v);
const whyText = z
  .string({ error: "Say why — the text is required" })
  .trim()
  .min(1, "Say why — the text is required")
  .max(WHY_TEXT_MAX, `Keep a why to at most ${formatLimit(WHY_TEXT_MAX)} characters; put detail in the evidence`);
const evidence = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : (v ?? null)),
  z
    .string()
    .trim()
    .max(WHY_EVIDENCE_MAX, `Evidence must be at most ${formatLimit(WHY_EVIDENCE_MAX)} characters`)
    .nullable(),
);

export const AddWhyFormSchema = z.object({
  parentId: z.preprocess(blankToNull, id.nullable()),
  text: whyText,
  evidence,
  position: z.preprocess((v) => (v === "" || v == null ? undefined : v), position.optional()),
});
export const AddSiblingWhyFormSchema = z.object({ siblingId: id, text: whyText, evidence });
export const EditWhyFormSchema = z.object({ id, text: whyText, evidence });
export const RootCauseFormSchema = z.object({ id, isRootCause: z.enum(["true", "false"]).transform((v) => v === "true") });
/** A root cause's category from the taxonomy; blank clears it. */
export const WhyCategoryFormSchema = z.object({
  id,
  categoryId: z.preprocess(blankToNull, formInteger("Choose a category from the list", { min: 1 }).nullable()),
});
export const DeleteWhyFormSchema = z.object({ id });
export const UndoDeleteWhyFormSchema = z.object({ trashId: id });
export const RestructureWhyFormSchema = z.discriminatedUnion("how", [
  z.object({ id, how: z.literal("move"), parentId: id, position: position.default(0) }),
  z.object({ id, how: z.enum(["up", "down", "indent", "outdent"]) }),
]);
export const LessonFromWhyFormSchema = z.object({
  whyId: id,
  text: z
    .string({ error: "Write the lesson" })
    .trim()
    .min(1, "Write the lesson")
    .max(LIMITS.plainParagraphs, `At most ${formatLimit(LIMITS.plainParagraphs)} characters`),
});
export const ActionItemFromWhyFormSchema = z.object({
  whyId: id,
  title: z
    .string({ error: "Title is required" })
    .trim()
    .min(1, "Title is required")
    .max(LIMITS.actionItemTitle, `Title must be at most ${LIMITS.actionItemTitle} characters`),
  horizon: z.enum(HORIZONS, { error: "Choose short, mid or long term" }),
  // Who will do it and by when, asked in the same step (both optional, as in the action-item form).
  ownerId: z.preprocess(blankToNull, formInteger("Choose someone from the list", { min: 1 }).nullable()),
  promisedDate: z.preprocess(
    blankToNull,
    z
      .string()
      .superRefine((s, ctx) => {
        const problem = calendarDateProblem(s);
        if (problem) ctx.addIssue({ code: "custom", message: problem === "format" ? "Use a date like 2026-12-31" : "Not a real calendar date" });
      })
      .nullable(),
  ),
});
