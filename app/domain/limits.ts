/**
 * The one set of text and list limits. The edit forms, the tree editor, the interchange format,
 * its JSON Schema and the character counters all read these, so anything that can be imported can
 * be saved again from its form, and a counter never promises more than the server accepts.
 * Lengths are in characters (UTF-16 code units, as zod and the browser count them), after trimming.
 */
export const LIMITS = {
  /** A COE's title. */
  coeTitle: 200,
  /** A name: team, service, tag, region, event, dependency. */
  name: 100,
  /** Names in one list (services, tags, regions). */
  namesPerList: 50,
  timelineText: 5000,
  /** An http(s) link: a timeline entry's, an action item's tracker. */
  url: 2000,
  whyText: 2000,
  whyEvidence: 5000,
  /** Customer impact: who or what was affected. */
  affected: 2000,
  errorRate: 200,
  /** A why node's root-cause category. */
  category: 200,
  actionItemTitle: 300,
  validationNote: 5000,
  cancelReason: 2000,
  dateChangeReason: 1000,
  /** What a team reviewed in the weekly meeting should follow up. */
  teamFollowUp: 2000,
  /** Plain paragraphs typed into a form that creates rich text (a new lesson, a dependency's first notes). */
  plainParagraphs: 20_000,
  /** The no-JavaScript textarea of a rich-text field, and plain text in the interchange format. */
  richTextPlain: 200_000,
} as const;

export type LimitName = keyof typeof LIMITS;

/** The fraction of a limit from which a field shows its counter. */
export const COUNTER_FROM = 0.8;

/** "5,000": limits are read by people, so they are written the way people write numbers. */
export const formatLimit = (n: number) => n.toLocaleString("en-US");

/** The message of a field over its limit; it names the limit and by how much the text is over. */
export function tooLongMessage(label: string, length: number, limit: number): string {
  return `${label} is ${formatLimit(length)} characters; the limit is ${formatLimit(limit)} (${formatLimit(length - limit)} too many).`;
}
