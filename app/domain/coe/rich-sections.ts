import type { CoeSection } from "./sections";

/** The narrative sections written as rich text, with what each must say (shown as the editor's placeholder). */
export const RICH_SECTIONS = {
  "impact-summary": {
    label: "Impact summary",
    placeholder: "What did customers experience, for how long, and how many? Tell it from the customer's side, with the key milestones.",
  },
  "customer-rca": {
    label: "Customer-facing root cause analysis",
    placeholder: "In terms customers know (not internal components): what happened, why, and what we are changing and by when.",
  },
} as const satisfies Partial<Record<CoeSection, { label: string; placeholder: string }>>;

export type RichSection = keyof typeof RICH_SECTIONS;

export function isRichSection(section: string): section is RichSection {
  return Object.hasOwn(RICH_SECTIONS, section);
}
