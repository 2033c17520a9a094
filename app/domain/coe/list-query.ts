import { z } from "zod";
import { ACTION_STATUSES, COE_STATUSES, HORIZONS } from "../enums";
import { RCA_STATES, SLIP_BUCKETS } from "../trends/charts";

export const COE_SORTS = { updated: "Recently updated", created: "Newest", severity: "Most severe", title: "Title" } as const;
export type CoeSort = keyof typeof COE_SORTS;
export const PAGE_SIZE = 50;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** The list page's query string. Unknown or malformed values fall back to "no filter" rather than erroring: it is a bookmarkable URL. */
export const CoeListQuerySchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum(COE_STATUSES).optional()).catch(undefined),
  team: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()).catch(undefined),
  severity: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(5).optional()).catch(undefined),
  service: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()).catch(undefined),
  /** With a root cause of this category (the trends page links a category's COEs). */
  category: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()).catch(undefined),
  /** Whose customer RCA is in this state now (RCA_STATES: late, written late, owed, on time, not measured). */
  rca: z.preprocess(blankToUndefined, z.enum(RCA_STATES).optional()).catch(undefined),
  /** With an action item of this horizon… */
  horizon: z.preprocess(blankToUndefined, z.enum(HORIZONS).optional()).catch(undefined),
  /** …in this state (each alone, or both on the same item: the trends page links a horizon-and-state bar's COEs). */
  item: z.preprocess(blankToUndefined, z.enum(ACTION_STATUSES).optional()).catch(undefined),
  /** With an action item whose slip is in this band today (the trends page's slip bars). */
  slip: z.preprocess(blankToUndefined, z.enum(SLIP_BUCKETS).optional()).catch(undefined),
  /** Opened from the start of this month (YYYY-MM, UTC)… */
  from: z.preprocess(blankToUndefined, z.string().regex(MONTH).optional()).catch(undefined),
  /** …to the end of this one (the trends page links a month's COEs with both). */
  to: z.preprocess(blankToUndefined, z.string().regex(MONTH).optional()).catch(undefined),
  // A default for an absent value (most requests): cheaper than failing and catching.
  sort: z
    .enum(Object.keys(COE_SORTS) as [CoeSort, ...CoeSort[]])
    .default("updated")
    .catch("updated"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type CoeListQuery = z.infer<typeof CoeListQuerySchema>;

export function parseCoeListQuery(params: URLSearchParams): CoeListQuery {
  return CoeListQuerySchema.parse(Object.fromEntries(params));
}

/** The same query as a search string, without defaults, so links stay short and stable. */
export function coeListSearch(q: Partial<CoeListQuery>): string {
  const p = new URLSearchParams();
  if (q.status) p.set("status", q.status);
  if (q.team) p.set("team", String(q.team));
  if (q.severity) p.set("severity", String(q.severity));
  if (q.service) p.set("service", String(q.service));
  if (q.category) p.set("category", String(q.category));
  if (q.rca) p.set("rca", q.rca);
  if (q.horizon) p.set("horizon", q.horizon);
  if (q.item) p.set("item", q.item);
  if (q.slip) p.set("slip", q.slip);
  if (q.from) p.set("from", q.from);
  if (q.to) p.set("to", q.to);
  if (q.sort && q.sort !== "updated") p.set("sort", q.sort);
  if (q.page && q.page > 1) p.set("page", String(q.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The instants a list's month range covers: [start of `from`, start of the month after `to`), either end open. */
export function openedBetween(q: Pick<CoeListQuery, "from" | "to">): { fromMs?: number; toMs?: number } {
  const start = (month: string, after: number) => Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + after, 1);
  return { fromMs: q.from ? start(q.from, 0) : undefined, toMs: q.to ? start(q.to, 1) : undefined };
}
