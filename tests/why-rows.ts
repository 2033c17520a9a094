import type { WhyRow } from "../app/domain/whys/tree";

/** A why row for pure tests: text `n<id>`, not a root cause, no evidence, unless `fields` says otherwise. */
export const whyRow = (id: number, parentId: number | null, position: number, fields: Partial<Omit<WhyRow, "id" | "parentId" | "position">> = {}): WhyRow => ({
  id,
  parentId,
  position,
  text: `n${id}`,
  isRootCause: false,
  evidence: null,
  ...fields,
});
