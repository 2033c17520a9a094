import type { DocJSON } from "../enums";
import { memoByText } from "../text-memo";

export type LintKind = "name" | "mention" | "blame";

/** One warning. `from`/`to` are UTF-16 offsets (JavaScript string indices): `text.slice(from, to) === match`. */
export type LintFinding = { kind: LintKind; from: number; to: number; match: string; message: string; suggestion: string };

/** A finding in a TipTap document: `from`/`to` are offsets into the text of textblock number `blockIndex`. */
export type DocLintFinding = LintFinding & { blockIndex: number };

export type LintOptions = { people: { name: string; email?: string }[]; teamName?: string };

const NAME_MESSAGE = "Names a person — COEs describe roles, never people";
const MENTION_MESSAGE = "Mentions a person — COEs describe roles, never people";

// Unicode-aware word boundaries: \b only knows ASCII, so "José" or "Zoë" would be cut short.
const WORD = "[\\p{L}\\p{N}_]";
const START = `(?<!${WORD})`;
const END = `(?!${WORD})`;

type BlameRule = { pattern: string; message: string; suggestion: string };

/**
 * Blaming words and phrases, each with a rewording that moves the sentence from a person to the
 * system. Matched case-insensitively on word boundaries; phrases allow any whitespace between
 * words and either apostrophe.
 */
const BLAME_RULES: BlameRule[] = [
  {
    pattern: "(?:careless|reckless)(?:ly|ness)?",
    message: "Judges a person's care rather than the system",
    suggestion: "describe what made the mistake easy to make (no confirmation step, similar names, …)",
  },
  {
    pattern: "should(?:\\s+have|['’]ve)\\s+known",
    message: "Hindsight: judges a decision by what is known now",
    suggestion: "the information was not available when needed",
  },
  {
    pattern: "should(?:\\s+have|['’]ve)\\s+(?:caught|noticed|checked|seen|spotted|realised|realized|tested)",
    message: "Hindsight: judges a decision by what is known now",
    suggestion: "nothing in the process prompted this check at that point",
  },
  { pattern: "human[\\s-]+errors?", message: "Stops the analysis at a person", suggestion: "what made this error possible? describe the missing safeguard" },
  { pattern: "negligen(?:t|tly|ce)", message: "Assigns fault to a person", suggestion: "describe the safeguard that was missing" },
  // "Forgotten password" and "forgot-password" are the names of a sign-in feature, not blame.
  {
    pattern: "forgot(?:ten)?(?![\\s-]+(?:password|passphrase|username|pin|credentials)" + END + ")",
    message: "Blames a person's memory rather than the process",
    suggestion: "the process did not prompt for …",
  },
  { pattern: "neglect(?:ed|s)?(?:\\s+to)?", message: "Assigns fault to a person", suggestion: "did not" },
  { pattern: "failed\\s+to", message: "Frames the event as someone's failure", suggestion: "did not" },
  { pattern: "obviously", message: "Hindsight: it was not obvious at the time", suggestion: "remove “obviously”" },
  { pattern: "did(?:n['’]t|\\s+not)\\s+bother(?:\\s+to)?", message: "Attributes intent to a person", suggestion: "did not" },
  {
    pattern: "slopp(?:y|ily|iness)",
    message: "Judges a person's work rather than the system",
    suggestion: "describe the specific gap (a missing review, test or check)",
  },
  {
    pattern: "incompeten(?:t|ce|tly)",
    message: "Judges a person rather than the system",
    suggestion: "describe the missing training, documentation or tooling",
  },
  // "Lazy loading" and friends are engineering terms; "lazily" almost always is.
  {
    pattern:
      "(?:lazy|laziness)(?![\\s-]+(?:load|loads|loaded|loading|init|initiali[sz]ation|initiali[sz]ed|evaluation|evaluated|import|imports|imported|property|properties|list|lists|value|values)" +
      END +
      ")",
    message: "Judges a person rather than the system",
    suggestion: "describe what made the step easy to skip",
  },
  { pattern: "(?:their|his|her|my|your)\\s+fault", message: "Assigns fault to a person", suggestion: "describe the conditions that led to the failure" },
  { pattern: "blam(?:e|ed|es|ing)", message: "Looks for someone to blame", suggestion: "describe the conditions that allowed the failure" },
  { pattern: "dropped\\s+the\\s+ball", message: "Assigns fault to a person", suggestion: "describe which step did not happen and why the process allowed it" },
  {
    pattern: "(?:stupid|dumb|idiot(?:ic)?)",
    message: "Judges a person rather than the system",
    suggestion: "describe what happened and why it made sense at the time",
  },
];

