import { PAGE_SECTIONS } from "../coe/page-sections";

/** One entry of the "Comment on" select: an anchor key and how it reads. */
export type AnchorChoice = { value: string; label: string };

/** The parts of a COE one can comment on, as the page has them. */
export type CommentableParts = {
  whys: readonly { id: number; text: string; isRootCause?: boolean }[];
  timeline: readonly { id: number; text: string }[];
  lessons: readonly { id: number; text: string }[];
  actionItems: readonly { id: number; title: string }[];
};

/**
 * A tree with more whys than this lists only its root causes and the whys in `keep` (those already
 * discussed, the one the reader came from): 500 choices were a third of a big COE page's HTML.
 */
export const MAX_LISTED_WHYS = 60;

const cut = (text: string) => (text.length > 70 ? `${text.slice(0, 69)}…` : text);

/**
 * The choices of the "Comment on" select: the whole COE, each section, then each why (in tree
 * order; see MAX_LISTED_WHYS), timeline entry, lesson and action item. Pure, so a page can build them from the COE it
 * already holds instead of receiving them a second time (500 whys are 500 choices).
 */
export function anchorChoices(parts: CommentableParts, keep: ReadonlySet<string> = new Set()): AnchorChoice[] {
  const whys = parts.whys.length <= MAX_LISTED_WHYS ? parts.whys : parts.whys.filter((w) => w.isRootCause || keep.has(`why_node:${w.id}`));
  return [
    { value: "coe", label: "The whole COE" },
    ...PAGE_SECTIONS.filter((s) => s.id !== "header").map((s) => ({ value: `section:${s.id}`, label: `Section: ${s.label}` })),
    ...whys.map((w) => ({ value: `why_node:${w.id}`, label: `Why: ${cut(w.text)}` })),
    ...parts.timeline.map((t) => ({ value: `timeline_entry:${t.id}`, label: `Timeline: ${cut(t.text)}` })),
    ...parts.lessons.map((l) => ({ value: `lesson:${l.id}`, label: `Lesson: ${cut(l.text)}` })),
    ...parts.actionItems.map((i) => ({ value: `action_item:${i.id}`, label: `Action item: ${cut(i.title)}` })),
  ];
}
