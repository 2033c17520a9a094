import { lintBlameless, lintDoc, type LintFinding, type LintOptions } from "./blameless-lint";
import type { DocJSON } from "../enums";
import type { PageSectionId } from "./page-sections";

/** `where` names the place for a reader; `section` is the page section it is in (the page navigation counts notes by it). */
export type BlamelessNote = Pick<LintFinding, "kind" | "match" | "message" | "suggestion"> & { where: string; section: PageSectionId };

type Texts = {
  impactSummary: DocJSON | null;
  customerRca: DocJSON | null;
  detection: (DocJSON | null)[];
  timeline: { text: string }[];
  whys: { text: string }[];
  dependencies: { notes: DocJSON | null }[];
  lessons: { doc: DocJSON }[];
  actionItems: { title: string }[];
};

/** Every blameless-language warning in a COE's narrative, with where it is: the list a reviewer sees. */
export function blamelessNotes(texts: Texts, opts: LintOptions): BlamelessNote[] {
  const note =
    (where: string, section: PageSectionId) =>
    (f: LintFinding): BlamelessNote => ({ where, section, kind: f.kind, match: f.match, message: f.message, suggestion: f.suggestion });
  const ofText = (where: string, section: PageSectionId, text: string | null) => (text ? lintBlameless(text, opts).map(note(where, section)) : []);
  const ofDoc = (where: string, section: PageSectionId, doc: DocJSON | null) => (doc ? lintDoc(doc, opts).map(note(where, section)) : []);
  return [
    ...ofDoc("Impact summary", "impact-summary", texts.impactSummary),
    ...texts.timeline.flatMap((e) => ofText("Timeline", "timeline", e.text)),
    ...texts.whys.flatMap((w) => ofText("Five whys", "five-whys", w.text)),
    ...texts.detection.flatMap((d) => ofDoc("Detection", "detection", d)),
    ...texts.dependencies.flatMap((d) => ofDoc("Dependencies", "dependencies", d.notes)),
    ...texts.lessons.flatMap((l) => ofDoc("Lessons", "lessons", l.doc)),
    ...texts.actionItems.flatMap((i) => ofText("Action items", "action-items", i.title)),
    ...ofDoc("Customer-facing RCA", "customer-rca", texts.customerRca),
  ];
}
