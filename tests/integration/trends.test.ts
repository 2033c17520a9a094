import { eq, inArray } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { TrendCharts, trendChartsMarkup } from "~/components/trends/trend-charts";
import { addCategory } from "~/data/categories.server";
import { listCoes } from "~/data/coe-list.server";
import { trendsFigures, trendsFiguresCached } from "~/data/trends.server";
import { slipOf } from "~/domain/action-items/slip";
import { utcDay } from "~/domain/calendar-date";
import { parseCoeListQuery } from "~/domain/coe/list-query";
import type { ActionItem, CoeDocument, TimelineEntry } from "~/domain/coe/interchange";
import { CHARTS } from "~/domain/trends/charts";
import { parseTrendsQuery } from "~/domain/trends/period";
import { loader as csvLoader } from "~/routes/trends.$file";
import { loader as pageLoader } from "~/routes/trends._index";
import { type Db, withTransaction } from "../../db/client";
import { actionItems, auditEvents, coes, rootCauseCategories, services, teams, whyNodes } from "../../db/schema";
import { insertCoe } from "../factories";
import { returnedData, routeArgs, thrownStatus } from "../setup/route-args";
import { freshDb } from "../setup/test-db";
import { insertUser, sessionCookieFor } from "../setup/users";

/* Issue 13: the trends page's figures on a fixture with known answers, the same on both engines. */

const NOW = new Date("2026-06-15T12:00:00Z");
const MINUTE = 60_000;
const RANGE = "from=2026-03&to=2026-05";

/** An item's slip at NOW by the domain's own rule (slipOf), and its band. */
const slipNow = (r: typeof actionItems.$inferSelect) =>
  slipOf(
    {
      status: r.status,
      createdDay: utcDay(r.createdAt.getTime()),
      originalPromisedDate: r.originalPromisedDate,
      validatedDay: r.validatedAt && utcDay(r.validatedAt.getTime()),
    },
    utcDay(NOW.getTime()),
  );
const bandOf = (v: number) => (v <= 1 ? "kept" : v <= 1.2 ? "fine" : v <= 2 ? "warning" : v <= 3 ? "late" : "very-late");

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
const item = (
  title: string,
  horizon: ActionItem["horizon"],
  status: ActionItem["status"],
  promisedDate: string | null,
  extra: Partial<ActionItem> = {},
): ActionItem => ({
  title,
  horizon,
  owner: null,
  promisedDate,
  status,
  customerFacing: false,
  scaling: null,
  ...(status === "validated" ? { validationNote: "Replayed the traffic" } : {}),
  ...(status === "cancelled" ? { cancelReason: "Superseded" } : {}),
  ...extra,
});

type Spec = {
  created: string;
  severity: number;
  team?: string;
  ttd?: number;
  ttm: number;
  customerStartEarlier?: number;
  items?: ActionItem[];
  extra?: Partial<CoeDocument>;
};

/** A COE opened on `created` (08:00 UTC) whose timeline gives exactly these minutes to detect and to mitigate. */
function doc(s: Spec): Partial<CoeDocument> {
  const start = Date.parse(`${s.created}T08:00:00Z`);
  const timeline: TimelineEntry[] = [
    { at: iso(start), kind: "impact_start", text: "Errors began" },
    ...(s.ttd === undefined ? [] : [{ at: iso(start + s.ttd * MINUTE), kind: "detected" as const, text: "Alarm" }]),
    { at: iso(start + s.ttm * MINUTE), kind: "mitigated", text: "Back to normal" },
  ];
  const customerImpact = s.customerStartEarlier ? { startedAt: iso(start - s.customerStartEarlier * MINUTE), regions: [] } : { regions: [] };
  return {
    severity: s.severity,
    team: s.team ?? "Storage",
    services: [s.team === "Payments" ? "Card authorisation" : "Object store"],
    timeline,
    customerImpact,
    actionItems: s.items ?? [],
    ...s.extra,
  } as Partial<CoeDocument>;
}

const SPECS: Spec[] = [
  {
    created: "2026-03-05",
    severity: 2,
    ttd: 10,
    ttm: 60,
    items: [item("a", "short", "open", "2026-03-15"), item("b", "mid", "validated", "2026-03-20"), item("c", "long", "cancelled", "2026-04-01")],
  },
  {
    created: "2026-03-10",
    severity: 2,
    ttd: 20,
    ttm: 30,
    items: [item("d", "short", "in_progress", "2026-06-01"), item("e", "mid", "open", null), item("f", "short", "implemented", "2026-05-01")],
  },
  { created: "2026-03-20", severity: 3, ttd: 40, ttm: 90, items: [item("g", "short", "open", "2026-04-30")] },
  { created: "2026-04-02", severity: 1, ttd: 5, ttm: 50 },
  { created: "2026-04-20", severity: 4, ttd: 5, ttm: 100, customerStartEarlier: 10 },
  { created: "2026-05-01", severity: 5, ttm: 45, extra: { customerRca: "We are sorry: here is what happened." } as Partial<CoeDocument> },
  { created: "2026-02-27", severity: 1, ttd: 100, ttm: 200 },
  { created: "2026-04-10", severity: 3, team: "Payments", ttd: 1000, ttm: 2000 },
];

