import { describe, expect, it } from "vitest";
import { PAGE_SECTIONS } from "../coe/page-sections";
import { docToPlainText, plainTextToDoc } from "../coe/plain-text-doc";
import {
  anchorKey,
  collapseSpaces,
  currentPartText,
  describeAnchor,
  labelAnchor,
  locateQuote,
  parseAnchorInput,
  QUOTE_CONTEXT_MAX,
  QUOTE_MAX,
  quoteContext,
  truncateLabel,
  type AnchorInput,
  type CommentAnchor,
  type PartLookups,
} from "./anchors";

const LONG = "Config pushed to all regions at once because the deploy tool had no notion of a canary stage or bake time";

/** The COE as it is now: why 12, action item 4, timeline entry 7 and lesson 9 exist; why 13 has blank text. */
const current: PartLookups = {
  whyText: (id) => ({ 12: "Config pushed to all regions", 13: "   ", 14: LONG, 15: "Line one\n\nline   two" })[id],
  actionItemTitle: (id) => (id === 4 ? "Add a canary stage" : undefined),
  timelineText: (id) => (id === 7 ? "Pager fired" : undefined),
  lessonText: (id) => (id === 9 ? "Stage config like code" : undefined),
};

describe("collapseSpaces", () => {
  it.each([
    ["", ""],
    ["  ", ""],
    ["a", "a"],
    [" a  b\n\nc\t", "a b c"],
    ["a\u00a0 b", "a b"],
  ])("%j → %j", (input, expected) => expect(collapseSpaces(input)).toBe(expected));
});

