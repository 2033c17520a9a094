import type { ActionStatus, Horizon } from "../enums";

type Item = {
  id: number;
  title: string;
  horizon: Horizon;
  status: ActionStatus;
  isCustomerFacing: boolean;
  promisedDate: string | null;
  originalPromisedDate: string | null;
};

/** What the customer RCA says about one promise: its date now, the first date given, and whether it is kept, moved or done. */
export type CustomerCommitment = {
  id: number;
  title: string;
  promisedDate: string | null;
  /** The first date promised, when the date has moved since (customers were told the first one). */
  firstPromisedDate: string | null;
  /** How often the date moved after the first promise. */
  timesMoved: number;
  state: "planned" | "done" | "withdrawn";
};

/**
 * The customer-facing mid-term items (SPEC §4: usually the promise made to customers), for the
 * customer RCA. A moved date is said so, with the first date given; `movesOf` counts each item's
 * logged changes after its first promise.
 */
export function customerCommitments(items: readonly Item[], movesOf: (itemId: number) => number): CustomerCommitment[] {
  return items
    .filter((i) => i.isCustomerFacing && i.horizon === "mid")
    .map((i) => {
      const moved = i.originalPromisedDate !== null && i.originalPromisedDate !== i.promisedDate;
      const timesMoved = Math.max(movesOf(i.id), moved ? 1 : 0);
      return {
        id: i.id,
        title: i.title,
        promisedDate: i.promisedDate,
        firstPromisedDate: timesMoved > 0 ? i.originalPromisedDate : null,
        timesMoved,
        state: i.status === "validated" ? "done" : i.status === "cancelled" ? "withdrawn" : "planned",
      };
    });
}
