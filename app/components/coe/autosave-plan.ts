/** How long a form waits after the last keystroke before saving (a blur, a select or a checkbox saves at once). */
export const FORM_DEBOUNCE_MS = 800;

/**
 * One autosaving form's schedule. `inFlight`: a save was sent and not answered; `queued`: the
 * form changed meanwhile, so one more save follows the answer (never two at once, and the next
 * carries the version the previous returned); `paused`: a field both people changed waits for
 * the author's choice, and nothing is sent until every such field has one.
 */
export type AutosavePlan = { inFlight: boolean; queued: boolean; paused: boolean };

export type AutosaveEvent =
  /** A field changed: `now` for a blur, a select, a checkbox, Enter or Retry; otherwise after the debounce. */
  | { type: "edit"; now: boolean }
  /** The debounce ran out. */
  | { type: "timer" }
  /**
   * The server answered the save in flight: `saved`; `merged` (a 409 merged field by field with
   * nothing for the author to choose, so the merged form is saved next); `choose` (a 409 left fields
   * both changed); `refused` (a 400: field errors to fix, not retried until the author edits);
   * `failed` (network or server trouble: the author retries, or edits).
   */
  | { type: "answer"; outcome: "saved" | "merged" | "choose" | "refused" | "failed" }
  /** Every field both people changed now has a choice: saving resumes. */
  | { type: "settled" };

export type AutosaveStep = { plan: AutosavePlan; run: "send" | "debounce" | "none" };

export const IDLE_PLAN: AutosavePlan = { inFlight: false, queued: false, paused: false };

const send = (plan: AutosavePlan): AutosaveStep => ({ plan: { ...plan, inFlight: true, queued: false }, run: "send" });

/** Wants to save now: sends unless one is in flight (then queues) or a choice is open (then waits). */
function saveNow(plan: AutosavePlan): AutosaveStep {
  if (plan.paused) return { plan, run: "none" };
  if (plan.inFlight) return { plan: { ...plan, queued: true }, run: "none" };
  return send(plan);
}

/** The next step of one form's autosave: pure, so the order of saves is tested without timers or a browser. */
export function planAutosave(plan: AutosavePlan, event: AutosaveEvent): AutosaveStep {
  switch (event.type) {
    case "edit":
      if (event.now) return saveNow(plan);
      if (plan.paused) return { plan, run: "none" };
      return plan.inFlight ? { plan: { ...plan, queued: true }, run: "none" } : { plan, run: "debounce" };
    case "timer":
      return saveNow(plan);
    case "settled":
      return saveNow({ ...plan, paused: false });
    case "answer": {
      const done = { ...plan, inFlight: false };
      switch (event.outcome) {
        case "saved":
        case "refused":
          // After a refusal only what was typed since is worth another try; the same values would be refused again.
          return done.queued ? send(done) : { plan: done, run: "none" };
        case "merged":
          return send(done);
        case "choose":
          return { plan: { ...done, queued: false, paused: true }, run: "none" };
        case "failed":
          return { plan: { ...done, queued: false }, run: "none" };
      }
    }
  }
}
