import { COMMENT_ANCHORS } from "../enums";
import { PAGE_SECTIONS, type PageSectionId } from "../coe/page-sections";

/** The parts of a COE that have rows of their own, and so ids a comment can point at. */
export const PART_ANCHOR_TYPES = ["why_node", "action_item", "timeline_entry", "lesson"] as const;
export type PartAnchorType = (typeof PART_ANCHOR_TYPES)[number];

/** A stretch of a section, found again later by its words and the words around them (see `locateQuote`). */
export type SectionAnchor = { type: "section"; section: PageSectionId; quote?: string; prefix?: string; suffix?: string };

/**
 * A comment on one part. `label` is the part's text when the comment was made, so a comment on a
 * part that was later deleted can still say what it was about; `id` is null once the part is gone.
 */
export type PartAnchor = { type: PartAnchorType; id: number | null; label: string };

/** What a comment is about: the whole COE, a section (optionally a quoted stretch of it), or one part. */
export type CommentAnchor = { type: "coe" } | SectionAnchor | PartAnchor;

/** An anchor as a form sends it: a part is named by id only; the server adds the label (`labelAnchor`). */
export type AnchorInput = { type: "coe" } | SectionAnchor | { type: PartAnchorType; id: number };

/** The current COE's parts by id; undefined when the COE has no such part (any more). */
export type PartLookups = {
  whyText(id: number): string | undefined;
  actionItemTitle(id: number): string | undefined;
  timelineText(id: number): string | undefined;
  lessonText(id: number): string | undefined;
};

/** The longest quote a section anchor keeps, after trimming. */
export const QUOTE_MAX = 500;
/** The longest prefix or suffix kept around a quote: enough to tell repeated words apart. */
export const QUOTE_CONTEXT_MAX = 100;
/** Labels in a description are cut to about this many characters. */
export const LABEL_MAX = 80;

const PART_NAMES: Record<PartAnchorType, string> = {
  why_node: "why",
  action_item: "action item",
  timeline_entry: "timeline entry",
  lesson: "lesson",
};

const HREF_PREFIXES: Record<PartAnchorType, string> = {
  why_node: "why",
  action_item: "action-item",
  timeline_entry: "timeline",
  lesson: "lesson",
};

const SECTION_IDS: readonly string[] = PAGE_SECTIONS.map((s) => s.id);
const ANCHOR_TYPES: readonly string[] = COMMENT_ANCHORS;
const ID_DIGITS = /^\d{1,15}$/;

const isPartType = (type: string): type is PartAnchorType => (PART_ANCHOR_TYPES as readonly string[]).includes(type);
const isSectionId = (id: string): id is PageSectionId => SECTION_IDS.includes(id);
/** A form field with nothing in it counts as absent: hidden inputs are often sent empty. */
const given = (v: string | undefined): v is string => v !== undefined && v.trim() !== "";

/** Runs of whitespace (newlines included) become one space, and the ends are trimmed. */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export type AnchorParse = { ok: true; anchor: AnchorInput } | { ok: false; errors: Record<string, string> };

/**
 * The anchor fields of a comment form: `anchorType`, then `anchorId` (parts), `anchorSection`
 * (sections) and `quote`, `quotePrefix`, `quoteSuffix` (sections only). A field that does not
 * belong to the chosen type is refused rather than ignored: it means the page and the server
 * disagree about what is being commented on. Every problem is reported, each under its field.
 */
