import { DrizzleQueryError } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { withTransaction } from "../../db/client";
import { actionItems } from "../../db/schema";
import { freshDb } from "../../tests/setup/test-db";
import { StaleWriteError } from "./coe-write.server";
import { attemptWrite, constraintError, FieldError, MissingPartError, writeFailure } from "./write-errors.server";

/** A real constraint failure from the database: an action item of a COE that does not exist. */
async function foreignKeyFailure(): Promise<unknown> {
  const db = await freshDb();
  try {
    await withTransaction(db, (tx) => tx.insert(actionItems).values({ coeId: 987654, position: 0, title: "x", horizon: "short" }));
  } catch (e) {
    return e;
  }
  throw new Error("expected a foreign-key failure");
}

describe("writeFailure", () => {
  it("answers the known refusals: a field error (400, naming the field), a missing part (404), a stale write (409)", async () => {
    expect(writeFailure(new FieldError("ownerId", "No such person"))).toEqual({ ok: false, status: 400, errors: { ownerId: "No such person" } });
    // A hidden field (an id the page wrote) is also shown at the top of the form.
    expect(writeFailure(new FieldError("parentId", "Gone", true))).toEqual({ ok: false, status: 400, errors: { form: "Gone", parentId: "Gone" } });
    expect(writeFailure(new MissingPartError("No such lesson"))).toMatchObject({ status: 404 });
    expect(writeFailure(new StaleWriteError(1, 2, 3, "header"))).toMatchObject({ status: 409 });
  });

  it("turns a constraint failure (named as SQLite names it, on either engine), however wrapped, into a logged 400: the last line of defence", async () => {
    const raw = await foreignKeyFailure();
    expect(constraintError(raw)).toMatchObject({ code: "SQLITE_CONSTRAINT_FOREIGNKEY" });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(writeFailure(raw)).toEqual({ ok: false, status: 400, errors: { form: expect.stringMatching(/does not exist/) } });
      expect(writeFailure(new DrizzleQueryError("insert …", [], raw as Error))).toMatchObject({ status: 400 });
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/SQLITE_CONSTRAINT_FOREIGNKEY/));
    } finally {
      log.mockRestore();
    }
  });

  it("leaves every other error alone (a bug is a 500, not a refusal)", async () => {
    for (const e of [new Error("boom"), new TypeError("x is undefined"), { code: "SQLITE_BUSY" }, "text", undefined]) expect(writeFailure(e)).toBeUndefined();
    await expect(attemptWrite(() => Promise.reject(new RangeError("bug")))).rejects.toThrow(RangeError);
    expect(await attemptWrite(() => Promise.resolve(42))).toEqual({ ok: true, value: 42 });
  });
});
