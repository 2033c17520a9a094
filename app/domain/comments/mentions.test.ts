import { describe, expect, it } from "vitest";
import { findMentions, mentionDirectory, mentionHandle, mentionSpans, type FoundMentions, type MentionSpan, type MentionUser } from "./mentions";

const ana: MentionUser = { id: 1, email: "ana@example.com", name: "Ana Lopez" };
const anaLopez: MentionUser = { id: 2, email: "ana.lopez@other.org", name: "Ana María López" };
const bo: MentionUser = { id: 3, email: "bo@example.com", name: "Bo Chen" };
const bo2: MentionUser = { id: 4, email: "bo@other.org", name: "Robert Chen" };
const sam: MentionUser = { id: 5, email: "Sam.O'Neil@Example.com", name: "Sam O'Neil" };
const kim: MentionUser = { id: 6, email: "kim+ops@example.com", name: "Kim" };
const USERS = [ana, anaLopez, bo, bo2, sam, kim];

const none: FoundMentions = { userIds: [], unknown: [], ambiguous: [] };
const ids = (...userIds: number[]): FoundMentions => ({ ...none, userIds });

describe("findMentions", () => {
  it.each<[string, string, FoundMentions]>([
    ["no mention", "Looks good to me.", none],
    ["an empty body", "", none],
    ["a full email", "@ana@example.com please check", ids(1)],
    ["a full email in other case", "cc @ANA@Example.COM", ids(1)],
    ["a local part", "@ana what do you think?", ids(1)],
    ["a local part with a dot, longest wins over @ana", "@ana.lopez see above", ids(2)],
    ["a local part with a plus", "@kim+ops", ids(6)],
    ["a name without spaces", "@AnaLopez", ids(1)],
    ["a name, case-insensitive", "@analopez and @ANALOPEZ", ids(1)],
    ["a name with accents", "@AnaMaríaLópez", ids(2)],
    ["a name with an apostrophe", "@SamO'Neil agreed", ids(5)],
    ["a local part with an apostrophe and a dot", "@sam.o'neil", ids(5)],
    ["at the start of the body", "@bo@example.com", ids(3)],
    ["after punctuation", '(@ana), [@kim+ops]; "@BoChen"', ids(1, 6, 3)],
    ["followed by a sentence's full stop", "Thanks @ana.", ids(1)],
    ["an email followed by a full stop", "Thanks @bo@other.org.", ids(4)],
    ["followed by a comma or colon", "@ana, @BoChen: look", ids(1, 3)],
    ["a possessive", "@ana's point", ids(1)],
    ["on several lines", "first\n@ana\nsecond @BoChen", ids(1, 3)],
    ["mentions in order of first appearance, once each", "@kim+ops @ana @kim+ops @AnaLopez @ana@example.com", ids(6, 1)],
    ["an email in the middle of a word is not a mention", "mail x@y.com or ana@example.com", none],
    ["a bare @", "meet @ noon", none],
    ["a doubled @", "@@ana", none],
    ["an @ at the end", "cc @", none],
    ["an unknown handle", "@zed please", { ...none, unknown: ["@zed"] }],
    ["an unknown handle, trailing dot dropped", "ask @zed.", { ...none, unknown: ["@zed"] }],
    ["an unknown email", "@ana@example.org", { ...none, unknown: ["@ana@example.org"] }],
    ["an email with a longer domain is not the shorter one", "@ana@example.com.au", { ...none, unknown: ["@ana@example.com.au"] }],
    ["a known handle continued by more word", "@anax", { ...none, unknown: ["@anax"] }],
    ["a known handle continued by a hyphen", "@ana-team", { ...none, unknown: ["@ana-team"] }],
    ["unknown handles once each, case aside, as first written", "@Zed @zed @ZED", { ...none, unknown: ["@Zed"] }],
    ["a shared local part is ambiguous", "@bo look", { ...none, ambiguous: ["@bo"] }],
    ["a surname alone is no handle", "@Chen", { ...none, unknown: ["@Chen"] }],
    ["ambiguous once each", "@bo @BO", { ...none, ambiguous: ["@bo"] }],
    ["the full email settles it", "@bo @bo@other.org", { ...none, userIds: [4], ambiguous: ["@bo"] }],
    ["everything together", "@ana @zed @bo @BoChen", { userIds: [1, 3], unknown: ["@zed"], ambiguous: ["@bo"] }],
  ])("%s", (_, body, expected) => expect(findMentions(body, USERS)).toEqual(expected));

  it("finds nothing known without users", () => {
    expect(findMentions("@ana hi", [])).toEqual({ ...none, unknown: ["@ana"] });
  });

  it("a local part one user has and another's name handle shares is ambiguous", () => {
    const users = [
      { id: 1, email: "lee@example.com", name: "Lee Park" },
      { id: 2, email: "jl@example.com", name: "Lee" },
    ];
    expect(findMentions("@lee", users)).toEqual({ ...none, ambiguous: ["@lee"] });
    expect(findMentions("@LeePark @jl", users)).toEqual(ids(1, 2));
  });

  it("two users of the same name are ambiguous by name, and each answers to a unique local part", () => {
    const users = [
      { id: 1, email: "jo1@example.com", name: "Jo Smith" },
      { id: 2, email: "jo2@example.com", name: "jo  smith" },
    ];
    expect(findMentions("@JoSmith", users)).toEqual({ ...none, ambiguous: ["@JoSmith"] });
    expect(findMentions("@jo2 @jo1", users)).toEqual(ids(2, 1));
  });

  it("one user answering to a handle twice (local part and name) is not ambiguous", () => {
    expect(findMentions("@kim", USERS)).toEqual(ids(6));
  });
});

