import { hasText } from "./plain-text-doc";
import type { RichSection } from "./rich-sections";

/** The sections of a COE page, in reading order: their anchor ids (the same on the reading and edit pages) and names. */
export const PAGE_SECTIONS = [
  { id: "header", label: "Header" },
  { id: "impact-summary", label: "Impact summary" },
  { id: "customer-impact", label: "Customer impact" },
  { id: "timeline", label: "Timeline" },
  { id: "five-whys", label: "Five whys" },
  { id: "detection", label: "Detection" },
  { id: "dependencies", label: "Dependencies" },
  { id: "lessons", label: "Lessons learned" },
  { id: "action-items", label: "Action items" },
  { id: "customer-rca", label: "Customer-facing RCA" },
  { id: "closeout", label: "Close-out checklist" },
] as const;
export type PageSectionId = (typeof PAGE_SECTIONS)[number]["id"];

/** What a section's entry in the page's navigation says: nothing written yet, or written; and how many blameless-language notes point into it. */
export type SectionState = { id: PageSectionId; label: string; isWritten: boolean; notes: number };

/** What the states are computed from: the loader data either page already has. Rich text counts as written when it has any text. */
export type SectionFacts = {
  title: string;
  richWritten: Record<RichSection, boolean>;
  impactStartedAt: string | null;
  impactEndedAt: string | null;
  errorRate: string | null;
  affected: string | null;
  regions: readonly string[];
  timelineCount: number;
  hasWhys: boolean;
  dependencyCount: number;
  lessonCount: number;
  actionItemCount: number;
  closeout: readonly boolean[];
  notes: readonly { section: PageSectionId }[];
};

/**
 * Each section's state for the page navigation. "Written" means the section holds something an
 * author put there (any field of a multi-field section, any ticked close-out box): the navigation
 * answers "where have I not been yet?", not "is this ready for review?" (the review checks say that).
 * Conflicts are not here: they live in the browser, in the editors, and the navigation adds them there.
 */
export function sectionStates(f: SectionFacts): SectionState[] {
  const written: Record<PageSectionId, boolean> = {
    header: hasText(f.title),
    "impact-summary": f.richWritten["impact-summary"],
    "customer-impact": hasText(f.impactStartedAt) || hasText(f.impactEndedAt) || hasText(f.errorRate) || hasText(f.affected) || f.regions.length > 0,
    timeline: f.timelineCount > 0,
    "five-whys": f.hasWhys,
    detection: f.richWritten["detection-fast-enough"] || f.richWritten["detection-metrics"] || f.richWritten["detection-similar"],
    dependencies: f.dependencyCount > 0,
    lessons: f.lessonCount > 0,
    "action-items": f.actionItemCount > 0,
    "customer-rca": f.richWritten["customer-rca"],
    closeout: f.closeout.some(Boolean),
  };
  const notes = new Map<PageSectionId, number>();
  for (const n of f.notes) notes.set(n.section, (notes.get(n.section) ?? 0) + 1);
  return PAGE_SECTIONS.map(({ id, label }) => ({ id, label, isWritten: written[id], notes: notes.get(id) ?? 0 }));
}
