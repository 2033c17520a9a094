import { describe, expect, it } from "vitest";
import { ACTION_STATUSES } from "../enums";
import { NEXT_STATUSES, planNewItemStatus, planStatusChange, type StatusItem } from "./status";

const at = new Date("2026-11-20T10:00:00Z");
const OWNER = 7;
const OTHER = 8;
const item = (over: Partial<StatusItem> = {}): StatusItem => ({ status: "open", ownerId: OWNER, promisedDate: "2026-12-01", ...over });
const plan = (from: StatusItem, to: (typeof ACTION_STATUSES)[number], actorId = OTHER, note: string | null = "a note", validatorMustDiffer = true) =>
  planStatusChange(from, { to, actorId, note, validatorMustDiffer }, at);

describe("planStatusChange", () => {
  it("allows exactly the moves of the table, for every pair of statuses", () => {
    for (const from of ACTION_STATUSES)
      for (const to of ACTION_STATUSES) expect(plan(item({ status: from }), to).ok, `${from} → ${to}`).toBe(NEXT_STATUSES[from].includes(to));
  });
  it("never validates without passing through implemented, and says how to get there", () => {
    expect(plan(item({ status: "in_progress" }), "validated")).toMatchObject({
      ok: false,
      field: "status",
      message: expect.stringContaining("implemented first"),
    });
  });
  it("keeps an item without a promised date open (cancelling it is still possible)", () => {
    const undated = item({ promisedDate: null });
    for (const to of ["in_progress", "implemented"] as const)
      expect(plan(undated, to)).toMatchObject({ ok: false, field: "status", message: expect.stringContaining("Promise a date") });
    expect(plan(undated, "cancelled").ok).toBe(true);
  });
  it("validates only with a note, records who and when, and by default not by the owner", () => {
    const implemented = item({ status: "implemented" });
    expect(plan(implemented, "validated", OTHER, "  ")).toMatchObject({ ok: false, field: "validationNote" });
    expect(plan(implemented, "validated", OWNER)).toMatchObject({ ok: false, field: "status", message: expect.stringContaining("other than the owner") });
    expect(plan(implemented, "validated", OWNER, "replayed the load test", false)).toMatchObject({ ok: true, change: { validatedById: OWNER } });
    expect(plan(implemented, "validated", OTHER, " replayed the load test ")).toEqual({
      ok: true,
      change: { status: "validated", kind: "validated", validatedAt: at, validatedById: OTHER, validationNote: "replayed the load test" },
    });
  });
  it("cancels only with a reason", () => {
    expect(plan(item(), "cancelled", OWNER, "")).toMatchObject({ ok: false, field: "cancelReason" });
    expect(plan(item(), "cancelled", OWNER, "superseded by item 4")).toEqual({
      ok: true,
      change: { status: "cancelled", kind: "cancelled", cancelReason: "superseded by item 4" },
    });
  });
  it("stamps implemented, and reopening clears the stamps it no longer holds", () => {
    expect(plan(item({ status: "in_progress" }), "implemented")).toEqual({
      ok: true,
      change: { status: "implemented", kind: "implemented", implementedAt: at },
    });
    expect(plan(item({ status: "validated" }), "in_progress")).toEqual({
      ok: true,
      change: { status: "in_progress", kind: "reopened", validatedAt: null, validatedById: null, cancelReason: null, implementedAt: null },
    });
    expect(plan(item({ status: "cancelled" }), "open")).toMatchObject({ ok: true, change: { kind: "reopened", cancelReason: null } });
    expect(plan(item(), "in_progress")).toEqual({ ok: true, change: { status: "in_progress", kind: "started" } });
  });
  it("refuses a no-op", () => {
    expect(plan(item(), "open")).toMatchObject({ ok: false, message: "The item already has that status" });
  });
});

describe("planNewItemStatus", () => {
  const fresh: { ownerId: number; promisedDate: string | null } = { ownerId: OWNER, promisedDate: "2026-12-01" };
  const start = (to: (typeof ACTION_STATUSES)[number], over: Partial<typeof fresh> = {}, actorId = OTHER, note: string | null = "a note") =>
    planNewItemStatus({ ...fresh, ...over }, { to, actorId, note, validatorMustDiffer: true }, at);
  it("starts open without conditions, and anywhere else under the rules of moving there", () => {
    expect(start("open", { promisedDate: null }).ok).toBe(true);
    expect(start("implemented", { promisedDate: null })).toMatchObject({ ok: false, field: "status" });
    expect(start("implemented")).toMatchObject({ ok: true, change: { implementedAt: at } });
    expect(start("validated", {}, OWNER)).toMatchObject({ ok: false });
    expect(start("validated", {}, OTHER, "")).toMatchObject({ ok: false, field: "validationNote" });
    expect(start("validated")).toMatchObject({ ok: true, change: { status: "validated", implementedAt: at, validatedAt: at, validatedById: OTHER } });
    expect(start("cancelled", {}, OTHER, null)).toMatchObject({ ok: false, field: "cancelReason" });
  });
});
