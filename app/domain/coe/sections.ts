/**
 * The parts of a COE that are edited independently. Each has its own version, so two people
 * working on different sections never conflict; a write conflicts only with changes to its own section.
 */
export const COE_SECTIONS = [
  "header",
  "impact-summary",
  "customer-impact",
  "timeline",
  "whys",
  "detection",
  "dependencies",
  "lessons",
  "action-items",
  "customer-rca",
  "closeout",
] as const;
export type CoeSection = (typeof COE_SECTIONS)[number];
export type SectionVersions = Partial<Record<CoeSection, number>>;

/** What carries a version of its own: each section, and the COE's place in the review lifecycle. */
export type VersionedPart = CoeSection | "status";

/** A section's version; 0 until its first change. */
export function sectionVersion(versions: SectionVersions | null | undefined, section: CoeSection): number {
  return versions?.[section] ?? 0;
}
