import { getDb } from "../../db/client";
import type { LintOptions } from "../domain/coe/blameless-lint";
import { flattenWhyTree } from "../domain/whys/tree";
import type { CoeView } from "./coe-reading.server";
import { listActiveUsers } from "./users.server";

/** What the blameless lint checks against: the registered people's names, and the COE's team for the suggested rewording. */
export function lintOptionsFor(coe: Pick<CoeView, "teamName">): LintOptions {
  return { people: listActiveUsers(getDb()).map((u) => ({ name: u.name, email: u.email })), teamName: coe.teamName };
}

/** The narrative parts of a COE the lint reads. */
export function narrativeOf(coe: CoeView) {
  return {
    impactSummary: coe.impactSummary,
    customerRca: coe.customerRca,
    detection: [coe.detectionFastEnough, coe.detectionMetricsReflectedCustomers, coe.detectionSimilarEventsDetectable],
    timeline: coe.timeline,
    whys: flattenWhyTree(coe.whyTree),
    dependencies: coe.dependencies,
    lessons: coe.lessons,
    actionItems: coe.actionItems,
  };
}