describe("parseAnchorInput", () => {
  const ok: [string, Record<string, string | undefined>, AnchorInput][] = [
    ["the whole COE", { anchorType: "coe" }, { type: "coe" }],
    ["the whole COE with blank extra fields", { anchorType: " coe ", anchorId: "", anchorSection: " ", quote: "" }, { type: "coe" }],
    ["a section", { anchorType: "section", anchorSection: "impact-summary" }, { type: "section", section: "impact-summary" }],
    [
      "a section with a quote, trimmed",
      { anchorType: "section", anchorSection: "detection", quote: "  the alarm  " },
      { type: "section", section: "detection", quote: "the alarm" },
    ],
    [
      "a quote with its context, kept as sent (spaces matter there)",
      { anchorType: "section", anchorSection: "timeline", quote: "x", quotePrefix: "before ", quoteSuffix: " after" },
      { type: "section", section: "timeline", quote: "x", prefix: "before ", suffix: " after" },
    ],
    ["a blank quote is no quote", { anchorType: "section", anchorSection: "lessons", quote: "   " }, { type: "section", section: "lessons" }],
    [
      "a quote of exactly the limit",
      { anchorType: "section", anchorSection: "header", quote: "q".repeat(QUOTE_MAX) },
      { type: "section", section: "header", quote: "q".repeat(QUOTE_MAX) },
    ],
    ["a why", { anchorType: "why_node", anchorId: "12" }, { type: "why_node", id: 12 }],
    ["an action item, id with spaces", { anchorType: "action_item", anchorId: " 4 " }, { type: "action_item", id: 4 }],
    ["a timeline entry", { anchorType: "timeline_entry", anchorId: "7" }, { type: "timeline_entry", id: 7 }],
    ["a lesson, blank section field ignored", { anchorType: "lesson", anchorId: "9", anchorSection: "" }, { type: "lesson", id: 9 }],
  ];
  it.each(ok)("accepts %s", (_, form, anchor) => expect(parseAnchorInput(form)).toEqual({ ok: true, anchor }));

  const bad: [string, Record<string, string | undefined>, Record<string, RegExp>][] = [
    ["no type", {}, { anchorType: /Choose what the comment is about/ }],
    ["a blank type", { anchorType: "  " }, { anchorType: /Choose/ }],
    ["an unknown type", { anchorType: "paragraph" }, { anchorType: /Unknown anchor type "paragraph"; expected one of coe, section/ }],
    ["a part without an id", { anchorType: "why_node" }, { anchorId: /Say which why/ }],
    ["a part with a blank id", { anchorType: "lesson", anchorId: " " }, { anchorId: /Say which lesson/ }],
    ["a part with id 0", { anchorType: "action_item", anchorId: "0" }, { anchorId: /action item id must be a whole number from 1/ }],
    ["a part with a negative id", { anchorType: "why_node", anchorId: "-3" }, { anchorId: /whole number/ }],
    ["a part with a hex id", { anchorType: "why_node", anchorId: "0x10" }, { anchorId: /whole number/ }],
    ["a part with a fractional id", { anchorType: "timeline_entry", anchorId: "1.5" }, { anchorId: /timeline entry id/ }],
    ["a part with an exponent id", { anchorType: "why_node", anchorId: "1e3" }, { anchorId: /whole number/ }],
    ["a part with a huge id", { anchorType: "why_node", anchorId: "1".repeat(16) }, { anchorId: /whole number/ }],
    ["a part naming a section", { anchorType: "why_node", anchorId: "1", anchorSection: "timeline" }, { anchorSection: /Only a comment on a section/ }],
    ["a part with a quote", { anchorType: "lesson", anchorId: "1", quote: "words" }, { quote: /Only a comment on a section can quote/ }],
    ["the COE with a quote prefix", { anchorType: "coe", quotePrefix: "x" }, { quotePrefix: /Only a comment on a section/ }],
    ["the COE with an id", { anchorType: "coe", anchorId: "3" }, { anchorId: /Only a comment on a why/ }],
    ["a section without one", { anchorType: "section" }, { anchorSection: /Say which section/ }],
    ["an unknown section", { anchorType: "section", anchorSection: "appendix" }, { anchorSection: /Unknown section "appendix"/ }],
    ["a section with an id", { anchorType: "section", anchorSection: "header", anchorId: "2" }, { anchorId: /Only a comment on a why/ }],
    [
      "a quote over the limit",
      { anchorType: "section", anchorSection: "header", quote: "q".repeat(QUOTE_MAX + 1) },
      { quote: /501 characters; the limit is 500/ },
    ],
    ["context without a quote", { anchorType: "section", anchorSection: "header", quoteSuffix: "after" }, { quoteSuffix: /needs a quote/ }],
    [
      "context over its limit",
      { anchorType: "section", anchorSection: "header", quote: "q", quotePrefix: "p".repeat(QUOTE_CONTEXT_MAX + 1) },
      { quotePrefix: /At most 100 characters/ },
    ],
    [
      "several problems at once, each under its field",
      { anchorType: "section", anchorSection: "nope", anchorId: "x", quote: "q".repeat(QUOTE_MAX + 1) },
      { anchorSection: /Unknown section/, anchorId: /Only/, quote: /limit/ },
    ],
  ];
  it.each(bad)("refuses %s", (_, form, expected) => {
    const result = parseAnchorInput(form);
    if (result.ok) throw new Error("expected errors");
    expect(Object.keys(result.errors).sort()).toEqual(Object.keys(expected).sort());
    for (const [field, message] of Object.entries(expected)) expect(result.errors[field]).toMatch(message);
  });

  it("accepts every page section", () => {
    for (const { id } of PAGE_SECTIONS) expect(parseAnchorInput({ anchorType: "section", anchorSection: id }).ok).toBe(true);
  });
});

describe("currentPartText", () => {
  it.each([
    ["why_node", 12, "Config pushed to all regions"],
    ["action_item", 4, "Add a canary stage"],
    ["timeline_entry", 7, "Pager fired"],
    ["lesson", 9, "Stage config like code"],
    ["why_node", 4, undefined],
    ["lesson", 12, undefined],
  ] as const)("%s %i → %j", (type, id, expected) => expect(currentPartText(type, id, current)).toBe(expected));
});

