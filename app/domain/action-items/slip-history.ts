import { z } from "zod";
import { dayNumber } from "../calendar-date";
import { formatSlip, slipFigures, type FigureInput, type SlipFigures, type SlipInput } from "./slip";

/** One logged change of an item's promised date: the (UTC) day it was made, and whether it moved an earlier promise. */
export type PromiseChange = { day: string; isRePromise: boolean };

/** What the figures of a past day need of an item: as it is now, and its promised-date log. */
export type ItemWithHistory = SlipInput & { promiseChanges: readonly PromiseChange[] };

/** How often an item's promise moved (its first promise is not a re-promise). */
export const rePromisesOf = (changes: readonly PromiseChange[]) => changes.filter((c) => c.isRePromise).length;

/**
 * An item as it stood at the end of `day`, or undefined when it did not exist yet. Done means
 * validated (SPEC §4), so an item validated after `day` was still open then, and an item whose
 * first promise was logged after `day` had none. Only re-promises made by then count. A
 * cancelled item stays cancelled: when it was cancelled is not recorded, and slip leaves
 * cancelled items out either way.
 */
export function itemAsOf(item: ItemWithHistory, day: string): FigureInput | undefined {
  const asOf = dayNumber(day);
  if (dayNumber(item.createdDay) > asOf) return undefined;
  const byThen = item.promiseChanges.filter((c) => dayNumber(c.day) <= asOf);
  const firstPromise = item.promiseChanges.find((c) => !c.isRePromise);
  const hadPromise = !firstPromise || dayNumber(firstPromise.day) <= asOf;
  const wasValidated = item.status === "validated" && item.validatedDay !== null && dayNumber(item.validatedDay) <= asOf;
  return {
    status: item.status === "cancelled" || wasValidated ? item.status : "open",
    createdDay: item.createdDay,
    originalPromisedDate: hadPromise ? item.originalPromisedDate : null,
    validatedDay: wasValidated ? item.validatedDay : null,
    rePromises: rePromisesOf(byThen),
  };
}

/** A set of items' figures as they were at the end of `day`, from the items as they are now and their promised-date logs. */
export function slipFiguresAsOf(items: readonly ItemWithHistory[], day: string): SlipFigures {
  return slipFigures(
    items.map((i) => itemAsOf(i, day)).filter((i): i is FigureInput => i !== undefined),
    day,
  );
}

// ─── How the figures moved ─────────────────────────────────────────────────────────────────────

export const FIGURES = ["median", "p90", "worst", "onPromise", "rePromisesPerItem"] as const;
export type Figure = (typeof FIGURES)[number];

export const FIGURE_LABELS: Record<Figure, string> = {
  median: "Median slip",
  p90: "90th percentile",
  worst: "Worst",
  onPromise: "On-promise delivery",
  rePromisesPerItem: "Re-promises per item",
};

/** Lower slip and fewer re-promises are better; a higher share delivered on promise is. */
const HIGHER_IS_BETTER: Record<Figure, boolean> = { median: false, p90: false, worst: false, onPromise: true, rePromisesPerItem: false };

/** A figure as people read it: slips as "1.3×", shares as whole percents, re-promises to one decimal. */
export function formatFigure(figure: Figure, value: number | undefined): string {
  if (value === undefined) return "—";
  if (figure === "onPromise") return `${Math.round(value * 100)}%`;
  if (figure === "rePromisesPerItem") return value.toFixed(1);
  return formatSlip(value);
}

/** Which way a figure went: better or worse, no change (as shown), or not comparable (no figure then, or none now). */
export type Trend = "better" | "worse" | "same" | "none";

export type FigureChange = { figure: Figure; before: number | undefined; after: number | undefined; trend: Trend; direction: "up" | "down" | "flat" };

/**
 * How each figure moved from `before` to `after`. A change too small to show (both read the same,
 * "1.3×" and "1.3×") is no change, so the words never contradict the figures beside them.
 */
export function figureChanges(before: Partial<SlipFigures>, after: Partial<SlipFigures>): FigureChange[] {
  return FIGURES.map((figure) => {
    const [b, a] = [before[figure], after[figure]];
    if (b === undefined || a === undefined) return { figure, before: b, after: a, trend: "none", direction: "flat" };
    if (formatFigure(figure, a) === formatFigure(figure, b)) return { figure, before: b, after: a, trend: "same", direction: "flat" };
    const isUp = a > b;
    return { figure, before: b, after: a, trend: isUp === HIGHER_IS_BETTER[figure] ? "better" : "worse", direction: isUp ? "up" : "down" };
  });
}

/** A change in words, with an arrow for its direction: "↓ better (was 1.6×)", "no change", "no figure then". */
export function describeChange(change: FigureChange): string {
  if (change.trend === "none") return change.before === undefined ? "no figure then" : `none now (was ${formatFigure(change.figure, change.before)})`;
  if (change.trend === "same") return "no change";
  return `${change.direction === "up" ? "↑" : "↓"} ${change.trend} (was ${formatFigure(change.figure, change.before)})`;
}

// ─── The figures a meeting saw ─────────────────────────────────────────────────────────────────

const FigureValue = z.number().finite().optional();

/** Figures as a team review stores them (JSON: a figure with no value is left out), with the day they were taken. */
export const StoredFiguresSchema = z.object({
  asOf: z.string(),
  measured: z.number().int().nonnegative(),
  median: FigureValue,
  p90: FigureValue,
  worst: FigureValue,
  onPromise: FigureValue,
  due: z.number().int().nonnegative(),
  rePromisesPerItem: FigureValue,
});
export type StoredFigures = z.infer<typeof StoredFiguresSchema>;

/** The figures to store with a review (undefined figures disappear in JSON anyway: left out here, so the stored row says what it holds). */
export function toStoredFigures(figures: SlipFigures, asOf: string): StoredFigures {
  return Object.fromEntries(Object.entries({ asOf, ...figures }).filter(([, v]) => v !== undefined)) as StoredFigures;
}

/** Stored figures read back, or undefined when the row holds something else (an older shape): the caller computes them instead. */
export function readStoredFigures(value: unknown): StoredFigures | undefined {
  const parsed = StoredFiguresSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
