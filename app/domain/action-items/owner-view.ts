import type { ActionStatus, Horizon } from "../enums";
import { daysBetween } from "../calendar-date";
import { slipLevel, slipOf, type SlipInput } from "./slip";

export const OPEN_WORK: readonly ActionStatus[] = ["open", "in_progress", "implemented"];
export const isOpenWork = (status: ActionStatus) => OPEN_WORK.includes(status);

/** How many days ahead (today included) an open item is due soon: "due in the next 7 days" on the owner's page, and a due-soon reminder. */
export const DUE_SOON_DAYS = 7;

/** Where an open item's promise falls against today: past it, within DUE_SOON_DAYS, or later (or undated). */
export function dueWindow(promisedDate: string | null, today: string): "overdue" | "due-soon" | undefined {
  if (!promisedDate) return undefined;
  if (promisedDate < today) return "overdue";
  return daysBetween(today, promisedDate) <= DUE_SOON_DAYS ? "due-soon" : undefined;
}

/** The most the navigation counts: beyond it, it says "99+" (every page asks, so the count stops early). */
export const DUE_SOON_CAP = 100;

/** How many rows a bucket shows until its "Show all" is followed (an owner of thousands gets a page, not a megabyte). */
export const BUCKET_PAGE = 50;

export const BUCKETS = ["overdue", "this-week", "slipping", "rest", "done"] as const;
export type Bucket = (typeof BUCKETS)[number];
export const BUCKET_TITLES: Record<Bucket, string> = {
  overdue: "Overdue",
  "this-week": "Due in the next 7 days",
  slipping: "Slipping",
  rest: "Later",
  done: "Validated or cancelled",
};

export type OwnedItem = SlipInput & { id: number; promisedDate: string | null; horizon: Horizon; rePromises: number };

/**
 * Where an owner's item goes on their page (issue 12): overdue first, then due within 7 days,
 * then slipping (its promise moved, or its slip past fine), then the rest; done items last.
 */
export function bucketOf(item: OwnedItem, today: string): Bucket {
  if (!isOpenWork(item.status)) return "done";
  const due = dueWindow(item.promisedDate, today);
  if (due) return due === "overdue" ? "overdue" : "this-week";
  const slip = slipOf(item, today);
  if (item.rePromises > 0 || (slip !== undefined && slipLevel(slip) !== "fine")) return "slipping";
  return "rest";
}

/** The items in their buckets (empty buckets left out), each by promised date (undated last), then id. */
export function ownerBuckets<I extends OwnedItem>(items: readonly I[], today: string): { bucket: Bucket; items: I[] }[] {
  const byDate = (a: I, b: I) => (a.promisedDate ?? "9999").localeCompare(b.promisedDate ?? "9999") || a.id - b.id;
  return BUCKETS.map((bucket) => ({ bucket, items: items.filter((i) => bucketOf(i, today) === bucket).sort(byDate) })).filter((g) => g.items.length);
}

export type ItemFilter = { status: "open-work" | "all" | ActionStatus; horizon?: Horizon; coe?: number };

/** Whether an item shows under the page's filters. */
export function matchesFilter(item: { status: ActionStatus; horizon: Horizon; coeId: number }, filter: ItemFilter): boolean {
  const status = filter.status === "all" || (filter.status === "open-work" ? isOpenWork(item.status) : item.status === filter.status);
  return status && (!filter.horizon || item.horizon === filter.horizon) && (!filter.coe || item.coeId === filter.coe);
}