describe("labelAnchor", () => {
  it.each<[string, AnchorInput, CommentAnchor]>([
    ["the COE passes through", { type: "coe" }, { type: "coe" }],
    ["a section passes through", { type: "section", section: "timeline", quote: "q" }, { type: "section", section: "timeline", quote: "q" }],
    ["a why gets its text", { type: "why_node", id: 12 }, { type: "why_node", id: 12, label: "Config pushed to all regions" }],
    ["an action item gets its title", { type: "action_item", id: 4 }, { type: "action_item", id: 4, label: "Add a canary stage" }],
    ["a timeline entry", { type: "timeline_entry", id: 7 }, { type: "timeline_entry", id: 7, label: "Pager fired" }],
    ["a lesson", { type: "lesson", id: 9 }, { type: "lesson", id: 9, label: "Stage config like code" }],
    ["whitespace is collapsed, the full text kept", { type: "why_node", id: 15 }, { type: "why_node", id: 15, label: "Line one line two" }],
    ["a blank text gives an empty label", { type: "why_node", id: 13 }, { type: "why_node", id: 13, label: "" }],
  ])("%s", (_, input, anchor) => expect(labelAnchor(input, current)).toEqual({ ok: true, anchor }));

  it.each<[AnchorInput, RegExp]>([
    [{ type: "why_node", id: 99 }, /no such why/],
    [{ type: "action_item", id: 12 }, /no such action item/],
    [{ type: "timeline_entry", id: 1 }, /no such timeline entry/],
    [{ type: "lesson", id: 4 }, /no such lesson/],
  ])("refuses a part the COE does not have: %j", (input, message) => {
    const result = labelAnchor(input, current);
    if (result.ok) throw new Error("expected an error");
    expect(result.errors.anchorId).toMatch(message);
  });
});

describe("truncateLabel", () => {
  it.each([
    ["", 80, ""],
    ["short", 80, "short"],
    ["x".repeat(80), 80, "x".repeat(80)],
    ["x".repeat(81), 80, "x".repeat(79) + "…"],
    ["one two three four", 10, "one two…"],
    ["one twothreefour", 10, "one twoth…"],
    ["a bcdefghijklmnop", 10, "a bcdefgh…"],
    ["  spaced\n\nout  ", 80, "spaced out"],
    ["😀".repeat(5), 3, "😀😀…"],
  ])("%j to %i → %j", (text, max, expected) => expect(truncateLabel(text, max)).toBe(expected));

  it("cuts the long label to about 80 characters at a word", () => {
    const cut = truncateLabel(LONG);
    expect(cut.endsWith("…")).toBe(true);
    expect(Array.from(cut).length).toBeLessThanOrEqual(80);
    expect(Array.from(cut).length).toBeGreaterThan(60);
    expect(LONG.startsWith(cut.slice(0, -1))).toBe(true);
    expect(LONG[cut.length - 1]).toBe(" ");
  });
});

