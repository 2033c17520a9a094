import { calendarDateRangeProblem, instantRangeProblem } from "../plausible-dates";
import type { CoeDocument } from "./interchange";
import { TIMELINE_KIND_LABELS } from "./labels";

/** A date outside the plausible range, named as a person finds it on the edit page. */
export type ImplausibleDate = { field: string; value: string; problem: string; section: "customer-impact" | "timeline" | "action-items" };

const short = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Every instant and calendar date of a document outside the plausible range (2000-01-01 … now + 10
 * years), in reading order. Such dates were accepted before the range was enforced; a revision
 * keeps them, and a restore puts them back as they were — this names them so the author can fix them.
 */
export function implausibleDates(doc: CoeDocument, now: number): ImplausibleDate[] {
  const found: ImplausibleDate[] = [];
  const instant = (section: ImplausibleDate["section"], field: string, value: string | undefined) => {
    const problem = value === undefined ? undefined : instantRangeProblem(Date.parse(value), now);
    if (value !== undefined && problem) found.push({ field, value, problem, section });
  };
  const day = (field: string, value: string | null | undefined) => {
    const problem = value == null ? undefined : calendarDateRangeProblem(value, now);
    if (value != null && problem) found.push({ field, value, problem, section: "action-items" });
  };
  instant("customer-impact", "Customer impact: impact started", doc.customerImpact.startedAt);
  instant("customer-impact", "Customer impact: impact ended", doc.customerImpact.endedAt);
  for (const e of doc.timeline) instant("timeline", `Timeline entry “${TIMELINE_KIND_LABELS[e.kind]}: ${short(e.text)}”: time`, e.at);
  for (const item of doc.actionItems) {
    day(`Action item “${short(item.title)}”: promised date`, item.promisedDate);
    day(`Action item “${short(item.title)}”: first promised date`, item.originalPromisedDate);
    for (const change of item.dateChanges ?? []) {
      instant("action-items", `Action item “${short(item.title)}”: a date change's time`, change.at);
      day(`Action item “${short(item.title)}”: a date change's old date`, change.from);
      day(`Action item “${short(item.title)}”: a date change's new date`, change.to);
    }
  }
  return found;
}
