import type { CoeSection } from "./sections";

/**
 * The narrative fields written as rich text: what each must say (the editor's placeholder), the
 * section whose version locks it, and its column. Fields sharing a lock conflict only when the same
 * field changed (the editor rebases when another field of the section moved the version).
 */
export const RICH_SECTIONS = {
  "impact-summary": {
    label: "Impact summary",
    placeholder: "What did customers experience, for how long, and how many? Tell it from the customer's side, with the key milestones.",
    lock: "impact-summary",
    column: "impactSummary",
  },
  "detection-fast-enough": {
    label: "Did we detect it fast enough?",
    placeholder:
      "When did the first signal appear, and when did we notice? If it was not fast enough, what would have caught it sooner (then add an action item)?",
    lock: "detection",
    column: "detectionFastEnough",
  },
  "detection-metrics": {
    label: "Did our metrics reflect what customers experienced?",
    placeholder: "Did dashboards and alarms show the customer's view, or only our components' health?",
    lock: "detection",
    column: "detectionMetricsReflectedCustomers",
  },
  "detection-similar": {
    label: "Could we detect similar events?",
    placeholder: "Would the same kind of failure elsewhere (another region, service or dependency) be detected today?",
    lock: "detection",
    column: "detectionSimilarEventsDetectable",
  },
  "customer-rca": {
    label: "Customer-facing root cause analysis",
    placeholder: "In terms customers know (not internal components): what happened, why, and what we are changing and by when.",
    lock: "customer-rca",
    column: "customerRca",
  },
} as const satisfies Record<string, { label: string; placeholder: string; lock: CoeSection; column: string }>;

export type RichSection = keyof typeof RICH_SECTIONS;
export type RichColumn = (typeof RICH_SECTIONS)[RichSection]["column"];

export function isRichSection(section: string): section is RichSection {
  return Object.hasOwn(RICH_SECTIONS, section);
}
