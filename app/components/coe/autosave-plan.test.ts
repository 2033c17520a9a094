import { describe, expect, it } from "vitest";
import { IDLE_PLAN, planAutosave, type AutosaveEvent, type AutosavePlan } from "./autosave-plan";

/** Runs events in order and lists what each asked for. */
function run(events: AutosaveEvent[], start: AutosavePlan = IDLE_PLAN) {
  let plan = start;
  const steps: string[] = [];
  for (const event of events) {
    const step = planAutosave(plan, event);
    plan = step.plan;
    steps.push(step.run);
  }
  return { plan, steps };
}

const type: AutosaveEvent = { type: "edit", now: false };
const blur: AutosaveEvent = { type: "edit", now: true };
const timer: AutosaveEvent = { type: "timer" };
const answer = (outcome: "saved" | "merged" | "choose" | "refused" | "failed"): AutosaveEvent => ({ type: "answer", outcome });

describe("planAutosave", () => {
  it("debounces typing and saves when the pause runs out", () => {
    expect(run([type, type, timer]).steps).toEqual(["debounce", "debounce", "send"]);
  });

  it("saves at once on a blur, a select or a checkbox", () => {
    expect(run([blur]).steps).toEqual(["send"]);
  });

  it("never sends two at once: changes during a save queue one more, sent after the answer", () => {
    const { plan, steps } = run([blur, type, blur, timer, answer("saved")]);
    expect(steps).toEqual(["send", "none", "none", "none", "send"]);
    expect(plan).toEqual({ inFlight: true, queued: false, paused: false });
  });

  it("sends nothing more after an answer when nothing changed meanwhile", () => {
    expect(run([blur, answer("saved")]).steps).toEqual(["send", "none"]);
    expect(run([blur, answer("saved")]).plan).toEqual(IDLE_PLAN);
  });

  it("saves the merged form after a 409 with nothing to choose", () => {
    expect(run([blur, answer("merged")]).steps).toEqual(["send", "send"]);
  });

  it("pauses while a both-changed field waits for a choice, and resumes once settled", () => {
    const { steps, plan } = run([blur, type, answer("choose"), type, blur, timer]);
    expect(steps).toEqual(["send", "none", "none", "none", "none", "none"]);
    expect(plan.paused).toBe(true);
    expect(run([{ type: "settled" }], plan).steps).toEqual(["send"]);
  });

  it("does not retry a refused save by itself, but sends what was typed after it", () => {
    expect(run([blur, answer("refused")]).steps).toEqual(["send", "none"]);
    expect(run([blur, type, answer("refused")]).steps).toEqual(["send", "none", "send"]);
  });

  it("after a failure waits for the author (Retry or an edit)", () => {
    const { plan, steps } = run([blur, type, answer("failed")]);
    expect(steps).toEqual(["send", "none", "none"]);
    expect(plan).toEqual(IDLE_PLAN);
    expect(run([blur], plan).steps).toEqual(["send"]);
  });
});