describe("describeAnchor", () => {
  it.each<[string, CommentAnchor, { text: string; deleted: boolean; href: string | null }]>([
    ["the whole COE", { type: "coe" }, { text: "on the whole COE", deleted: false, href: null }],
    ["a section", { type: "section", section: "impact-summary" }, { text: "on Impact summary", deleted: false, href: "#impact-summary" }],
    [
      "a quote in a section",
      { type: "section", section: "impact-summary", quote: "selected words" },
      { text: "on Impact summary: “selected words”", deleted: false, href: "#impact-summary" },
    ],
    [
      "a long quote is cut",
      { type: "section", section: "lessons", quote: LONG },
      { text: `on Lessons learned: “${truncateLabel(LONG)}”`, deleted: false, href: "#lessons" },
    ],
    [
      "a why by its current text",
      { type: "why_node", id: 12, label: "old words" },
      { text: "on why: Config pushed to all regions", deleted: false, href: "#why-12" },
    ],
    ["an action item", { type: "action_item", id: 4, label: "" }, { text: "on action item: Add a canary stage", deleted: false, href: "#action-item-4" }],
    ["a timeline entry", { type: "timeline_entry", id: 7, label: "" }, { text: "on timeline entry: Pager fired", deleted: false, href: "#timeline-7" }],
    ["a lesson", { type: "lesson", id: 9, label: "" }, { text: "on lesson: Stage config like code", deleted: false, href: "#lesson-9" }],
    ["a why with blank text", { type: "why_node", id: 13, label: "" }, { text: "on why", deleted: false, href: "#why-13" }],
    ["a long why is cut", { type: "why_node", id: 14, label: "" }, { text: `on why: ${truncateLabel(LONG)}`, deleted: false, href: "#why-14" }],
    [
      "a why deleted (id null) by its stored label",
      { type: "why_node", id: null, label: "Config pushed to all regions" },
      { text: "on a deleted why: Config pushed to all regions", deleted: true, href: null },
    ],
    ["a why whose id no longer exists", { type: "why_node", id: 77, label: "Gone" }, { text: "on a deleted why: Gone", deleted: true, href: null }],
    [
      "a deleted action item",
      { type: "action_item", id: null, label: "Add alarms" },
      { text: "on a deleted action item: Add alarms", deleted: true, href: null },
    ],
    ["a deleted timeline entry", { type: "timeline_entry", id: 3, label: "x" }, { text: "on a deleted timeline entry: x", deleted: true, href: null }],
    ["a deleted lesson without a label", { type: "lesson", id: null, label: "" }, { text: "on a deleted lesson", deleted: true, href: null }],
    [
      "a deleted part's long label is cut",
      { type: "why_node", id: null, label: LONG },
      { text: `on a deleted why: ${truncateLabel(LONG)}`, deleted: true, href: null },
    ],
  ])("%s", (_, anchor, expected) => expect(describeAnchor(anchor, current)).toEqual(expected));

  it("names sections with the label function given", () => {
    expect(describeAnchor({ type: "section", section: "closeout" }, current, (s) => `Section ${s}`).text).toBe("on Section closeout");
  });
});

describe("anchorKey", () => {
  it.each<[CommentAnchor, string]>([
    [{ type: "coe" }, "coe"],
    [{ type: "section", section: "impact-summary" }, "section:impact-summary"],
    [{ type: "section", section: "impact-summary", quote: "x" }, "section:impact-summary"],
    [{ type: "why_node", id: 12, label: "a" }, "why_node:12"],
    [{ type: "action_item", id: 12, label: "a" }, "action_item:12"],
    [{ type: "timeline_entry", id: 1, label: "" }, "timeline_entry:1"],
    [{ type: "lesson", id: 2, label: "" }, "lesson:2"],
    [{ type: "why_node", id: null, label: "gone" }, "why_node:deleted"],
  ])("%j → %s", (anchor, key) => expect(anchorKey(anchor)).toBe(key));
});

