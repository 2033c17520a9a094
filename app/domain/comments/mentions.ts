/** A person who can be mentioned. */
export type MentionUser = { id: number; email: string; name: string };

export type FoundMentions = { userIds: number[]; unknown: string[]; ambiguous: string[] };

/** A piece of a comment for display: plain text, or a mention with the user it names. */
export type MentionSpan = { text: string; userId?: number };

/** One `@…` in a body: where it is, as written, and who it may name (none: unknown; several: ambiguous). */
type Mention = { start: number; end: number; text: string; userIds: number[] };

/** Characters that make an `@` part of a word (an email address) rather than the start of a mention. */
const WORDLIKE_BEFORE = /[\p{L}\p{N}_.%+\-@]/u;
/** Characters that continue a handle: a handle is only matched when the next character is not one of these. */
const CONTINUES = /[\p{L}\p{N}_%+\-@]/u;
/** What is reported as an unknown mention when no user's handle matches. */
const TOKEN = /^[\p{L}\p{N}_.%+-]+(?:@[\p{L}\p{N}_.-]+)?/u;

/** The part of an email before its last `@`; "" for a string that is not an email. */
const localPart = (email: string) => (email.includes("@") ? email.slice(0, email.lastIndexOf("@")) : "");
const nameHandle = (name: string) => name.replace(/\s+/g, "");

/**
 * Every handle users can be mentioned by, lower-cased, with who answers to it: the full email,
 * the email's local part and the name without spaces. A handle two users share names neither.
 */
function handleIndex(users: readonly MentionUser[]): Map<string, Set<number>> {
  const index = new Map<string, Set<number>>();
  const add = (handle: string, id: number) => {
    const key = handle.toLowerCase();
    if (key === "") return;
    if (!index.has(key)) index.set(key, new Set());
    index.get(key)!.add(id);
  };
  for (const u of users) {
    add(u.email, u.id);
    add(localPart(u.email), u.id);
    add(nameHandle(u.name), u.id);
  }
  return index;
}

/** The users' handles indexed once, for many bodies (a page of comments scans each against the same people). */
export type MentionDirectory = { readonly index: ReadonlyMap<string, ReadonlySet<number>>; readonly handles: readonly string[] };
type People = readonly MentionUser[] | MentionDirectory;

export function mentionDirectory(users: readonly MentionUser[]): MentionDirectory {
  const index = handleIndex(users);
  // Longest first: at an `@` the longest handle that matches wins.
  return { index, handles: [...index.keys()].sort((a, b) => b.length - a.length) };
}

const directoryOf = (people: People): MentionDirectory => ("handles" in people ? people : mentionDirectory(people));

/** Whether the handle ends at `at`: the text ends, or what follows cannot continue it ("." only ends it when no word follows, as at the end of a sentence). */
function endsAt(body: string, at: number): boolean {
  if (at >= body.length) return true;
  if (CONTINUES.test(body[at])) return false;
  return !(body[at] === "." && at + 1 < body.length && /[\p{L}\p{N}_]/u.test(body[at + 1]));
}

/** Whether the `@` at `at` starts a mention: not in the middle of a word such as `x@y.com`. */
const startsMention = (body: string, at: number) => at === 0 || !WORDLIKE_BEFORE.test(body[at - 1]);

/**
 * The mentions in a body, in order. At each `@` the longest handle that matches (case aside) and
 * ends there wins, so `@ana.lopez` is Ana López even when another user's local part is `ana`.
 * When none matches, the word after the `@` is kept as an unknown mention; a bare `@` is no mention.
 */
function scanMentions(body: string, people: People): Mention[] {
  const { index, handles } = directoryOf(people);
  const mentions: Mention[] = [];
  for (let at = body.indexOf("@"); at !== -1; at = body.indexOf("@", at + 1)) {
    if (!startsMention(body, at)) continue;
    const from = at + 1;
    const handle = handles.find((h) => body.slice(from, from + h.length).toLowerCase() === h && endsAt(body, from + h.length));
    if (handle !== undefined) {
      const end = from + handle.length;
      mentions.push({ start: at, end, text: body.slice(at, end), userIds: [...index.get(handle)!] });
      at = end - 1;
      continue;
    }
    const token = TOKEN.exec(body.slice(from))?.[0].replace(/[.-]+$/, "") ?? "";
    if (token === "" || token.startsWith("@")) continue;
    const end = from + token.length;
    mentions.push({ start: at, end, text: body.slice(at, end), userIds: [] });
    at = end - 1;
  }
  return mentions;
}

/**
 * Who a comment mentions, for notifications, and what the author should fix: `@` handles no one
 * answers to (`unknown`) and handles several users share (`ambiguous`: write the full email).
 * Each is listed once, in order of first appearance; unknown and ambiguous handles as written.
 */
export function findMentions(body: string, people: People): FoundMentions {
  const found: FoundMentions = { userIds: [], unknown: [], ambiguous: [] };
  const seen = new Set<string>();
  for (const m of scanMentions(body, people)) {
    if (m.userIds.length === 1) {
      if (!found.userIds.includes(m.userIds[0])) found.userIds.push(m.userIds[0]);
      continue;
    }
    const key = m.text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    (m.userIds.length === 0 ? found.unknown : found.ambiguous).push(m.text);
  }
  return found;
}

/**
 * A comment cut into plain-text pieces and mentions of known users, for the page to render as
 * text and links (no HTML is produced here, so nothing needs escaping twice). Unknown and
 * ambiguous handles stay plain text. Joining the pieces' text gives the body back.
 */
export function mentionSpans(body: string, people: People): MentionSpan[] {
  const spans: MentionSpan[] = [];
  const text = (t: string) => {
    if (t === "") return;
    const last = spans[spans.length - 1];
    if (last && last.userId === undefined) last.text += t;
    else spans.push({ text: t });
  };
  let from = 0;
  for (const m of scanMentions(body, people)) {
    if (m.userIds.length !== 1) continue;
    text(body.slice(from, m.start));
    spans.push({ text: m.text, userId: m.userIds[0] });
    from = m.end;
  }
  text(body.slice(from));
  return spans;
}

/**
 * The handle the mention picker inserts for a user: `@` and the email's local part when no one
 * else in `people` answers to it, else the full email, which always names one person. (A
 * directory must hold the user, as the page's directory of active users does.)
 */
export function mentionHandle(user: MentionUser, people: People): string {
  const index = "handles" in people ? people.index : handleIndex([...people.filter((u) => u.id !== user.id), user]);
  const local = localPart(user.email);
  const owners = index.get(local.toLowerCase());
  return local !== "" && owners?.size === 1 && owners.has(user.id) ? `@${local}` : `@${user.email}`;
}
