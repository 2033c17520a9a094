import type { Db } from "../../db/client";
import type { FormValues } from "../domain/coe/form-merge";
import {
  actionItemFormValues,
  closeoutFormValues,
  customerImpactFormValues,
  dependencyFormValues,
  headerFormValues,
  lessonLinksFormValues,
  timelineFormValues,
  whyFormValues,
  type MergedForm,
} from "../domain/coe/form-values";
import { flattenWhyTree } from "../domain/whys/tree";
import { getCoe, type CoeView } from "./coe-reading.server";

const byId = <T extends { id: number }>(rows: readonly T[], id: number | undefined) => (id === undefined ? undefined : rows.find((r) => r.id === id));

/** Each merged form's values from the COE as stored: the same functions the page's forms start from. */
const CURRENT: Record<MergedForm, (coe: CoeView, id: number | undefined) => FormValues | undefined> = {
  header: (coe) => headerFormValues(coe),
  "customer-impact": (coe) => customerImpactFormValues(coe),
  closeout: (coe) => closeoutFormValues(coe),
  "edit-action-item": (coe, id) => {
    const item = byId(coe.actionItems, id);
    return item && actionItemFormValues(item);
  },
  "edit-dependency": (coe, id) => {
    const dependency = byId(coe.dependencies, id);
    return dependency && dependencyFormValues(dependency);
  },
  "edit-timeline": (coe, id) => {
    const entry = byId(coe.timeline, id);
    return entry && timelineFormValues(entry);
  },
  "lesson-links": (coe, id) => {
    const lesson = byId(coe.lessons, id);
    return lesson && lessonLinksFormValues(lesson.whyNodeIds, flattenWhyTree(coe.whyTree).map((n) => n.id));
  },
  "edit-why": (coe, id) => {
    const node = byId(flattenWhyTree(coe.whyTree), id);
    return node && whyFormValues(node);
  },
};

/** "Their" version of one form: what it would show if loaded now; undefined when its row (or the COE) is gone. */
export async function currentFormValues(db: Db, coeId: number, form: MergedForm, rowId: number | undefined): Promise<FormValues | undefined> {
  const coe = await getCoe(db, coeId);
  return coe && CURRENT[form](coe, rowId);
}