describe("locateQuote", () => {
  const text = "The alarm fired. Nobody saw the alarm because the alarm went to email.";
  it.each<[string, string, string, string | undefined, string | undefined, { found: boolean; index: number; length: number }]>([
    ["a unique quote", text, "Nobody saw", undefined, undefined, { found: true, index: 17, length: 10 }],
    ["the first of several without context", text, "the alarm", undefined, undefined, { found: true, index: 28, length: 9 }],
    ["the one the prefix points at", text, "alarm", "because the ", undefined, { found: true, index: 50, length: 5 }],
    ["the one the suffix points at", text, "alarm", undefined, " because", { found: true, index: 32, length: 5 }],
    ["prefix and suffix together", text, "alarm", "The ", " fired", { found: true, index: 4, length: 5 }],
    ["context that matches nothing falls back to the first", text, "alarm", "zzz", "qqq", { found: true, index: 4, length: 5 }],
    ["the better partial context wins", text, "alarm", "xx the ", " went", { found: true, index: 50, length: 5 }],
    ["whitespace in the quote matches a newline", "one\n\ntwo three", "one two", undefined, undefined, { found: true, index: 0, length: 8 }],
    ["a run in the text matches one space in the quote", "a   b c", "a b", undefined, undefined, { found: true, index: 0, length: 5 }],
    ["a quote with its ends trimmed", "x words y", "  words\n", undefined, undefined, { found: true, index: 2, length: 5 }],
    ["whitespace in the context compares equal too", "a x\n\nb x", "x", "b\t", undefined, { found: true, index: 7, length: 1 }],
    ["a quote that is gone", text, "pager", undefined, undefined, { found: false, index: -1, length: 0 }],
    ["an edited quote", text, "Nobody  saw  it", undefined, undefined, { found: false, index: -1, length: 0 }],
    ["case matters", text, "nobody saw", undefined, undefined, { found: false, index: -1, length: 0 }],
    ["an empty quote", text, "", undefined, undefined, { found: false, index: -1, length: 0 }],
    ["a blank quote", text, "  \n", undefined, undefined, { found: false, index: -1, length: 0 }],
    ["in empty text", "", "x", undefined, undefined, { found: false, index: -1, length: 0 }],
    ["overlapping occurrences", "aaaa", "aa", "a", "a", { found: true, index: 1, length: 2 }],
    ["leading whitespace in the text", "  \n hello", "hello", undefined, undefined, { found: true, index: 4, length: 5 }],
  ])("%s", (_, plain, quote, prefix, suffix, expected) => {
    const result = locateQuote(plain, quote, prefix, suffix);
    expect(result).toEqual(expected);
    if (result.found) expect(collapseSpaces(plain.slice(result.index, result.index + result.length))).toBe(collapseSpaces(quote));
  });

  it("finds a selection again in a section's plain text after it was re-flowed", () => {
    const before = docToPlainText(plainTextToDoc("Deploys went out.\n\nThe canary stage was skipped. The canary stage was skipped again."));
    const { prefix, suffix } = quoteContext(before, before.lastIndexOf("canary stage"), "canary stage".length);
    const after = docToPlainText(plainTextToDoc("Deploys went\nout.\n\nThe canary  stage was skipped.\nThe canary\nstage was skipped again."));
    const result = locateQuote(after, "canary stage", prefix, suffix);
    expect(result.found).toBe(true);
    expect(after.slice(result.index, result.index + result.length)).toBe("canary\nstage");
  });
});

describe("quoteContext", () => {
  it.each<[string, number, number, number, { prefix: string; suffix: string }]>([
    ["0123456789", 4, 2, 3, { prefix: "123", suffix: "678" }],
    ["0123456789", 0, 2, 3, { prefix: "", suffix: "234" }],
    ["0123456789", 8, 2, 3, { prefix: "567", suffix: "" }],
    ["0123456789", 1, 0, 3, { prefix: "0", suffix: "123" }],
    ["0123456789", 20, 2, 3, { prefix: "789", suffix: "" }],
    ["0123456789", -5, 2, 3, { prefix: "", suffix: "234" }],
    ["0123456789", 5, 99, 3, { prefix: "234", suffix: "" }],
    ["", 0, 0, 3, { prefix: "", suffix: "" }],
    ["a😀bc😀d", 3, 2, 2, { prefix: "😀", suffix: "😀" }],
    ["a😀bc😀d", 3, 2, 1, { prefix: "", suffix: "" }],
    ["a😀bc😀d", 3, 1, 2, { prefix: "😀", suffix: "c" }],
  ])("%j at %i+%i, width %i", (text, index, length, width, expected) => expect(quoteContext(text, index, length, width)).toEqual(expected));

  it("takes 32 characters each side by default", () => {
    const text = "p".repeat(40) + "Q" + "s".repeat(40);
    expect(quoteContext(text, 40, 1)).toEqual({ prefix: "p".repeat(32), suffix: "s".repeat(32) });
  });
});