type World = { db: Db; ids: number[]; storage: number; objectStore: number; memberCookie: string };

async function world(): Promise<World> {
  const db = await freshDb();
  const ids: number[] = [];
  for (const [i, s] of SPECS.entries()) ids.push(await insertCoe(db, doc(s), { seed: i + 1, now: new Date(`${s.created}T09:00:00Z`) }));
  await withTransaction(db, async (tx) => {
    // The category editor is another part of issue 13: the fixture writes category_id directly.
    const [config, capacity, hostile] = await tx
      .insert(rootCauseCategories)
      .values([{ name: "Trend test: configuration" }, { name: "Trend test: capacity" }, { name: '=HYPERLINK("http://evil")' }])
      .returning({ id: rootCauseCategories.id });
    const nodesOf = (coeId: number) => tx.select({ id: whyNodes.id }).from(whyNodes).where(eq(whyNodes.coeId, coeId));
    const set = async (coeId: number, categoryId: number, count: number) => {
      const nodes = (await nodesOf(coeId)).slice(0, count).map((n) => n.id);
      await tx.update(whyNodes).set({ categoryId }).where(inArray(whyNodes.id, nodes));
    };
    await set(ids[0]!, config!.id, 2); // two whys of one COE: counted once
    await set(ids[1]!, config!.id, 1);
    await set(ids[2]!, capacity!.id, 1);
    await set(ids[6]!, capacity!.id, 1); // February: outside the period
    await set(ids[3]!, hostile!.id, 1);
    // The customer RCA of the 20 April COE is owed but not yet due.
    await tx
      .update(coes)
      .set({ rcaOwedAt: new Date(NOW.getTime() + 86_400_000) })
      .where(eq(coes.id, ids[4]!));
    // Two March RCAs were written (a write stamps when): one by its due day, one two days after it.
    const due = new Date("2026-03-08T09:00:00Z");
    await tx
      .update(coes)
      .set({ rcaOwedAt: null, rcaDueAt: due, rcaWrittenAt: new Date(due.getTime() - 3_600_000) })
      .where(eq(coes.id, ids[0]!));
    await tx
      .update(coes)
      .set({ rcaOwedAt: null, rcaDueAt: due, rcaWrittenAt: new Date(due.getTime() + 2 * 86_400_000) })
      .where(eq(coes.id, ids[1]!));
  });
  const [storage] = await db.select({ id: teams.id }).from(teams).where(eq(teams.name, "Storage"));
  const [objectStore] = await db.select({ id: services.id }).from(services).where(eq(services.name, "Object store"));
  const member = await insertUser(db, "member");
  return { db, ids, storage: storage!.id, objectStore: objectStore!.id, memberCookie: await sessionCookieFor(member.id) };
}

const figures = (w: World, search: string) => trendsFigures(w.db, parseTrendsQuery(new URLSearchParams(search)), NOW);
const durationsOf = (rows: Awaited<ReturnType<typeof figures>>["durations"], metric: string) =>
  Object.fromEntries(rows.filter((r) => r.metric === metric).map((r) => [r.month, [r.n, r.median! / MINUTE, r.p90! / MINUTE]]));

