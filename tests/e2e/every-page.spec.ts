import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { sql } from "drizzle-orm";
import * as enums from "../../app/domain/enums";
import { addTimelineEntry, hydrated, importTestCoe, signInAs } from "./support";

/**
 * Every page of the app at 390 px (no sideways scroll) and with no internal enum value in its text.
 * The pages come from the route table (app/routes, flat routes): a route module with a default
 * export is a page, and every page must be listed in VISITS, so a new page cannot be missed.
 */
const routesDir = fileURLToPath(new URL("../../app/routes", import.meta.url));
const pageRouteIds = readdirSync(routesDir)
  .map((name) =>
    statSync(`${routesDir}/${name}`).isDirectory()
      ? { id: name, file: `${routesDir}/${name}/route.tsx` }
      : { id: name.replace(/\.tsx?$/, ""), file: `${routesDir}/${name}` },
  )
  .filter(({ file }) => existsSync(file) && /^export default /m.test(readFileSync(file, "utf8")))
  .map(({ id }) => id)
  .sort();

type Ids = { reading: number; editable: number; empty: number };
type Visit = { name: string; signedOut?: boolean; open: (page: Page, ids: Ids) => Promise<unknown> };

const VISITS: Record<string, Visit[]> = {
  $: [{ name: "404", open: (page) => page.goto("/no-such-page") }],
  "admin.audit": [{ name: "audit log", open: (page) => page.goto("/admin/audit") }],
  "admin.meetings": [{ name: "meeting settings", open: (page) => page.goto("/admin/meetings") }],
  "admin.action-items": [{ name: "action item settings", open: (page) => page.goto("/admin/action-items") }],
  "admin.categories": [{ name: "root-cause categories", open: (page) => page.goto("/admin/categories") }],
  "admin.tenets": [{ name: "tenet settings", open: (page) => page.goto("/admin/tenets") }],
  "tenets._index": [{ name: "tenets", open: (page) => page.goto("/tenets") }],
  // The seed's first tenet, which seed COEs cite.
  "tenets.$tenetId": [{ name: "a tenet's page", open: (page) => page.goto("/tenets/1") }],
  "coes.$coeId._index": [
    { name: "reading view", open: (page, ids) => page.goto(`/coes/${ids.reading}`) },
    // An empty COE shows every "not yet" message (the metrics name the timeline entries they need).
    { name: "reading view of a new COE", open: (page, ids) => page.goto(`/coes/${ids.empty}`) },
  ],
  "coes.$coeId.edit": [
    { name: "edit page", open: (page, ids) => page.goto(`/coes/${ids.editable}/edit`) },
    { name: "edit page of a new COE", open: (page, ids) => page.goto(`/coes/${ids.empty}/edit`) },
  ],
  "coes.$coeId.history": [
    { name: "history", open: (page, ids) => page.goto(`/coes/${ids.reading}/history`) },
    {
      name: "compare",
      open: async (page, ids) => {
        // A second version to compare (the seed imports each COE as one), then the form, as a reader uses it.
        await page.goto(`/coes/${ids.editable}/edit`);
        await hydrated(page);
        // A kind whose stored name has an underscore: the revision's summary on the history page must not show it.
        await addTimelineEntry(page, "2025-05-02T19:00:00", "mitigation_started", "A later step, for the compare view");
        await page.goto(`/coes/${ids.editable}/history`);
        await hydrated(page);
        const from = page.getByLabel("From version");
        const options = await from.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
        await from.selectOption(options[options.length - 1]!);
        await page.getByRole("button", { name: "Compare" }).click();
        await page.getByRole("heading", { name: /^Changes from version/ }).waitFor();
      },
    },
  ],
  "coes._index": [{ name: "list", open: (page) => page.goto("/coes") }],
  "coes.new": [{ name: "new", open: (page) => page.goto("/coes/new") }],
  notifications: [{ name: "notifications", open: (page) => page.goto("/notifications") }],
  "action-items": [
    { name: "my action items", open: (page) => page.goto("/action-items?status=all") },
    // A team's items, with their owners: the seed's first team.
    { name: "a team's action items", open: (page) => page.goto("/action-items?status=all&team=1") },
  ],
  login: [{ name: "login", signedOut: true, open: (page) => page.goto("/login") }],
  "meetings._index": [{ name: "meetings", open: (page) => page.goto("/meetings") }],
  // The next meeting (the seed queues its COEs in review for it), as it is before it starts: looking changes nothing.
  "meetings.$meetingId._index": [{ name: "agenda of the next meeting", open: (page) => openNextMeeting(page) }],
  "meetings.$meetingId.present": [
    {
      name: "presenting mode",
      open: async (page) => {
        await openNextMeeting(page);
        await page.getByRole("link", { name: "Presenting mode" }).click();
        await page.waitForURL(/\/present\?coe=\d+$/);
      },
    },
  ],
  // A team, as the meeting presents it: the seed's first team, in the next meeting.
  "meetings.$meetingId.teams.$team": [
    {
      name: "presenting a team",
      open: async (page) => {
        await openNextMeeting(page);
        await page.goto(`${new URL(page.url()).pathname}/teams/1`);
      },
    },
  ],
  search: [{ name: "search results", open: (page) => page.goto("/search?q=the") }],
  "teams._index": [{ name: "teams", open: (page) => page.goto("/teams") }],
  // The seed's first team: its open COEs, overdue and slipping items, figures.
  "teams.$team": [{ name: "a team's page", open: (page) => page.goto("/teams/1") }],
  // Every chart of the seed's COEs (opened this month), with their hidden tables.
  "trends._index": [{ name: "trends", open: (page) => page.goto("/trends") }],
  logout: [{ name: "sign out", open: (page) => page.goto("/logout") }],
};

