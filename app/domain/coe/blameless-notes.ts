import { lintBlameless, lintDoc, type LintFinding, type LintOptions } from "./blameless-lint";
import type { DocJSON } from "../enums";

export type BlamelessNote = Pick<LintFinding, "kind" | "match" | "message" | "suggestion"> & { where: string };

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
  const note = (where: string) => (f: LintFinding): BlamelessNote => ({ where, kind: f.kind, match: f.match, message: f.message, suggestion: f.suggestion });
  const ofText = (where: string, text: string | null) => (text ? lintBlameless(text, opts).map(note(where)) : []);
  const ofDoc = (where: string, doc: DocJSON | null) => (doc ? lintDoc(doc, opts).map(note(where)) : []);
  return [
    ...ofDoc("Impact summary", texts.impactSummary),
    ...texts.timeline.flatMap((e) => ofText("Timeline", e.text)),
    ...texts.whys.flatMap((w) => ofText("Five whys", w.text)),
    ...texts.detection.flatMap((d) => ofDoc("Detection", d)),
    ...texts.dependencies.flatMap((d) => ofDoc("Dependencies", d.notes)),
    ...texts.lessons.flatMap((l) => ofDoc("Lessons", l.doc)),
    ...texts.actionItems.flatMap((i) => ofText("Action items", i.title)),
    ...ofDoc("Customer-facing RCA", texts.customerRca),
  ];
}

