import { z } from "zod";
import { formInteger } from "../form-number";
import { RESTORABLE_SECTIONS, type RestorableSection } from "./revision-diff";

const Version = formInteger("Missing base version");

/**
 * The history page's restore form: the revision to restore and, per restorable section, the
 * version the page showed (fields `base-<section>`), so a restore over someone's newer change is
 * refused as stale instead of silently undoing it.
 */
export const RestoreFormSchema = z
  .object({
    intent: z.literal("restore", { error: "Unknown intent" }),
    revisionId: formInteger("Choose a version", { min: 1 }),
    ...(Object.fromEntries(RESTORABLE_SECTIONS.map((s) => [`base-${s}`, Version])) as Record<`base-${RestorableSection}`, typeof Version>),
  })
  .transform((v) => ({
    revisionId: v.revisionId,
    baseVersions: Object.fromEntries(RESTORABLE_SECTIONS.map((s) => [s, v[`base-${s}`]])) as Record<RestorableSection, number>,
  }));
export type RestoreForm = z.output<typeof RestoreFormSchema>;