/** The agenda of the meeting the meetings page highlights. */
async function openNextMeeting(page: Page) {
  await page.goto("/meetings");
  await page.locator(".meeting-card.is-next h3 a").click();
  await page.waitForURL(/\/meetings\/\d+$/);
}

test("every page of the route table is visited below", () => {
  expect(Object.keys(VISITS).sort()).toEqual(pageRouteIds);
});

let ids: Ids | undefined;
/** The seed's richest COEs (most timeline rows, action items and whys: the widest content there is), and one new, empty COE. */
async function seedIds(): Promise<Ids> {
  if (ids) return ids;
  const { getDb, rawRows } = await import("../../db/client");
  const rows = await rawRows<{ id: number; status: string }>(
    getDb(),
    sql`select c.id, c.status from coes c order by (select count(*) from timeline_entries t where t.coe_id = c.id) + (select count(*) from action_items a where a.coe_id = c.id) + (select count(*) from why_nodes w where w.coe_id = c.id) desc, c.id`,
  );
  const editable = rows.find((r) => r.status !== "approved" && r.status !== "closed");
  if (!rows[0] || !editable) throw new Error("the e2e database has no seeded COEs");
  ids = { reading: rows[0].id, editable: editable.id, empty: await importTestCoe({ title: "A COE with nothing written yet" }) };
  return ids;
}

/** Enum values with an underscore (in_review, impact_start, …): spelled this way they can only be internal names leaking. */
const INTERNAL = [
  ...new Set(Object.values(enums).flatMap((v) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string" && s.includes("_")) : []))),
];

for (const [routeId, visits] of Object.entries(VISITS)) {
  for (const visit of visits) {
    test(`${visit.name} (${routeId}): no sideways scroll at 390 px, no internal names`, async ({ browser, baseURL }) => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      if (!visit.signedOut) await signInAs(context, "admin", baseURL!);
      const page = await context.newPage();
      await visit.open(page, await seedIds());
      await hydrated(page);
      // The message names the deepest elements that stick out, so a failure says where to look.
      const overflow = await page.evaluate(() => ({
        width: document.documentElement.scrollWidth,
        culprits: [...document.querySelectorAll("body *")]
          .filter((el) => el.getBoundingClientRect().right > 391 && ![...el.children].some((c) => c.getBoundingClientRect().right > 391))
          .slice(0, 5)
          .map(
            (el) =>
              `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].join(".")} (${Math.round(el.getBoundingClientRect().right)} px)`,
          ),
      }));
      expect(overflow.width, `page width at 390 px; sticking out: ${overflow.culprits.join(", ")}`).toBeLessThanOrEqual(390);

      // What a person can read: the text, the options of every select, and accessible names and hints.
      const text = await page.evaluate(() =>
        [
          document.title,
          document.body.innerText,
          ...[...document.querySelectorAll("option")].map((o) => o.textContent ?? ""),
          ...[...document.querySelectorAll("[aria-label], [title], [placeholder]")].flatMap((el) =>
            ["aria-label", "title", "placeholder"].map((a) => el.getAttribute(a) ?? ""),
          ),
        ].join("\n"),
      );
      const leaks = INTERNAL.filter((value) => new RegExp(`(^|[^\\w-])${value}($|[^\\w-])`).test(text));
      expect(leaks, "internal enum values shown").toEqual([]);
      await context.close();
    });
  }
}
