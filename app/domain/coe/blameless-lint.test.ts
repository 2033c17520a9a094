import { getSchema } from "@tiptap/core";
import { Node } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import { extensions } from "~/editor/extensions";
import type { DocJSON } from "../enums";
import { lintBlameless, lintDoc, TEXTBLOCKS, type LintKind, type LintOptions } from "./blameless-lint";

const people: LintOptions["people"] = [
  { name: "Alice Smith", email: "alice@example.com" },
  { name: "José García" },
  { name: "Zoë Ng" },
  { name: "Bo Li" },
  { name: "Mark Twain" },
  { name: "Seán O'Brien" },
  { name: "Prince" },
];
const opts: LintOptions = { people, teamName: "Storage" };

type Case = [description: string, text: string, expected: [LintKind, string][]];

const CASES: Case[] = [
  // Names
  ["a full name", "Alice Smith rolled back the deploy.", [["name", "Alice Smith"]]],
  ["a full name in lower case", "then alice smith rolled back", [["name", "alice smith"]]],
  [
    "a full name across two spaces or a no-break space",
    "Alice  Smith and Alice\u00a0Smith",
    [
      ["name", "Alice  Smith"],
      ["name", "Alice\u00a0Smith"],
    ],
  ],
  ["a possessive full name", "Alice Smith's change", [["name", "Alice Smith"]]],
  ["a capitalised first name", "Then Alice rolled back.", [["name", "Alice"]]],
  ["a first name in lower case is a word, not a name", "alice rolled back", []],
  ["a last name alone is not flagged", "Smith rolled back", []],
  ["a non-ASCII full name", "José García paged the on-call", [["name", "José García"]]],
  ["a non-ASCII first name", "At 10:00 José paged", [["name", "José"]]],
  ["a longer word starting with a first name", "Joséphine and Alicea paged", []],
  ["a first name after an emoji", "🚀 Zoë deployed", [["name", "Zoë"]]],
  ["a short first name alone is not flagged", "Bo merged it; Bo Li reviewed", [["name", "Bo Li"]]],
  // Documented trade-off: a capitalised word equal to a registered first name is flagged.
  ["a capitalised common word that is a first name", "Mark the alarm as resolved; mark it", [["name", "Mark"]]],
  [
    "either apostrophe in a name",
    "Seán O’Brien and Seán O'Brien",
    [
      ["name", "Seán O’Brien"],
      ["name", "Seán O'Brien"],
    ],
  ],
  ["a single-word name capitalised", "Prince approved; a prince did not", [["name", "Prince"]]],
  ["a registered person's e-mail address", "Approved by alice@example.com.", [["name", "alice@example.com"]]],
  ["names are flagged even in code", "`deployed by Alice Smith`", [["name", "Alice Smith"]]],
  // Mentions
  ["an @mention", "@alice restarted the node", [["mention", "@alice"]]],
  ["an @first.last mention", "cc @alice.smith please", [["mention", "@alice.smith"]]],
  ["a mention at the end of a sentence", "ping @bob.", [["mention", "@bob"]]],
  ["a capitalised mention rather than the first name inside it", "@Alice restarted it", [["mention", "@Alice"]]],
  ["an e-mail address is not a mention", "write to ops@example.com", []],
  ["@ in inline code", "the `@Override` annotation and `npm i @scope/pkg`", []],
  ["@ in a fenced code block", "```\n@decorator\ndef f(): pass\n```", []],
  ["@ in a URL", "see https://medium.com/@alice/post and www.example.com/@bob", []],
  ["channel-wide pings", "@here @channel the site is down", []],
  ["@ before a number", "at @10:00 the queue grew", []],
  // Blaming words
  ["careless", "The engineer was careless.", [["blame", "careless"]]],
  ["carelessly, capitalised", "Carelessly deployed", [["blame", "Carelessly"]]],
  ["should have known", "They should have known.", [["blame", "should have known"]]],
  ["should've known", "They should’ve known.", [["blame", "should’ve known"]]],
  ["should have caught", "Review should have caught it", [["blame", "should have caught"]]],
  ["human error", "The cause was human error.", [["blame", "human error"]]],
  [
    "negligent and negligence",
    "negligent; Negligence",
    [
      ["blame", "negligent"],
      ["blame", "Negligence"],
    ],
  ],
  ["forgot", "The operator forgot to drain the node", [["blame", "forgot"]]],
  ["forgotten", "a step was forgotten", [["blame", "forgotten"]]],
  ["the forgotten-password feature is a name, not blame", "the forgotten password flow and the forgot-password page", []],
  ["failed to", "The operator failed to drain it", [["blame", "failed to"]]],
  ["failed to about a system is still flagged outside code", "The deploy failed to start", [["blame", "failed to"]]],
  ["failed to in a quoted log line (code) is not", "The log said `ERROR: failed to connect`", []],
  ["failed to in a fenced log is not", "```\nERROR failed to connect\nERROR failed to connect\n```", []],
  ["obviously", "Obviously the cache was stale", [["blame", "Obviously"]]],
  [
    "didn't bother with either apostrophe",
    "didn't bother to check; didn’t bother",
    [
      ["blame", "didn't bother to"],
      ["blame", "didn’t bother"],
    ],
  ],
  [
    "sloppy, incompetent, lazy",
    "sloppy work, incompetent, lazy",
    [
      ["blame", "sloppy"],
      ["blame", "incompetent"],
      ["blame", "lazy"],
    ],
  ],
  ["lazy loading and lazily are engineering terms", "lazy loading, lazy-loaded images, loaded lazily", []],
  [
    "their, his and her fault",
    "their fault, his fault, her fault",
    [
      ["blame", "their fault"],
      ["blame", "his fault"],
      ["blame", "her fault"],
    ],
  ],
  [
    "blame, blamed, blaming",
    "no one to blame; we blamed DNS",
    [
      ["blame", "blame"],
      ["blame", "blamed"],
    ],
  ],
  ["blameless is not blame", "a blameless review", []],
  ["neglected to", "The runbook neglected to mention it", [["blame", "neglected to"]]],
  ["dropped the ball", "someone dropped the ball", [["blame", "dropped the ball"]]],
  ["a word inside another word", "unforgotten, carelessness-free? recarelessly", [["blame", "carelessness"]]],
  // Together
  [
    "a name and a blaming word, in order",
    "Alice Smith forgot the flag",
    [
      ["name", "Alice Smith"],
      ["blame", "forgot"],
    ],
  ],
  ["clean text", "A configuration change removed the overlap period; the alarm fired after 2 minutes.", []],
  ["empty text", "", []],
];

