import type { LintOptions } from "../domain/coe/blameless-lint";
import { blamelessNotes } from "../domain/coe/blameless-notes";
import { incidentMetrics } from "../domain/coe/incident-metrics";
import { describeCoverage, followUpsOf } from "../domain/whys/coverage-view";
import { flattenWhyTree } from "../domain/whys/tree";
import type { CoeView } from "./coe-reading.server";

/** What the blameless lint checks against: the registered people's names, and the COE's team for the suggested rewording. */
export function lintOptionsFor(coe: Pick<CoeView, "teamName">, people: readonly { name: string; email: string }[]): LintOptions {
  return { people: people.map(({ name, email }) => ({ name, email })), teamName: coe.teamName };
}

/** The narrative parts of a COE the lint reads. */
function narrativeOf(coe: CoeView) {
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

/** What the reading and edit pages derive from a COE: its incident metrics, root-cause coverage and blameless-language notes. */
export function coeInsights(coe: CoeView, lint: LintOptions) {
  return {
    metrics: incidentMetrics(coe.timeline, coe.impactStartedAt),
    coverage: describeCoverage(coe.whyTree, followUpsOf(coe)),
    blameless: blamelessNotes(narrativeOf(coe), lint),
  };
}
