import { data } from "react-router";
import { z } from "zod";
import { addComment, CommentForbiddenError, editComment, setCommentResolved, StaleCommentError } from "~/data/comments.server";
import { db } from "~/data/db.server";
import { writeFailure } from "~/data/write-errors.server";
import { parseAnchorInput } from "~/domain/comments/anchors";
import { commentBodyProblem } from "~/domain/comments/threads";
import type { Actor } from "~/domain/coe/permissions";

/** What a comment form gets back: its own id (so the page shows the answer beside the right form), and errors by field. */
export type CommentResult = { formId: string; ok?: true; commentId?: number; errors?: Record<string, string> };

export const COMMENT_INTENTS = ["add-comment", "reply-comment", "edit-comment", "resolve-comment", "reopen-comment"] as const;
export const isCommentIntent = (intent: string | undefined): boolean => (COMMENT_INTENTS as readonly string[]).includes(intent ?? "");

const Id = z.coerce.number().int().positive();
const Target = z.object({ commentId: Id });

/** The "comment on" select's value ("coe", "section:impact-summary", "why_node:12") as the anchor fields the domain parses. */
function anchorFields(values: Record<string, string>): Record<string, string | undefined> {
  const [type, ref] = (values.anchor ?? "coe").split(":", 2) as [string, string | undefined];
  const section = type === "section" ? ref : undefined;
  const keepsQuote = section !== undefined && values.anchorSection === section;
  return {
    anchorType: type,
    anchorId: type === "section" || type === "coe" ? undefined : ref,
    anchorSection: section,
    // A selection's words only go with the section they were selected in.
    quote: keepsQuote ? values.quote : undefined,
    quotePrefix: keepsQuote ? values.quotePrefix : undefined,
    quoteSuffix: keepsQuote ? values.quoteSuffix : undefined,
  };
}

/**
 * The comment forms of a COE page (reading view and presenting mode share them): add, reply,
 * edit, resolve, reopen. Anyone signed in may comment (SPEC §6); the data layer checks who may
 * edit and resolve. Answers the page's action result with the HTTP status.
 */
export async function commentAction(values: Record<string, string>, actor: Actor, coeId: number) {
  const intent = values.intent!;
  const formId = values.formId || intent;
  const fail = (status: number, errors: Record<string, string>) => data<CommentResult>({ formId, errors }, { status });
  const body = values.body ?? "";
  if (intent === "add-comment" || intent === "reply-comment" || intent === "edit-comment") {
    const problem = commentBodyProblem(body);
    if (problem) return fail(400, { body: problem });
  }
  try {
    if (intent === "add-comment") {
      const anchor = parseAnchorInput(anchorFields(values));
      if (!anchor.ok) return fail(400, { anchor: Object.values(anchor.errors)[0]!, ...anchor.errors });
      const commentId = await addComment(db(), { coeId, actor, body, anchor: anchor.anchor });
      return data<CommentResult>({ formId, ok: true, commentId });
    }
    if (intent === "reply-comment") {
      const parent = z.object({ parentId: Id }).safeParse(values);
      if (!parent.success) return fail(400, { form: "This form is out of date; reload the page." });
      const commentId = await addComment(db(), { coeId, actor, body, anchor: { type: "coe" }, parentId: parent.data.parentId });
      return data<CommentResult>({ formId, ok: true, commentId });
    }
    const target = Target.safeParse(values);
    if (!target.success) return fail(400, { form: "This form is out of date; reload the page." });
    const { commentId } = target.data;
    if (intent === "edit-comment") {
      const base = z.coerce.number().int().safeParse(values.base);
      if (!base.success) return fail(400, { form: "This form is out of date; reload the page." });
      await editComment(db(), { coeId, commentId, actor, body, base: base.data });
    } else await setCommentResolved(db(), { coeId, commentId, actor, resolved: intent === "resolve-comment" });
    return data<CommentResult>({ formId, ok: true, commentId });
  } catch (e) {
    if (e instanceof CommentForbiddenError) return fail(403, { form: e.message });
    if (e instanceof StaleCommentError)
      return fail(409, { form: "This comment was changed in another tab or window. Your wording is kept below: copy it, reload, and edit again." });
    const failure = writeFailure(e);
    if (!failure) throw e;
    if (failure.status === 400) return fail(400, failure.errors);
    if (failure.status === 404) return fail(404, { form: failure.message });
    return fail(409, { form: "Something changed meanwhile; reload the page." });
  }
}