describe("lintBlameless", () => {
  it.each(CASES)("%s", (_d, text, expected) => {
    const findings = lintBlameless(text, opts);
    expect(findings.map((f) => [f.kind, f.match])).toEqual(expected);
    for (const f of findings) expect(text.slice(f.from, f.to)).toBe(f.match);
    for (let i = 1; i < findings.length; i++) expect(findings[i]!.from).toBeGreaterThanOrEqual(findings[i - 1]!.to);
  });

  it("gives UTF-16 offsets that survive emoji and accents", () => {
    const text = "🚀🚀 Zoë, then José García forgot";
    const findings = lintBlameless(text, opts);
    expect(findings.map(({ from, to }) => [from, to])).toEqual([
      [5, 8],
      [15, 26],
      [27, 33],
    ]);
  });

  it("suggests a role on the team, or just an engineer", () => {
    expect(lintBlameless("Alice did it", opts)[0]).toEqual({
      kind: "name",
      from: 0,
      to: 5,
      match: "Alice",
      message: "Names a person — COEs describe roles, never people",
      suggestion: "an engineer on the Storage team",
    });
    expect(lintBlameless("@bob did it", { people: [], teamName: "Payments team" })[0]!.suggestion).toBe("an engineer on the Payments team");
    expect(lintBlameless("@bob did it", { people: [] })[0]!.suggestion).toBe("an engineer");
  });

  it("suggests a specific rewording for each blaming phrase", () => {
    const suggestion = (text: string) => lintBlameless(text, opts)[0]!.suggestion;
    expect(suggestion("forgot")).toBe("the process did not prompt for …");
    expect(suggestion("human error")).toBe("what made this error possible? describe the missing safeguard");
    expect(suggestion("failed to")).toBe("did not");
    expect(suggestion("obviously")).toBe("remove “obviously”");
    expect(suggestion("should have known")).toBe("the information was not available when needed");
  });

  it("prefers the longer of two overlapping matches", () => {
    // "Alice Smith" (name) contains "Alice" (first name): one finding.
    expect(lintBlameless("Alice Smith", opts)).toHaveLength(1);
    // "should have known" beats any shorter rule inside it; "failed to" is one finding.
    expect(lintBlameless("should have known, failed to", opts).map((f) => f.match)).toEqual(["should have known", "failed to"]);
  });

  it("works with no registered people", () => {
    expect(lintBlameless("Alice Smith forgot", { people: [] }).map((f) => f.kind)).toEqual(["blame"]);
  });

  it("treats names with regular-expression characters literally", () => {
    const odd = { people: [{ name: "A.J. (Tony) Stark+" }] };
    expect(lintBlameless("A.J. (Tony) Stark+ paged", odd).map((f) => f.match)).toEqual(["A.J. (Tony) Stark+"]);
    expect(lintBlameless("AxJx Tony Stark paged", odd)).toEqual([]);
  });

  it("lints 200 KB of text quickly", () => {
    const text = "The deploy failed to start because a check was forgotten by Alice Smith. ".repeat(2800);
    const start = performance.now();
    expect(lintBlameless(text, opts)).toHaveLength(2800 * 3);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

const t = (text: string, marks?: { type: string }[]) => ({ type: "text", text, ...(marks ? { marks } : {}) });

describe("lintDoc", () => {
  const doc: DocJSON = {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 2 }, content: [t("What Alice saw")] },
      { type: "paragraph" },
      { type: "paragraph", content: [t("First line"), { type: "hardBreak" }, t("then "), t("@bob", [{ type: "bold" }]), t(" forgot")] },
      { type: "paragraph", content: [t("Log: "), t("failed to connect", [{ type: "code" }]), t(" — it failed to retry")] },
      { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [t("obviously careless")] }] }] },
      { type: "codeBlock", attrs: { language: null }, content: [t("forgot @x by Alice Smith")] },
    ],
  };

  it("finds per textblock, offsets into the block's text, code skipped for blame and mentions", () => {
    expect(lintDoc(doc, opts).map(({ blockIndex, kind, from, to, match }) => ({ blockIndex, kind, from, to, match }))).toEqual([
      { blockIndex: 0, kind: "name", from: 5, to: 10, match: "Alice" },
      { blockIndex: 2, kind: "mention", from: 16, to: 20, match: "@bob" },
      { blockIndex: 2, kind: "blame", from: 21, to: 27, match: "forgot" },
      { blockIndex: 3, kind: "blame", from: 28, to: 37, match: "failed to" },
      { blockIndex: 4, kind: "blame", from: 0, to: 9, match: "obviously" },
      { blockIndex: 4, kind: "blame", from: 10, to: 18, match: "careless" },
      { blockIndex: 5, kind: "name", from: 13, to: 24, match: "Alice Smith" },
    ]);
  });

  it("gives offsets that map to ProseMirror positions as blockStart + 1 + from", () => {
    const node = Node.fromJSON(getSchema(extensions), doc);
    const starts: number[] = [];
    node.descendants((child, pos) => {
      if (child.isTextblock) starts.push(pos);
      return !child.isTextblock;
    });
    for (const f of lintDoc(doc, opts)) {
      const from = starts[f.blockIndex]! + 1 + f.from;
      expect(node.textBetween(from, from + (f.to - f.from), "", "\n")).toBe(f.match);
    }
  });

  it("knows the editor's textblocks", () => {
    const schema = getSchema(extensions);
    expect(
      Object.values(schema.nodes)
        .filter((n) => n.isTextblock)
        .map((n) => n.name)
        .sort(),
    ).toEqual([...TEXTBLOCKS].sort());
  });

  it("returns nothing for an empty doc", () => {
    expect(lintDoc({ type: "doc", content: [{ type: "paragraph" }] }, opts)).toEqual([]);
  });
});

