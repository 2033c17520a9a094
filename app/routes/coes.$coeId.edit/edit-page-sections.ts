import { sectionStates, type SectionState } from "~/domain/coe/page-sections";
import type { RichSection } from "~/domain/coe/rich-sections";
import type { EditPageData } from "./edit-page-data";

/** What the section navigation says of each part of the page (written or not, and its blameless-language notes). */
export function editPageSections({ coe, narrative, rows, blameless }: Pick<EditPageData, "coe" | "narrative" | "rows" | "blameless">): SectionState[] {
  const written = (field: RichSection) => narrative[field].plainText.trim() !== "";
  return sectionStates({
    ...coe,
    richWritten: {
      "impact-summary": written("impact-summary"),
      "detection-fast-enough": written("detection-fast-enough"),
      "detection-metrics": written("detection-metrics"),
      "detection-similar": written("detection-similar"),
      "customer-rca": written("customer-rca"),
    },
    timelineCount: coe.timeline.length,
    hasWhys: !!coe.whyTree,
    dependencyCount: rows.dependencies.length,
    lessonCount: rows.lessons.length,
    actionItemCount: coe.actionItems.length,
    closeout: [coe.closeoutFixesValidated, coe.closeoutDataPreserved, coe.closeoutFollowupsAssigned],
    notes: blameless,
  });
}