describe("trends figures (known answers)", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it("counts COEs per month and severity in the period, and states the period", async () => {
    const f = await figures(w, RANGE);
    expect(f.period.months).toEqual(["2026-03", "2026-04", "2026-05"]);
    expect(f.coeCount).toBe(7);
    const table = CHARTS["coes-by-severity"].table(f);
    expect(table.rows).toEqual([
      ["2026-03", 0, 2, 1, 0, 0, 3],
      ["2026-04", 1, 0, 1, 1, 0, 3],
      ["2026-05", 0, 0, 0, 0, 1, 1],
    ]);
  });

  it("computes the figures once for requests that arrive together, and keeps them", async () => {
    const q = parseTrendsQuery(new URLSearchParams(RANGE));
    const [a, b] = await Promise.all([trendsFiguresCached(w.db, q, NOW), trendsFiguresCached(w.db, q, NOW)]);
    expect(a).toBe(b);
    expect(await trendsFiguresCached(w.db, q, NOW)).toBe(a);
    // A sign-in is audited but changes no figure: still kept. A change to the taxonomy is not kept past.
    await withTransaction(w.db, (tx) => tx.insert(auditEvents).values({ action: "session.sign-in", entityType: "user", createdAt: NOW }));
    expect(await trendsFiguresCached(w.db, q, NOW)).toBe(a);
    const admin = await insertUser(w.db, "admin");
    await addCategory(w.db, { actorId: admin.id }, { name: "Kept-cache probe", description: "" });
    const after = await trendsFiguresCached(w.db, q, NOW);
    expect(after).not.toBe(a);
    expect(after).toEqual(a);
  });

  it("gives the median and 90th percentile (nearest rank) of time to detect and to mitigate per month", async () => {
    const f = await figures(w, RANGE);
    // April's second COE: the Customer impact start (10 min before the timeline's) wins, so TTD 15 and TTM 110.
    expect(durationsOf(f.durations, "ttd")).toEqual({ "2026-03": [3, 20, 40], "2026-04": [3, 15, 1000] });
    expect(durationsOf(f.durations, "ttm")).toEqual({ "2026-03": [3, 60, 90], "2026-04": [3, 110, 2000], "2026-05": [1, 45, 45] });
  });

  it("compares this quarter's median with last quarter's, whatever the period shown", async () => {
    const f = await figures(w, "months=3");
    expect(f.quarters.current).toBe("2026-Q2");
    expect(f.quarters.previous).toBe("2026-Q1");
    const q = Object.fromEntries(f.quarters.rows.map((r) => [`${r.quarter} ${r.metric}`, [r.n, r.median! / MINUTE]]));
    expect(q).toEqual({ "2026-Q1 ttd": [4, 20], "2026-Q1 ttm": [4, 60], "2026-Q2 ttd": [3, 15], "2026-Q2 ttm": [4, 50] });
  });

  it("counts action items by horizon and state, and slip bands as slipOf measures them", async () => {
    const f = await figures(w, RANGE);
    const byKey = Object.fromEntries(f.actionItems.map((r) => [`${r.horizon} ${r.status}`, r.n]));
    expect(byKey).toEqual({ "short open": 2, "short in_progress": 1, "short implemented": 1, "mid validated": 1, "mid open": 1, "long cancelled": 1 });
    expect(Object.fromEntries(f.slip.map((r) => [r.bucket, r.n]))).toEqual({ kept: 1, fine: 1, warning: 1, late: 1, "very-late": 1 });
    // The same items through the domain's own rule land in the same bands.
    const rows = await w.db.select().from(actionItems);
    const slips = rows
      .map(slipNow)
      .filter((v) => v !== undefined)
      .sort((a, b) => a - b);
    expect(slips.map(bandOf)).toEqual(["kept", "fine", "warning", "late", "very-late"]);
  });

  it("counts each root-cause category once per COE, most frequent first", async () => {
    const f = await figures(w, RANGE);
    expect(f.categories.map((c) => [c.name, c.n])).toEqual([
      ["Trend test: configuration", 2],
      ['=HYPERLINK("http://evil")', 1],
      ["Trend test: capacity", 1],
    ]);
  });

  it("sorts customer RCAs into late, written late, owed, written on time and not measured, by month", async () => {
    const f = await figures(w, RANGE);
    // May's RCA arrived written by import: when it was written is not known.
    expect(CHARTS["customer-rcas"].table(f).rows).toEqual([
      ["2026-03", 1, 1, 0, 1, 0, 3],
      ["2026-04", 2, 0, 1, 0, 0, 3],
      ["2026-05", 0, 0, 0, 0, 1, 1],
    ]);
  });

  it("filters by team, service and severity", async () => {
    const team = await figures(w, `${RANGE}&team=${w.storage}`);
    expect(team.coeCount).toBe(6);
    expect(durationsOf(team.durations, "ttd")["2026-04"]).toEqual([2, 5, 15]);
    expect((await figures(w, `${RANGE}&service=${w.objectStore}`)).coeCount).toBe(6);
    const sev3 = await figures(w, `${RANGE}&severity=3`);
    expect(sev3.coeCount).toBe(2);
    expect(sev3.actionItems).toEqual([{ horizon: "short", status: "open", n: 1 }]);
  });

  it("links a month's bar to the COE list of that month, which lists the same COEs", async () => {
    const listed = await listCoes(w.db, parseCoeListQuery(new URLSearchParams(`from=2026-04&to=2026-04&severity=3&team=${w.storage}`)));
    expect(listed.total).toBe(0);
    const april = await listCoes(w.db, parseCoeListQuery(new URLSearchParams(`from=2026-04&to=2026-04&service=${w.objectStore}`)));
    expect(april.rows.map((r) => r.id).sort()).toEqual([w.ids[3], w.ids[4]].sort());
  });

  it("links every action-item and slip bar to the COEs that have such items, which hold exactly that many", async () => {
    const query = parseTrendsQuery(new URLSearchParams(RANGE));
    const markup = trendChartsMarkup(query, await trendsFigures(w.db, query, NOW));
    const marks = [...markup.matchAll(/<a href="\/coes\?([^"]*)" aria-label="([^"]*): (\d+) action items?"/g)];
    expect(marks.filter(([, href]) => href!.includes("slip=")).length).toBe(5);
    expect(marks.filter(([, href]) => href!.includes("horizon=")).length).toBeGreaterThan(2);
    for (const [, href, label, n] of marks) {
      const params = new URLSearchParams(href!.replaceAll("&amp;", "&"));
      const listed = await listCoes(w.db, parseCoeListQuery(params), NOW);
      const items = await w.db
        .select()
        .from(actionItems)
        .where(
          inArray(
            actionItems.coeId,
            listed.rows.map((r) => r.id),
          ),
        );
      const slip = params.get("slip");
      const counted = items.filter((i) => {
        if (slip) return i.status !== "cancelled" && slipNow(i) !== undefined && bandOf(slipNow(i)!) === slip;
        return i.horizon === params.get("horizon") && i.status === params.get("item");
      });
      // Exactly that many items, and every COE listed has one.
      expect({ label, items: counted.length, coes: new Set(counted.map((i) => i.coeId)).size }).toEqual({ label, items: Number(n), coes: listed.total });
    }
  });

  it("links every counted mark (months by severity, categories, customer RCAs) to a COE list holding exactly that many COEs", async () => {
    for (const filters of [RANGE, `${RANGE}&team=${w.storage}`, `${RANGE}&severity=3`]) {
      const query = parseTrendsQuery(new URLSearchParams(filters));
      const markup = trendChartsMarkup(query, await trendsFigures(w.db, query, NOW));
      const marks = [...markup.matchAll(/<a href="\/coes\?([^"]*)" aria-label="([^"]*): (\d+) COEs?"/g)];
      expect(marks.length).toBeGreaterThan(2);
      expect(marks.some(([, href]) => href!.includes("category="))).toBe(true);
      expect(marks.some(([, href]) => href!.includes("rca=late"))).toBe(true);
      for (const [, href, label, n] of marks) {
        const listed = await listCoes(w.db, parseCoeListQuery(new URLSearchParams(href!.replaceAll("&amp;", "&"))), NOW);
        expect({ label, total: listed.total }).toEqual({ label, total: Number(n) });
      }
    }
  });
});