describe("remembered findings (the same texts are linted on every request)", () => {
  const para = (...content: DocJSON[]): DocJSON => ({ type: "doc", content: [{ type: "paragraph", content }] });
  it("answers per list of people and team: a renamed or new person is found at once", () => {
    const text = "Dana Reyes restarted it";
    expect(lintBlameless(text, { people: [] })).toEqual([]);
    expect(lintBlameless(text, { people: [{ name: "Dana Reyes" }] }).map((f) => f.kind)).toEqual(["name"]);
    expect(lintBlameless(text, { people: [{ name: "Dana Reyes" }], teamName: "Payments" })[0]!.suggestion).toContain("Payments");
    expect(lintBlameless(text, { people: [] })).toEqual([]);
  });

  it("keeps a text apart from the same text with code marks, and texts holding the separator", () => {
    const opts: LintOptions = { people: [] };
    const plain = para({ type: "text", text: "the deploy failed to start" });
    const code = para({ type: "text", text: "the deploy " }, { type: "text", text: "failed to start", marks: [{ type: "code" }] });
    expect(lintDoc(plain, opts)).toHaveLength(1);
    expect(lintDoc(code, opts)).toHaveLength(0);
    expect(lintDoc(plain, opts)).toHaveLength(1);
    expect(lintBlameless("a\u0000 failed to b", opts).map((f) => f.match)).toEqual(["failed to"]);
    expect(lintBlameless("[[0,3]]\u0000failed to", opts).map((f) => f.match)).toEqual(["failed to"]);
  });

  it("gives findings no caller can change for the next", () => {
    const findings = lintBlameless("they forgot", { people: [] });
    expect(() => (findings as unknown[]).push(1)).toThrow();
    expect(lintBlameless("they forgot", { people: [] })).toHaveLength(1);
  });
});
