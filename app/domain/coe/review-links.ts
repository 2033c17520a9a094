import type { ReviewAnchor } from "./lifecycle";

/** Where an author fixes a part that submit found missing: the edit page at that section, or with that why selected in the tree. */
export function missingPartHref(coeId: number, anchor: ReviewAnchor): string {
  const why = /^why-(\d+)$/.exec(anchor);
  return why ? `/coes/${coeId}/edit?why=${why[1]}#five-whys` : `/coes/${coeId}/edit#${anchor}`;
}
