import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { HOSTILE_REDIRECTS, SAFE_REDIRECTS, type RedirectPayload } from "../fixtures/open-redirect-payloads";
import { postFormFrom, send } from "../setup/http-from";
import { setUpTestServer } from "../setup/test-server";
import { insertUser } from "../setup/users";
import { reportCases } from "./cases";
import { RIGHT, sessionsOf, signInEventsOf } from "./sign-in-attempts";

// Every payload through the real sign-in page: as the link a victim follows (GET /login?redirectTo=…)
// and as the field a hostile client posts straight to the form.
const server = setUpTestServer();

const cases: (RedirectPayload & { expected: string })[] = [
  ...HOSTILE_REDIRECTS.map((p) => ({ ...p, expected: "/coes" })),
  ...SAFE_REDIRECTS.map((p) => ({ ...p, expected: p.parsed })),
];
// The form reader refuses C0 control characters other than tab, LF and CR in any field (400, nothing written).
// eslint-disable-next-line no-control-regex -- the control characters the form reader refuses
const REFUSED_BY_FORM_READER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const entities: Record<string, string> = { "&amp;": "&", "&quot;": '"', "&#x27;": "'", "&#39;": "'", "&lt;": "<", "&gt;": ">" };
function hiddenRedirectTo(html: string): string | undefined {
  const raw = /<input type="hidden" name="redirectTo" value="([^"]*)"/.exec(html)?.[1];
  return raw?.replace(/&(?:amp|quot|#x27|#39|lt|gt);/g, (e) => entities[e]!);
}

/** Runs `task` over `items` with at most `lanes` at a time, each lane with its own index. */
async function inLanes<T>(items: T[], lanes: number, task: (item: T, lane: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      while (next < items.length) await task(items[next++]!, lane);
    }),
  );
}

describe("redirectTo on the sign-in page", () => {
  it("the page puts only a safe target in its form, whatever the link says, and never fails", async () => {
    const wrong: string[] = [];
    await inLanes(cases, 4, async (c) => {
      const page = await send(`${server().origin}/login?${new URLSearchParams({ redirectTo: c.value })}`);
      const field = hiddenRedirectTo(page.body);
      if (page.status !== 200 || field !== c.expected) wrong.push(`${c.name}: ${page.status} ${JSON.stringify(field)}`);
    });
    expect(wrong).toEqual([]);
    reportCases("redirects", cases.length);
  });

  it("a sign-in posted with the payload redirects to this site (or is a 400 that wrote nothing), never a 500", async () => {
    const users = await Promise.all([0, 1, 2, 3].map(() => insertUser(getDb(), "author")));
    const origin = server().origin;
    const wrong: string[] = [];
    await inLanes(cases, users.length, async (c, lane) => {
      const user = users[lane]!;
      const before = { sessions: (await sessionsOf(user.id)).length, events: (await signInEventsOf(user.id)).length };
      const reply = await postFormFrom(origin, "/login", { email: user.email, password: RIGHT, redirectTo: c.value }, { from: `127.0.0.${61 + lane}` });
      const after = { sessions: (await sessionsOf(user.id)).length, events: (await signInEventsOf(user.id)).length };
      const location = reply.headers.location;
      const wrote = after.sessions - before.sessions + after.events - before.events;
      if (reply.status === 302) {
        if (location !== c.expected || new URL(location, origin).origin !== origin || wrote !== 2) wrong.push(`${c.name}: 302 to ${location}, ${wrote} rows`);
      } else if (!(reply.status === 400 && REFUSED_BY_FORM_READER.test(c.value) && wrote === 0)) {
        wrong.push(`${c.name}: ${reply.status}, ${wrote} rows written`);
      }
    });
    expect(wrong).toEqual([]);
    reportCases("redirects", cases.length);
  }, 120_000);
});
