import { describe, expect, it } from "vitest";
import { bucketOf, matchesFilter, ownerBuckets, type OwnedItem } from "./owner-view";

const today = "2026-11-25";
const item = (over: Partial<OwnedItem> = {}): OwnedItem => ({
  id: 1,
  status: "open",
  horizon: "mid",
  createdDay: "2026-11-01",
  originalPromisedDate: "2026-12-20",
  promisedDate: "2026-12-20",
  validatedDay: null,
  rePromises: 0,
  ...over,
});

describe("bucketOf", () => {
  it.each([
    ["past its date", item({ promisedDate: "2026-11-24" }), "overdue"],
    ["implemented but past its date (not done until validated)", item({ status: "implemented", promisedDate: "2026-11-01" }), "overdue"],
    ["due today", item({ promisedDate: today }), "this-week"],
    ["due in 7 days", item({ promisedDate: "2026-12-02" }), "this-week"],
    ["due in 8 days", item({ promisedDate: "2026-12-03" }), "rest"],
    ["moved once", item({ rePromises: 1, promisedDate: "2027-01-20" }), "slipping"],
    ["past its original promise", item({ originalPromisedDate: "2026-11-10", promisedDate: "2027-01-01" }), "slipping"],
    ["undated", item({ promisedDate: null, originalPromisedDate: null }), "rest"],
    ["validated", item({ status: "validated", promisedDate: "2026-11-01" }), "done"],
    ["cancelled", item({ status: "cancelled" }), "done"],
  ] as const)("%s → %s", (_, it_, bucket) => {
    expect(bucketOf(it_, today)).toBe(bucket);
  });
});

describe("ownerBuckets", () => {
  it("orders buckets and items by date, undated last, leaving empty buckets out", () => {
    const items = [
      item({ id: 1, promisedDate: null, originalPromisedDate: null }),
      item({ id: 2, promisedDate: "2026-11-20" }),
      item({ id: 3, promisedDate: "2027-02-01" }),
      item({ id: 4, promisedDate: "2026-11-01" }),
      item({ id: 5, promisedDate: "2026-11-26" }),
    ];
    expect(ownerBuckets(items, today).map((g) => [g.bucket, g.items.map((i) => i.id)])).toEqual([
      ["overdue", [4, 2]],
      ["this-week", [5]],
      ["rest", [3, 1]],
    ]);
  });
});

describe("matchesFilter", () => {
  const row = { status: "implemented" as const, horizon: "mid" as const, coeId: 4 };
  it.each([
    [{ status: "open-work" }, true],
    [{ status: "all" }, true],
    [{ status: "implemented" }, true],
    [{ status: "open" }, false],
    [{ status: "all", horizon: "mid" }, true],
    [{ status: "all", horizon: "long" }, false],
    [{ status: "all", coe: 4 }, true],
    [{ status: "all", coe: 5 }, false],
  ] as const)("%o → %s", (filter, shown) => expect(matchesFilter(row, filter)).toBe(shown));
  it("open work leaves out validated and cancelled items", () => {
    expect(["validated", "cancelled"].map((status) => matchesFilter({ ...row, status: status as "validated" }, { status: "open-work" }))).toEqual([
      false,
      false,
    ]);
  });
});