describe("mentionSpans", () => {
  it.each<[string, string, MentionSpan[]]>([
    ["an empty body", "", []],
    ["no mention", "plain words", [{ text: "plain words" }]],
    ["a mention alone", "@ana", [{ text: "@ana", userId: 1 }]],
    [
      "text around mentions",
      "Hi @ana, and @BoChen.",
      [{ text: "Hi " }, { text: "@ana", userId: 1 }, { text: ", and " }, { text: "@BoChen", userId: 3 }, { text: "." }],
    ],
    ["two mentions side by side", "@ana @kim", [{ text: "@ana", userId: 1 }, { text: " " }, { text: "@kim", userId: 6 }]],
    ["unknown and ambiguous stay text, merged", "@zed and @bo ok", [{ text: "@zed and @bo ok" }]],
    ["an unknown between mentions", "@ana @zed @kim", [{ text: "@ana", userId: 1 }, { text: " @zed " }, { text: "@kim", userId: 6 }]],
    ["the text as written, case kept", "@ANA@EXAMPLE.COM!", [{ text: "@ANA@EXAMPLE.COM", userId: 1 }, { text: "!" }]],
    ["emails inside words are text", "x@y.com", [{ text: "x@y.com" }]],
    ["markup is just text", "<b>@ana</b>", [{ text: "<b>" }, { text: "@ana", userId: 1 }, { text: "</b>" }]],
  ])("%s", (_, body, expected) => expect(mentionSpans(body, USERS)).toEqual(expected));

  it("joins back to the body", () => {
    for (const body of ["", "@ana", "a @ana b @zed c @bo d @BoChen", "x@y.com @@ana @ end @"]) {
      expect(
        mentionSpans(body, USERS)
          .map((s) => s.text)
          .join(""),
      ).toBe(body);
    }
  });
});

describe("mentionHandle", () => {
  it.each<[string, MentionUser, MentionUser[], string]>([
    ["a unique local part", ana, USERS, "@ana"],
    ["a local part with a dot", anaLopez, USERS, "@ana.lopez"],
    ["a local part two users share: the full email", bo, USERS, "@bo@example.com"],
    ["the other one of them", bo2, USERS, "@bo@other.org"],
    ["a local part as the email spells it", sam, USERS, "@Sam.O'Neil"],
    ["a local part with a plus", kim, USERS, "@kim+ops"],
    ["a user not in the list", { id: 9, email: "new@example.com", name: "New Person" }, USERS, "@new"],
    ["a user alone", bo, [], "@bo"],
    ["a local part another user's name handle shares", { id: 7, email: "anamaríalópez@x.org", name: "A" }, USERS, "@anamaríalópez@x.org"],
    ["a stale copy of the same user in the list does not count as another", ana, [{ ...ana, name: "Old Name" }], "@ana"],
    ["not an email", { id: 8, email: "localonly", name: "L" }, [], "@localonly"],
  ])("%s", (_, user, users, expected) => expect(mentionHandle(user, users)).toBe(expected));

  it("suggests handles that findMentions resolves to the same user", () => {
    for (const user of USERS) expect(findMentions(`${mentionHandle(user, USERS)} hi`, USERS)).toEqual(ids(user.id));
  });

  it("gives the same handles, spans and mentions from a directory built once for a page", () => {
    const directory = mentionDirectory(USERS);
    for (const user of USERS) {
      const body = `${mentionHandle(user, USERS)} and @bo and @nobody, cc ${user.email}.`;
      expect(mentionHandle(user, directory)).toBe(mentionHandle(user, USERS));
      expect(mentionSpans(body, directory)).toEqual(mentionSpans(body, USERS));
      expect(findMentions(body, directory)).toEqual(findMentions(body, USERS));
    }
  });
});
