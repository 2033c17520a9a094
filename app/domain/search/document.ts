import type { CoeExport, WhyNode } from "../coe/interchange";
import { docToPlainText } from "../coe/plain-text-doc";
import type { DocJSON } from "../enums";
import type { PageSectionId } from "../coe/page-sections";
import { SECTION_BREAK, tokenize } from "./tokens";

/** One section's words as a reader sees them (for snippets) — the index holds their tokens. */
export type SearchSection = { section: PageSectionId; text: string };

const rich = (doc: DocJSON | undefined) => (doc ? docToPlainText(doc) : "");
const lines = (parts: (string | undefined | null)[]) => parts.filter((p): p is string => !!p && p.trim() !== "").join("\n");

function whyLines(node: WhyNode | null): string[] {
  if (!node) return [];
  return [node.text, node.evidence ?? "", ...node.children.flatMap(whyLines)];
}

/**
 * The searchable text of a COE, section by section in page order, from its export (the same
 * document the revision snapshot holds). Sections without words are left out. Catalogue names
 * (team, services, tags) are filters, not text.
 */
export function searchSections(doc: CoeExport): SearchSection[] {
  const impact = doc.customerImpact;
  const all: SearchSection[] = [
    { section: "header", text: doc.title },
    { section: "impact-summary", text: rich(doc.impactSummary) },
    { section: "customer-impact", text: lines([impact.affected, impact.errorRate, impact.regions.join(", ")]) },
    { section: "timeline", text: lines(doc.timeline.map((e) => e.text)) },
    { section: "five-whys", text: lines(whyLines(doc.whys)) },
    {
      section: "detection",
      text: lines([rich(doc.detection.fastEnough), rich(doc.detection.metricsReflectedCustomers), rich(doc.detection.similarEventsDetectable)]),
    },
    { section: "dependencies", text: lines(doc.dependencies.flatMap((d) => [d.name, rich(d.notes)])) },
    { section: "lessons", text: lines(doc.lessons.map((l) => rich(l.text))) },
    { section: "action-items", text: lines(doc.actionItems.flatMap((a) => [a.title, a.validationNote, a.cancelReason])) },
    { section: "customer-rca", text: rich(doc.customerRca) },
  ];
  return all.filter((s) => tokenize(s.text).length > 0);
}

/** The texts a COE's distinctive words come from (see keywords.ts): its five whys with their evidence, and its lessons. */
export function keywordTexts(doc: CoeExport): string[] {
  return [...whyLines(doc.whys), ...doc.lessons.map((l) => rich(l.text))];
}

/** What the full-text index holds for a COE: every section's tokens, a section break between sections. */
export function indexedText(sections: readonly SearchSection[]): string {
  return sections.map((s) => tokenize(s.text).join(" ")).join(` ${SECTION_BREAK} `);
}

/** The sections of indexedText, named in the same order (stored beside it, not indexed). */
export function indexedSectionNames(sections: readonly SearchSection[]): string {
  return sections.map((s) => s.section).join(" ");
}

/** Each section's tokens back from what the index holds (the inverse of indexedText with indexedSectionNames). */
export function sectionsOfIndexed(body: string, names: string): { section: PageSectionId; tokens: string }[] {
  const tokens = body.split(` ${SECTION_BREAK} `);
  return names.split(" ").map((section, i) => ({ section: section as PageSectionId, tokens: tokens[i] ?? "" }));
}
