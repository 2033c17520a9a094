import type { FieldErrors } from "../domain/coe/forms";
import { forbidden } from "../auth/guards.server";
import { NotEditableError, StaleWriteError } from "./coe-write.server";

/** A request about a part that is not in this COE (or no longer exists): the row the form is about is gone. */
export class MissingPartError extends Error {}

/**
 * A field-level problem found only against stored state: a date change without a reason, or an id
 * the form refers to (a team, an owner, a parent why) that names no row. `hidden` says the field is
 * a hidden input (an id the page wrote), so the form shows the message at its top as well.
 */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly hidden = false,
  ) {
    super(message);
  }
}

/** How a write that did not happen is answered; nothing was written in any of these cases (the transaction rolled back). */
export type WriteFailure =
  | { ok: false; status: 400; errors: FieldErrors }
  | { ok: false; status: 404; message: string }
  | { ok: false; status: 409; stale: StaleWriteError };

const SQLITE_CONSTRAINT = /^SQLITE_CONSTRAINT/;
// PostgreSQL's SQLSTATE for the same failures, named as SQLite names them.
const PG_CONSTRAINTS: Record<string, string> = {
  "23503": "SQLITE_CONSTRAINT_FOREIGNKEY",
  "23505": "SQLITE_CONSTRAINT_UNIQUE",
  "23514": "SQLITE_CONSTRAINT_CHECK",
  "23502": "SQLITE_CONSTRAINT_NOTNULL",
};

/** A constraint failure on either engine, however deep a driver or ORM wrapped it (`cause` chain), by SQLite's name for it. */
export function constraintError(e: unknown): { code: string; message: string } | undefined {
  for (let cause = e, depth = 0; cause && depth < 5; cause = (cause as { cause?: unknown }).cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code !== "string") continue;
    const named = SQLITE_CONSTRAINT.test(code) ? code : PG_CONSTRAINTS[code];
    if (named) return { code: named, message: String((cause as Error).message) };
  }
  return undefined;
}

const CONSTRAINT_MESSAGES: Record<string, string> = {
  SQLITE_CONSTRAINT_FOREIGNKEY: "The form refers to something that does not exist (it may have been deleted). Reload the page and try again.",
  SQLITE_CONSTRAINT_UNIQUE: "That already exists.",
};

/**
 * The one place an error thrown by a write becomes an answer. Known refusals map to 400 (with the
 * field), 404 or 409. A SQLite constraint failure is the last line of defence: a reference the
 * data layer should have checked and did not. It is still a 400 (the transaction rolled back, so
 * nothing was written), and it is logged, because it means a check is missing. Anything else is
 * a bug and is rethrown (500).
 */
export function writeFailure(e: unknown): WriteFailure | undefined {
  if (e instanceof StaleWriteError) return { ok: false, status: 409, stale: e };
  // Approved or closed between the route's permission check and the write: answered as the check would have answered.
  if (e instanceof NotEditableError) forbidden("This COE was approved or closed while you were editing; it can no longer be edited. Copy what you typed before leaving the page.");
  if (e instanceof FieldError) return { ok: false, status: 400, errors: e.hidden && e.field !== "form" ? { form: e.message, [e.field]: e.message } : { [e.field]: e.message } };
  if (e instanceof MissingPartError) return { ok: false, status: 404, message: e.message };
  const constraint = constraintError(e);
  if (constraint) {
    console.error(`A write was refused by a database constraint the data layer did not check first (${constraint.code}: ${constraint.message})`);
    return { ok: false, status: 400, errors: { form: CONSTRAINT_MESSAGES[constraint.code] ?? "The form holds a value the database does not accept. Nothing was saved." } };
  }
  return undefined;
}

/** Runs a write; its known refusals come back as a WriteFailure instead of an exception. */
export async function attemptWrite<T>(write: () => Promise<T>): Promise<{ ok: true; value: T } | WriteFailure> {
  try {
    return { ok: true, value: await write() };
  } catch (e) {
    const failure = writeFailure(e);
    if (!failure) throw e;
    return failure;
  }
}