describe("trends routes", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  const get = (cookie?: string): RequestInit => ({ headers: cookie ? { cookie } : {} });

  it("shows any member the page; sends a signed-out visitor to sign in", async () => {
    const data = returnedData<Awaited<ReturnType<typeof pageLoader>>>(await pageLoader(routeArgs(`http://t/trends?${RANGE}`, {}, get(w.memberCookie))));
    expect(data.figures.coeCount).toBe(7);
    // Drawn on the server: each bar is a link named with its value, to the COEs behind it.
    expect(renderToStaticMarkup(createElement(TrendCharts, { query: data.query, figures: data.figures }))).toContain(
      `<a href="/coes?severity=2&amp;from=2026-03&amp;to=2026-03" aria-label="March 2026, Sev 2: 2 COEs"`,
    );
    expect(data.teams.map((t) => t.name)).toContain("Storage");
    const out = await thrownStatus(pageLoader(routeArgs(`http://t/trends?${RANGE}`, {}, get())));
    expect(out.status).toBe(302);
    expect(out.location).toMatch(/^\/login\?redirectTo=%2Ftrends/);
  });

  it("downloads a chart's data as CSV with the page's filters, formulas defused", async () => {
    const res = (await csvLoader(routeArgs(`http://t/trends/root-causes.csv?${RANGE}`, { file: "root-causes.csv" }, get(w.memberCookie)))) as Response;
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain("root-causes-2026-03-to-2026-05.csv");
    expect(await res.text()).toBe(`Category,COEs\r\nTrend test: configuration,2\r\n"'=HYPERLINK(""http://evil"")",1\r\nTrend test: capacity,1\r\n`);
    const bySeverity = (await csvLoader(
      routeArgs(`http://t/trends/coes-by-severity.csv?${RANGE}&severity=2`, { file: "coes-by-severity.csv" }, get(w.memberCookie)),
    )) as Response;
    expect((await bySeverity.text()).split("\r\n")[1]).toBe("2026-03,0,2,0,0,0,2");
  });

  it("answers 404 for an unknown chart and sends a signed-out visitor to sign in", async () => {
    expect((await thrownStatus(csvLoader(routeArgs("http://t/trends/nope.csv", { file: "nope.csv" }, get(w.memberCookie))))).status).toBe(404);
    expect((await thrownStatus(csvLoader(routeArgs("http://t/trends/slip.csv", { file: "slip.csv" }, get())))).status).toBe(302);
  });
});