export function parseAnchorInput(form: Record<string, string | undefined>): AnchorParse {
  const errors: Record<string, string> = {};
  const type = form.anchorType?.trim() ?? "";
  if (!ANCHOR_TYPES.includes(type)) {
    errors.anchorType = type === "" ? "Choose what the comment is about." : `Unknown anchor type "${type}"; expected one of ${COMMENT_ANCHORS.join(", ")}.`;
    return { ok: false, errors };
  }

  let id: number | undefined;
  if (isPartType(type)) {
    const raw = form.anchorId?.trim() ?? "";
    if (raw === "") errors.anchorId = `Say which ${PART_NAMES[type]} the comment is about.`;
    else if (!ID_DIGITS.test(raw) || Number(raw) < 1) errors.anchorId = `The ${PART_NAMES[type]} id must be a whole number from 1.`;
    else id = Number(raw);
  } else if (given(form.anchorId)) errors.anchorId = "Only a comment on a why, action item, timeline entry or lesson has an id.";

  let section: PageSectionId | undefined;
  if (type === "section") {
    const raw = form.anchorSection?.trim() ?? "";
    if (raw === "") errors.anchorSection = "Say which section the comment is about.";
    else if (!isSectionId(raw)) errors.anchorSection = `Unknown section "${raw}".`;
    else section = raw;
  } else if (given(form.anchorSection)) errors.anchorSection = "Only a comment on a section names a section.";

  const quote = form.quote?.trim() ?? "";
  const context = { quotePrefix: form.quotePrefix ?? "", quoteSuffix: form.quoteSuffix ?? "" };
  if (type !== "section") {
    if (quote !== "") errors.quote = "Only a comment on a section can quote it.";
    for (const [field, value] of Object.entries(context)) if (value !== "") errors[field] = "Only a comment on a section can quote it.";
  } else {
    if (quote.length > QUOTE_MAX) errors.quote = `The quote is ${quote.length} characters; the limit is ${QUOTE_MAX}.`;
    for (const [field, value] of Object.entries(context)) {
      if (value !== "" && quote === "") errors[field] = "Quote context needs a quote.";
      else if (value.length > QUOTE_CONTEXT_MAX) errors[field] = `At most ${QUOTE_CONTEXT_MAX} characters around the quote.`;
    }
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (type === "coe") return { ok: true, anchor: { type: "coe" } };
  if (type === "section") {
    const anchor: SectionAnchor = { type: "section", section: section! };
    if (quote !== "") {
      anchor.quote = quote;
      if (context.quotePrefix !== "") anchor.prefix = context.quotePrefix;
      if (context.quoteSuffix !== "") anchor.suffix = context.quoteSuffix;
    }
    return { ok: true, anchor };
  }
  return { ok: true, anchor: { type: type as PartAnchorType, id: id! } };
}

/** The current text of a part, by the lookup for its type. */
export function currentPartText(type: PartAnchorType, id: number, current: PartLookups): string | undefined {
  switch (type) {
    case "why_node":
      return current.whyText(id);
    case "action_item":
      return current.actionItemTitle(id);
    case "timeline_entry":
      return current.timelineText(id);
    case "lesson":
      return current.lessonText(id);
  }
}

/**
 * A parsed anchor made whole: a part gets its current text as the label. A part the COE does not
 * have is an error on `anchorId` (a stale page, or an id from another COE), so nothing is stored
 * that points at nothing from the start.
 */
export function labelAnchor(input: AnchorInput, current: PartLookups): { ok: true; anchor: CommentAnchor } | { ok: false; errors: Record<string, string> } {
  if (input.type === "coe" || input.type === "section") return { ok: true, anchor: input };
  const text = currentPartText(input.type, input.id, current);
  if (text === undefined) return { ok: false, errors: { anchorId: `This COE has no such ${PART_NAMES[input.type]} (it may have just been deleted).` } };
  return { ok: true, anchor: { type: input.type, id: input.id, label: collapseSpaces(text) } };
}

/** Cuts `text` to about `max` characters at a word boundary when there is one nearby, with an ellipsis. Counts code points, so no emoji is cut in half. */
export function truncateLabel(text: string, max = LABEL_MAX): string {
  const flat = collapseSpaces(text);
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  const head = space >= Math.floor(cut.length * 0.6) ? cut.slice(0, space) : cut;
  return head.trimEnd() + "…";
}

export type AnchorDescription = { text: string; deleted: boolean; href: string | null };

const defaultSectionLabel = (section: PageSectionId): string => PAGE_SECTIONS.find((s) => s.id === section)?.label ?? section;

/**
 * How a comment says what it is about, and where the page link jumps. A live part is named by its
 * current text (it may have been reworded since); a deleted one by the label kept when the comment
 * was made, with no link.
 */
export function describeAnchor(
  anchor: CommentAnchor,
  current: PartLookups,
  sectionLabel: (section: PageSectionId) => string = defaultSectionLabel,
): AnchorDescription {
  if (anchor.type === "coe") return { text: "on the whole COE", deleted: false, href: null };
  if (anchor.type === "section") {
    const name = sectionLabel(anchor.section);
    const quote = anchor.quote ? truncateLabel(anchor.quote) : "";
    return { text: quote ? `on ${name}: “${quote}”` : `on ${name}`, deleted: false, href: `#${anchor.section}` };
  }
  const name = PART_NAMES[anchor.type];
  const live = anchor.id === null ? undefined : currentPartText(anchor.type, anchor.id, current);
  if (live === undefined) {
    const label = truncateLabel(anchor.label);
    return { text: label ? `on a deleted ${name}: ${label}` : `on a deleted ${name}`, deleted: true, href: null };
  }
  const label = truncateLabel(live);
  return { text: label ? `on ${name}: ${label}` : `on ${name}`, deleted: false, href: `#${HREF_PREFIXES[anchor.type]}-${anchor.id}` };
}

/** The key comment counts are grouped by: "coe", "section:impact-summary", "why_node:12"; parts that are gone share "why_node:deleted". */
export function anchorKey(anchor: CommentAnchor): string {
  if (anchor.type === "coe") return "coe";
  if (anchor.type === "section") return `section:${anchor.section}`;
  return `${anchor.type}:${anchor.id ?? "deleted"}`;
}

/** Text with whitespace runs collapsed to one space, and where each kept character was in the original. */
function collapsedWithMap(text: string): { text: string; origin: number[] } {
  let out = "";
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i])) {
      if (i > 0 && /\s/.test(text[i - 1])) continue;
      out += " ";
    } else out += text[i];
    origin.push(i);
  }
  return { text: out, origin };
}

