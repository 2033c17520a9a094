import { describe, expect, it } from "vitest";
import { customerCommitments } from "./customer-commitments";

const item = (over: Partial<Parameters<typeof customerCommitments>[0][number]> = {}) => ({
  id: 1,
  title: "Stage config rollouts",
  horizon: "mid" as const,
  status: "open" as const,
  isCustomerFacing: true,
  promisedDate: "2026-12-01",
  originalPromisedDate: "2026-12-01",
  ...over,
});
const none = () => 0;

describe("customerCommitments", () => {
  it("keeps only customer-facing mid-term items", () => {
    const items = [item(), item({ id: 2, horizon: "short" }), item({ id: 3, horizon: "long" }), item({ id: 4, isCustomerFacing: false })];
    expect(customerCommitments(items, none).map((c) => c.id)).toEqual([1]);
  });

  it("a kept promise names no first date", () => {
    expect(customerCommitments([item()], none)[0]).toMatchObject({ promisedDate: "2026-12-01", firstPromisedDate: null, timesMoved: 0, state: "planned" });
  });

  it("a moved promise names the first date and how often it moved", () => {
    const [c] = customerCommitments([item({ promisedDate: "2026-12-20" })], () => 2);
    expect(c).toMatchObject({ promisedDate: "2026-12-20", firstPromisedDate: "2026-12-01", timesMoved: 2 });
  });

  it("a date moved away and back again still says it moved", () => {
    const [c] = customerCommitments([item()], () => 2);
    expect(c).toMatchObject({ firstPromisedDate: "2026-12-01", timesMoved: 2 });
  });

  it("a moved date without a log entry (imported) still counts as moved once", () => {
    expect(customerCommitments([item({ promisedDate: "2027-01-05" })], none)[0].timesMoved).toBe(1);
  });

  it("a cleared date after a promise is a move", () => {
    expect(customerCommitments([item({ promisedDate: null })], none)[0]).toMatchObject({ promisedDate: null, firstPromisedDate: "2026-12-01", timesMoved: 1 });
  });

  it("validated items are done, cancelled ones withdrawn", () => {
    const states = customerCommitments([item({ status: "validated" }), item({ id: 2, status: "cancelled" }), item({ id: 3, status: "implemented" })], none);
    expect(states.map((c) => c.state)).toEqual(["done", "withdrawn", "planned"]);
  });
});
