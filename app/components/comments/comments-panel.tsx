import { useEffect, useRef, useState, type ReactNode } from "react";
import { useActionData, useFetcher, useSearchParams } from "react-router";
import { ErrorAlert } from "~/components/ui/error-alert";
import { LocalTime } from "~/components/ui/local-time";
import type { CommentView, CommentsPanelData, ThreadView } from "~/data/comment-views.server";
import type { AnchorChoice } from "~/domain/comments/anchor-choices";
import type { CommentResult } from "~/server/comment-intents.server";
import { useSelectionQuote, type SelectionQuote } from "./use-selection-quote";

type Props = CommentsPanelData & {
  /** What the new comment may be on (anchorChoices). */
  anchorChoices: readonly AnchorChoice[];
  /** An anchor ("why_node:12") to start the new comment on and to list first: where the reader came from. */
  focusAnchor?: string;
  /** Heading level of the panel's title. */
  headingLevel?: 2 | 3;
};

/**
 * A COE's comments: threads anchored to the part they are about, each with replies, edits (the
 * earlier wordings kept) and resolve/reopen; and a form for a new comment on the whole COE, a
 * section, a text selection in a section, or one part. Plain forms posted to the page's own
 * action, so everything works without JavaScript; with it, they post in place.
 */
export function CommentsPanel({ threads, openCount, anchorChoices, mentionable, focusAnchor, headingLevel = 2 }: Props) {
  const Heading = `h${headingLevel}` as const;
  const ordered = focusAnchor ? [...threads.filter((t) => t.about.key === focusAnchor), ...threads.filter((t) => t.about.key !== focusAnchor)] : threads;
  return (
    <section className="comments-panel" aria-labelledby="comments">
      <Heading id="comments">
        Comments <span className="muted small">({openCount === 0 ? "none open" : `${openCount} open`})</span>
      </Heading>
      {/* Keyed by the anchor the reader came from: following another badge starts the form afresh there. */}
      <NewCommentForm key={focusAnchor ?? "coe"} anchorChoices={anchorChoices} mentionable={mentionable} focusAnchor={focusAnchor} />
      {ordered.length ? (
        <ol className="comment-threads">
          {ordered.map((t) => (
            <li key={t.id}>
              <Thread thread={t} focused={!!focusAnchor && t.about.key === focusAnchor} />
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">No comments yet.</p>
      )}
    </section>
  );
}

/**
 * The result of a comment form's last post, once it has come back, and whether it is in flight.
 * Posted in place (a fetcher) with JavaScript; without it the page's action answers, and its
 * result is this form's when it names this form.
 */
function useCommentForm(formId: string) {
  const fetcher = useFetcher<CommentResult>();
  const action = useActionData() as Partial<CommentResult> | undefined;
  const fromPage = action?.formId === formId ? (action as CommentResult) : undefined;
  const result = fetcher.state === "idle" ? (fetcher.data ?? fromPage) : undefined;
  return { fetcher, result, busy: fetcher.state !== "idle" };
}

function BodyField({
  id,
  label,
  defaultValue,
  error,
  hint,
  focusOnMount,
}: {
  id: string;
  label: string;
  defaultValue?: string;
  error?: string;
  hint?: ReactNode;
  focusOnMount?: boolean;
}) {
  // Opened on request (Reply, Edit): focus goes to the field the reader asked for.
  const field = useRef<HTMLTextAreaElement>(null);
  const focusFirst = useRef(focusOnMount);
  useEffect(() => {
    if (focusFirst.current) field.current?.focus();
  }, []);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        ref={field}
        id={id}
        name="body"
        rows={3}
        required
        maxLength={5000}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
      />
      <p id={`${id}-hint`} className="hint">
        {hint ?? "Plain text. Mention someone with @ and their handle."}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function NewCommentForm({ anchorChoices, mentionable, focusAnchor }: Pick<Props, "anchorChoices" | "mentionable" | "focusAnchor">) {
  const { fetcher, result, busy } = useCommentForm("new-comment");
  const form = useRef<HTMLFormElement>(null);
  const [anchor, setAnchor] = useState(focusAnchor ?? "coe");
  const selection = useSelectionQuote();
  const [quote, setQuote] = useState<SelectionQuote | undefined>();
  // A posted comment clears the form: the quote here (state adjusted while rendering), the text in an effect (the DOM's).
  const [answered, setAnswered] = useState(result);
  if (result !== answered) {
    setAnswered(result);
    if (result?.ok) setQuote(undefined);
  }
  useEffect(() => {
    if (result?.ok) form.current?.reset();
  }, [result]);
  const useSelection = () => {
    if (!selection) return;
    setQuote(selection);
    setAnchor(`section:${selection.section}`);
  };
  const errors = result?.errors ?? {};
  const handles = mentionable.slice(0, 4).map((p) => p.handle);
  return (
    <fetcher.Form method="post" ref={form} className="new-comment stack" id="new-comment" aria-labelledby="new-comment-title">
      <h3 id="new-comment-title" className="visually-hidden">
        New comment
      </h3>
      <input type="hidden" name="intent" value="add-comment" />
      <input type="hidden" name="formId" value="new-comment" />
      <ErrorAlert message={errors.form} />
      <div className="field">
        <label htmlFor="comment-anchor">Comment on</label>
        <select id="comment-anchor" name="anchor" value={anchor} onChange={(e) => setAnchor(e.target.value)} aria-invalid={errors.anchor ? true : undefined}>
          {anchorChoices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        {errors.anchor ? <p className="field-error">{errors.anchor}</p> : null}
      </div>
      {quote && anchor === `section:${quote.section}` ? (
        <div className="quote-choice">
          <input type="hidden" name="anchorSection" value={quote.section} />
          <input type="hidden" name="quote" value={quote.quote} />
          <input type="hidden" name="quotePrefix" value={quote.prefix} />
          <input type="hidden" name="quoteSuffix" value={quote.suffix} />
          <blockquote>{quote.quote}</blockquote>
          <button type="button" className="button-link" onClick={() => setQuote(undefined)}>
            Comment on the whole section instead
          </button>
        </div>
      ) : selection ? (
        <p>
          <button type="button" className="button" onClick={useSelection}>
            Comment on the selected text
          </button>{" "}
          <span className="muted small">“{selection.quote.length > 60 ? `${selection.quote.slice(0, 59)}…` : selection.quote}”</span>
        </p>
      ) : null}
      <BodyField
        id="new-comment-body"
        label="Comment"
        error={errors.body}
        hint={`Plain text. Mention someone with @ and their handle${handles.length ? `, e.g. ${handles.join(", ")}` : ""}.`}
      />
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? "Posting…" : "Post comment"}
      </button>
      {result?.ok ? (
        <p className="visually-hidden" role="status">
          Comment posted.
        </p>
      ) : null}
    </fetcher.Form>
  );
}

function Thread({ thread, focused }: { thread: ThreadView; focused: boolean }) {
  return (
    <article
      id={`comment-${thread.id}`}
      className={`comment-thread${thread.isOpen ? "" : " resolved"}${focused ? " focused" : ""}`}
      aria-label={`Comment by ${thread.authorName}, ${thread.about.text}`}
    >
      <p className="comment-about small">
        {thread.about.href ? (
          <a href={thread.about.href}>{thread.about.text}</a>
        ) : (
          <span className={thread.about.deleted ? "deleted" : undefined}>{thread.about.text}</span>
        )}
        {thread.quoteGone ? <span className="muted"> (these words are no longer in the section)</span> : null}
        {thread.isOpen ? null : <span className="badge resolved-badge">Resolved</span>}
      </p>
      <Comment comment={thread} />
      {thread.replies.length ? (
        <ol className="comment-replies">
          {thread.replies.map((r) => (
            <li key={r.id}>
              <Comment comment={r} />
            </li>
          ))}
        </ol>
      ) : null}
      <div className="comment-actions">
        <ReplyForm parentId={thread.id} />
        {thread.canResolve ? <ResolveButton commentId={thread.id} resolved={!thread.isOpen} /> : null}
      </div>
    </article>
  );
}

function Comment({ comment }: { comment: CommentView }) {
  return (
    <div className="comment">
      <p className="comment-meta small">
        <strong>{comment.authorName}</strong> · <LocalTime ms={comment.createdAt} />
        {comment.editedAt ? (
          <>
            {" "}
            · edited <LocalTime ms={comment.editedAt} />
          </>
        ) : null}
      </p>
      <p className="comment-body">
        {comment.spans.map((s, i) =>
          s.mention ? (
            <strong key={i} className="mention">
              {s.text}
            </strong>
          ) : (
            s.text
          ),
        )}
      </p>
      {comment.earlier.length ? (
        <details className="comment-history small">
          <summary>Earlier wordings ({comment.earlier.length})</summary>
          <ol>
            {comment.earlier.map((e, i) => (
              <li key={i}>
                <LocalTime ms={e.at} />: {e.body}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {comment.canEdit ? <EditForm comment={comment} /> : null}
    </div>
  );
}

/**
 * A form that is rendered only when asked for: a thread's reply or a comment's edit. A page of 200
 * comments would otherwise carry 400 forms. Without JavaScript the link reloads the page with the
 * form open (`?reply=12`); with it, the link opens the form in place.
 */
function useOpenOnDemand(kind: "reply" | "edit", id: number) {
  const [params] = useSearchParams();
  const [open, setOpen] = useState(params.get(kind) === String(id));
  const query = new URLSearchParams(params);
  query.set(kind, String(id));
  const opener = (label: string, name: string) => (
    <a
      href={`?${query.toString()}#comment-${id}`}
      className="button-link"
      aria-label={name}
      onClick={(e) => {
        e.preventDefault();
        setOpen(true);
      }}
    >
      {label}
    </a>
  );
  return { open, close: () => setOpen(false), opener };
}

function CancelButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="button-link" onClick={onClick}>
      Cancel
    </button>
  );
}

function ReplyForm({ parentId }: { parentId: number }) {
  const { fetcher, result, busy } = useCommentForm(`reply-${parentId}`);
  const { open, close, opener } = useOpenOnDemand("reply", parentId);
  const [answered, setAnswered] = useState(result);
  if (result !== answered) {
    setAnswered(result);
    if (result?.ok) close();
  }
  if (!open) return opener("Reply", "Reply");
  return (
    <fetcher.Form method="post" className="comment-reply stack">
      <input type="hidden" name="intent" value="reply-comment" />
      <input type="hidden" name="formId" value={`reply-${parentId}`} />
      <input type="hidden" name="parentId" value={parentId} />
      <ErrorAlert message={result?.errors?.form} />
      <BodyField id={`reply-${parentId}-body`} label="Reply" error={result?.errors?.body} focusOnMount />
      <div className="inline-form">
        <button type="submit" className="button" disabled={busy}>
          Post reply
        </button>
        <CancelButton onClick={close} />
      </div>
    </fetcher.Form>
  );
}

function EditForm({ comment }: { comment: CommentView }) {
  const { fetcher, result, busy } = useCommentForm(`edit-${comment.id}`);
  const { open, close, opener } = useOpenOnDemand("edit", comment.id);
  const [answered, setAnswered] = useState(result);
  if (result !== answered) {
    setAnswered(result);
    if (result?.ok) close();
  }
  if (!open) return <p className="comment-edit">{opener("Edit", "Edit your comment")}</p>;
  return (
    <fetcher.Form method="post" className="comment-edit stack">
      <input type="hidden" name="intent" value="edit-comment" />
      <input type="hidden" name="formId" value={`edit-${comment.id}`} />
      <input type="hidden" name="commentId" value={comment.id} />
      <input type="hidden" name="base" value={comment.base} />
      <ErrorAlert message={result?.errors?.form} />
      <BodyField
        id={`edit-${comment.id}-body`}
        label="Your comment"
        defaultValue={comment.spans.map((s) => s.text).join("")}
        error={result?.errors?.body}
        focusOnMount
      />
      <div className="inline-form">
        <button type="submit" className="button" disabled={busy}>
          Save
        </button>
        <CancelButton onClick={close} />
      </div>
    </fetcher.Form>
  );
}

function ResolveButton({ commentId, resolved }: { commentId: number; resolved: boolean }) {
  const { fetcher, result } = useCommentForm(`resolve-${commentId}`);
  return (
    <fetcher.Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={resolved ? "reopen-comment" : "resolve-comment"} />
      <input type="hidden" name="formId" value={`resolve-${commentId}`} />
      <input type="hidden" name="commentId" value={commentId} />
      <button type="submit" className="button-link">
        {resolved ? "Reopen" : "Resolve"}
      </button>
      <ErrorAlert message={result?.errors?.form} />
    </fetcher.Form>
  );
}