const BLAME_REGEXES = BLAME_RULES.map((rule) => ({ ...rule, regex: new RegExp(START + rule.pattern + END, "giu") }));
// Any rule at all, in one scan: most text has no blaming word, and a page lints every why of a
// tree of hundreds. It matches wherever some rule matches (same boundaries, alternatives tried in
// turn), so it can only skip text no rule would flag.
const ANY_BLAME = new RegExp(`${START}(?:${BLAME_RULES.map((rule) => rule.pattern).join("|")})${END}`, "iu");

// "@" not preceded by a word character, dot, slash or another "@": so a@b.com, medium.com/@x and
// npm scopes in paths are not mentions. Dots join parts only when a word character follows.
const MENTION = new RegExp(`(?<![\\p{L}\\p{N}_.+\\-@/:\\\\])@\\p{L}[\\p{L}\\p{N}_-]*(?:\\.[\\p{L}\\p{N}_-]+)*`, "gu");
// Channel-wide pings name nobody.
const BROADCASTS = new Set(["@here", "@channel", "@everyone"]);
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/giu;
const CODE = /```[\s\S]*?(?:```|$)|`[^`\n]+`/g;

type Range = [from: number, to: number];

/**
 * Flags names of registered people, @mentions and blaming language in one block of text, with a
 * suggested rewording (SPEC §2, "Blameless language"). Warnings, never a block.
 *
 * - Full names match case-insensitively; a first name alone (of a name with two or more parts,
 *   at least three letters) only when capitalised, so "will", "mark" and "grace" as words are
 *   left alone (at the start of a sentence they are still flagged). A single-word name follows
 *   the first-name rule. A registered person's e-mail address counts as their name.
 * - Text in `code` (backtick spans and fenced blocks) is quoted material — logs, commands,
 *   annotations — so blaming words and @mentions there are not flagged ("failed to connect" in a
 *   pasted error is the system talking). Names are flagged even in code: a log line that names a
 *   person still names them.
 * - Findings are sorted by `from` and never overlap; where two would, the longer wins.
 */
export function lintBlameless(text: string, opts: LintOptions): LintFinding[] {
  return lintBlock(text, [], opts);
}

/**
 * Lints every textblock (paragraph, heading, code block) of a TipTap document. Each finding has
 * `blockIndex`, the number of its textblock in document order (the order ProseMirror's
 * `doc.descendants` visits textblocks, empty ones included), and `from`/`to` into that block's
 * text, where a hard break counts as one character ("\n"). Those are ProseMirror offsets, so the
 * editor can underline at `blockStart + 1 + from`. Text with the `code` mark and code blocks are
 * code, as above.
 */
export function lintDoc(doc: DocJSON, opts: LintOptions): DocLintFinding[] {
  const findings: DocLintFinding[] = [];
  let blockIndex = 0;
  const stack: DocJSON[] = [doc];
  while (stack.length) {
    const node = stack.pop()!;
    if (TEXTBLOCKS.has(node.type)) {
      const { text, code } = blockText(node);
      for (const finding of lintBlock(text, code, opts)) findings.push({ ...finding, blockIndex });
      blockIndex++;
      continue;
    }
    const children = node.content ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return findings;
}

// The textblocks of the shared extension list (a test checks this against the editor's schema).
export const TEXTBLOCKS = new Set(["paragraph", "heading", "codeBlock"]);

function blockText(block: DocJSON): { text: string; code: Range[] } {
  let text = "";
  const code: Range[] = [];
  const isCodeBlock = block.type === "codeBlock";
  for (const child of block.content ?? []) {
    // Other inline leaves are one position in ProseMirror, like a hard break.
    const piece = child.type === "text" ? (child.text ?? "") : child.type === "hardBreak" ? "\n" : "\ufffc";
    if (isCodeBlock || child.marks?.some((m) => m.type === "code")) code.push([text.length, text.length + piece.length]);
    text += piece;
  }
  return { text, code };
}

type LintContext = { lint: (key: string) => LintFinding[]; names: RegExp[] };

// One context per distinct (people, team): pages lint the same texts on every request and the
// editor on every keystroke, so findings are remembered per text (memoByText) and the name
// patterns compiled once. A few contexts are kept (different teams' COEs).
const contexts = new Map<string, LintContext>();
const contextOfOptions = new WeakMap<LintOptions, LintContext>();
const MAX_CONTEXTS = 16;

function contextFor(opts: LintOptions): LintContext {
  const known = contextOfOptions.get(opts);
  if (known) return known;
  const key = `${opts.teamName ?? ""}\u0001${opts.people.map((p) => `${p.name}\u0002${p.email ?? ""}`).join("\u0003")}`;
  let context = contexts.get(key);
  if (!context) {
    if (contexts.size >= MAX_CONTEXTS) contexts.clear();
    const names = namePatterns(opts.people);
    const lint = memoByText((blockKey) => {
      const [text, code] = unpackBlockKey(blockKey);
      // Shared by every caller from now on: frozen so that none can change another's findings.
      return Object.freeze(lintText(text, opts.teamName, names, [...code, ...rangesOf(text, CODE)]).map((f) => Object.freeze(f))) as LintFinding[];
    });
    context = { lint, names };
    contexts.set(key, context);
  }
  contextOfOptions.set(opts, context);
  return context;
}

// A block's memo key: its text, and the ranges its marks make code (rarely any): "t<text>" or "<ranges JSON>\u0000<text>".
const packBlockKey = (text: string, code: Range[]) => (code.length ? `${JSON.stringify(code)}\u0000${text}` : `t${text}`);
function unpackBlockKey(key: string): [string, Range[]] {
  if (key[0] === "t") return [key.slice(1), []];
  const cut = key.indexOf("\u0000");
  return [key.slice(cut + 1), JSON.parse(key.slice(0, cut)) as Range[]];
}

function lintBlock(text: string, code: Range[], opts: LintOptions): LintFinding[] {
  if (!text) return [];
  return contextFor(opts).lint(packBlockKey(text, code));
}

function lintText(text: string, teamName: string | undefined, names: RegExp[], code: Range[]): LintFinding[] {
  const suggestion = roleOf(teamName);
  const inCode = overlapsAny(code);
  const inUrl = overlapsAny(rangesOf(text, URL));
  const candidates: LintFinding[] = [];
  const add = (kind: LintKind, from: number, match: string, message: string, suggested: string) =>
    candidates.push({ kind, from, to: from + match.length, match, message, suggestion: suggested });

  for (const regex of names) {
    for (const m of text.matchAll(regex)) add("name", m.index, m[0], NAME_MESSAGE, suggestion);
  }
  for (const m of text.matchAll(MENTION)) {
    const to = m.index + m[0].length;
    if (BROADCASTS.has(m[0].toLowerCase()) || inCode(m.index, to) || inUrl(m.index, to)) continue;
    add("mention", m.index, m[0], MENTION_MESSAGE, suggestion);
  }
  for (const rule of ANY_BLAME.test(text) ? BLAME_REGEXES : []) {
    for (const m of text.matchAll(rule.regex)) {
      if (inCode(m.index, m.index + m[0].length)) continue;
      add("blame", m.index, m[0], rule.message, rule.suggestion);
    }
  }
  return withoutOverlaps(candidates, text.length);
}

/** Longest first, then earliest; a finding is kept only if none of its characters is taken. */
function withoutOverlaps(candidates: LintFinding[], length: number): LintFinding[] {
  const order = candidates.map((c, i) => ({ c, i })).sort((a, b) => b.c.to - b.c.from - (a.c.to - a.c.from) || a.c.from - b.c.from || a.i - b.i);
  const taken = new Uint8Array(length);
  const kept: LintFinding[] = [];
  for (const { c } of order) {
    let free = true;
    for (let k = c.from; k < c.to && free; k++) free = taken[k] === 0;
    if (!free) continue;
    taken.fill(1, c.from, c.to);
    kept.push(c);
  }
  return kept.sort((a, b) => a.from - b.from);
}

function roleOf(teamName: string | undefined): string {
  const team = teamName?.trim().replace(/\s+team$/i, "");
  return team ? `an engineer on the ${team} team` : "an engineer";
}

function namePatterns(people: LintOptions["people"]): RegExp[] {
  const full = new Set<string>();
  const first = new Set<string>();
  const emails = new Set<string>();
  for (const person of people) {
    const parts = person.name.trim().split(/\s+/).filter(Boolean);
    if (parts.length >= 2) full.add(parts.map(escapeName).join("[\\s\\u00a0]+"));
    const given = parts[0];
    if (given && [...given].filter((c) => /\p{L}/u.test(c)).length >= 3) first.add(escapeName(given[0]!.toUpperCase() + given.slice(1)));
    const email = person.email?.trim();
    if (email) emails.add(escapeRegex(email));
  }
  const alternation = (set: Set<string>) => [...set].sort((a, b) => b.length - a.length).join("|");
  const patterns: RegExp[] = [];
  if (full.size) patterns.push(new RegExp(`${START}(?:${alternation(full)})${END}`, "giu"));
  if (first.size) patterns.push(new RegExp(`${START}(?:${alternation(first)})${END}`, "gu"));
  if (emails.size) patterns.push(new RegExp(`(?<![\\p{L}\\p{N}_.+\\-])(?:${alternation(emails)})(?![\\p{L}\\p{N}_-])`, "giu"));
  return patterns;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
// O'Brien is typed with either apostrophe.
const escapeName = (s: string) => escapeRegex(s).replace(/['’]/g, "['’]");

function rangesOf(text: string, regex: RegExp): Range[] {
  return [...text.matchAll(regex)].map((m) => [m.index, m.index + m[0].length]);
}

function overlapsAny(ranges: Range[]): (from: number, to: number) => boolean {
  return (from, to) => ranges.some(([a, b]) => from < b && a < to);
}
