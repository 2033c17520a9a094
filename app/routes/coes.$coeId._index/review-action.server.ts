import { data } from "react-router";
import { z } from "zod";
import { transitionCoe, TransitionRefusedError } from "~/data/coe-lifecycle.server";
import { commentsOf } from "~/data/comments.server";
import { db } from "~/data/db.server";
import { writeFailure } from "~/data/write-errors.server";
import { unresolvedCounts } from "~/domain/comments/threads";
import { TRANSITIONS, type Transition } from "~/domain/coe/lifecycle";
import type { Actor } from "~/domain/coe/permissions";
import { missingPartHref } from "~/domain/coe/review-links";

/** What a review form gets back: a message, what is missing (with where to fix it), and field errors. */
export type ReviewResult = {
  formId: string;
  ok?: true;
  message?: string;
  missing?: { message: string; href: string }[];
  blockers?: { title: string; why: string }[];
  errors?: Record<string, string>;
};

const ReviewForm = z.object({
  transition: z.enum(TRANSITIONS),
  statusVersion: z.coerce.number().int().min(0),
  coeVersion: z.coerce.number().int().min(1),
  note: z.string().trim().max(2000, "Keep the note under 2,000 characters.").optional(),
  confirmUnresolved: z.literal("yes").optional(),
});

const DONE: Record<Transition, string> = {
  submit: "Submitted for review. It is on the agenda of the next review meeting.",
  withdraw: "Withdrawn from review; it is a draft again and off the meeting agenda.",
  request_changes: "Changes requested. The authors are notified.",
  approve: "Approved. The authors are notified.",
  close: "Closed.",
  reopen: "Reopened for review and queued for the next meeting.",
};

/** The open comments a request for changes names: checkboxes called comment-<id>. */
const namedComments = (values: Record<string, string>) =>
  Object.keys(values)
    .map((k) => /^comment-(\d{1,15})$/.exec(k)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number);

/** A lifecycle transition from the COE page's review panel (or presenting mode): decided and recorded by the data layer. */
export async function reviewAction(values: Record<string, string>, actor: Actor, coeId: number) {
  const parsed = ReviewForm.safeParse(values);
  const formId = parsed.success ? `review-${parsed.data.transition}` : "review";
  const answer = (status: number, result: Omit<ReviewResult, "formId">) => data<ReviewResult>({ formId, ...result }, { status });
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), i.message]));
    return answer(400, { message: errors.note ?? "This form is out of date; reload the page.", errors });
  }
  const { transition, statusVersion, coeVersion, note, confirmUnresolved } = parsed.data;
  if (transition === "approve" && !confirmUnresolved) {
    const open = unresolvedCounts(await commentsOf(db(), coeId)).total;
    if (open > 0) {
      const message = `${open === 1 ? "One comment is" : `${open} comments are`} still unresolved. Tick the box to approve anyway, or resolve them first.`;
      return answer(400, { message, errors: { confirmUnresolved: message } });
    }
  }
  try {
    await transitionCoe(db(), { coeId, actor, transition, statusVersion, coeVersion, note, commentIds: namedComments(values) });
    return answer(200, { ok: true, message: DONE[transition] });
  } catch (e) {
    if (e instanceof TransitionRefusedError) {
      const d = e.decision;
      if (d.reason === "incomplete")
        return answer(422, { message: d.message, missing: d.missing.map((m) => ({ message: m.message, href: missingPartHref(coeId, m.anchor) })) });
      if (d.reason === "unfinished_action_items") return answer(422, { message: d.message, blockers: d.blockers.map((b) => ({ title: b.title, why: b.why })) });
      return answer(d.reason === "forbidden" ? 403 : 409, { message: d.message });
    }
    const failure = writeFailure(e);
    if (!failure) throw e;
    if (failure.status === 400) return answer(400, { message: Object.values(failure.errors)[0], errors: failure.errors });
    if (failure.status === 404) return answer(404, { message: failure.message });
    return answer(409, {
      message:
        "This COE changed since you loaded the page (an edit was saved, or someone else moved it). The page now shows the latest version: read what changed, then decide again.",
    });
  }
}