const collapseRuns = (text: string) => text.replace(/\s+/g, " ");

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

export type QuoteLocation = { found: boolean; index: number; length: number };

/**
 * Finds a quoted selection again in a section's current plain text (`docToPlainText`). Text is
 * re-flowed as it is edited, so any run of whitespace matches any other. When the words occur more
 * than once, the occurrence whose neighbouring text agrees best with the stored prefix and suffix
 * wins (the first on a tie). `index` and `length` are in the original text; -1 and 0 when not found.
 */
export function locateQuote(plainText: string, quote: string, prefix?: string, suffix?: string): QuoteLocation {
  const needle = collapseSpaces(quote);
  if (needle === "") return { found: false, index: -1, length: 0 };
  const hay = collapsedWithMap(plainText);
  const before = prefix ? collapseRuns(prefix) : "";
  const after = suffix ? collapseRuns(suffix) : "";
  let best = -1;
  let bestScore = -1;
  for (let at = hay.text.indexOf(needle); at !== -1; at = hay.text.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    const score = commonSuffixLength(hay.text.slice(0, at), before) + commonPrefixLength(hay.text.slice(end), after);
    if (score > bestScore) [best, bestScore] = [at, score];
  }
  if (best === -1) return { found: false, index: -1, length: 0 };
  const index = hay.origin[best];
  return { found: true, index, length: hay.origin[best + needle.length - 1] + 1 - index };
}

/**
 * The words around a selection, stored with its quote so `locateQuote` can tell repeated words
 * apart later; for when the page sends only the quote and its offset (or the server finds it).
 */
export function quoteContext(plainText: string, index: number, length: number, width = 32): { prefix: string; suffix: string } {
  const start = Math.max(0, Math.min(index, plainText.length));
  const end = Math.max(start, Math.min(start + length, plainText.length));
  // A cut between the halves of a surrogate pair would store half an emoji.
  const prefix = plainText.slice(Math.max(0, start - width), start).replace(/^[\uDC00-\uDFFF]/, "");
  const suffix = plainText.slice(end, end + width).replace(/[\uD800-\uDBFF]$/, "");
  return { prefix, suffix };
}
