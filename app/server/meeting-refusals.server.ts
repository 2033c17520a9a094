import { data } from "react-router";
import { forbidden } from "~/auth/guards.server";
import type { MeetingAnswer } from "~/data/meeting-agenda.server";

/** A meeting form's refusal as its page shows it beside the form. */
export type MeetingFormFailure = { ok: false; formId: string; message: string; errors: Record<string, string> };

/**
 * A refused meeting form as the response its route gives: 403 and 404 thrown (the error page says
 * why), a bad form (400) or a conflict (409) returned with its status, for the form to show.
 */
export function meetingRefusal(answer: Extract<MeetingAnswer, { ok: false }>, formId: string) {
  if (answer.status === 403) forbidden(answer.message);
  if (answer.status === 404) throw data({ reason: answer.message }, { status: 404, statusText: "Not Found" });
  return data<MeetingFormFailure>({ ok: false, formId, message: answer.message, errors: answer.errors }, { status: answer.status });
}
