import { useMemo, useState, type FormEvent, type Ref } from "react";
import { CharCounter, counterBand } from "~/components/ui/char-counter";
import { HORIZON_LABELS } from "~/domain/coe/labels";
import { LIMITS, tooLongMessage } from "~/domain/limits";
import { flattenWhyTree, type WhyTreeNode } from "~/domain/whys/tree";
import type { WhyOp, WhyOpResult } from "./use-why-ops";
import { WhyCategorySelect, type CategoryOption } from "./why-category-field";

type Props = {
  node: WhyTreeNode;
  nodes: readonly WhyTreeNode[];
  submit: (op: WhyOp) => void;
  onFocusNode: (id: number) => void;
  onError: (message: string | undefined) => void;
  /** Who can own an action item (the active users). */
  people?: readonly { id: number; name: string }[];
  /** This why's open comments, and where they are read and answered. */
  comments?: { count: number; href: string };
  /** The root-cause taxonomy (the select offers the live ones and the node's own). */
  categories?: readonly CategoryOption[];
  /** The category select, which the C key focuses. */
  categoryRef?: Ref<HTMLSelectElement>;
};

/** The selected why, for the mouse: evidence, moving it elsewhere, and the lesson or action item that follows from it. */
export function WhyNodePanel({ node, nodes, submit, onFocusNode, onError, people = [], comments, categories = [], categoryRef }: Props) {
  const [evidence, setEvidence] = useState(node.evidence ?? "");
  const [lesson, setLesson] = useState("");
  const [title, setTitle] = useState("");
  const [horizon, setHorizon] = useState("mid");
  const [ownerId, setOwnerId] = useState("");
  const [promisedDate, setPromisedDate] = useState("");
  const [saved, setSaved] = useState<string | undefined>();
  // Anywhere but the node itself and its own answers (computed once per tree, not per keystroke in the fields below).
  const targets = useMemo(() => {
    const own = new Set(flattenWhyTree(node).map((n) => n.id));
    return nodes.filter((n) => !own.has(n.id));
  }, [nodes, node]);
  const [moveTo, setMoveTo] = useState<string>(String(node.parentId ?? ""));
  const [categoryId, setCategoryId] = useState<string>(String(node.categoryId ?? ""));

  const handle = (message: string, reset?: () => void) => (r: WhyOpResult) => {
    if (r.ok) {
      onError(undefined);
      setSaved(message);
      reset?.();
    } else
      onError(
        r.conflict
          ? "Someone else changed this tree first; it now shows their version. Your text is kept here — save again."
          : (Object.values(r.errors ?? {})[0] ?? "That did not work."),
      );
  };
  const on = (fn: () => void, limited?: { label: string; text: string; limit: number }) => (e: FormEvent) => {
    e.preventDefault();
    setSaved(undefined);
    // Over-long text is refused with the limit named, and stays in the field (never cut to fit).
    const length = limited?.text.trim().length ?? 0;
    if (limited && length > limited.limit) return onError(tooLongMessage(limited.label, length, limited.limit));
    fn();
  };
  const describedBy = (id: string, text: string, limit: number) => (counterBand(text.trim().length, limit) === "quiet" ? undefined : id);

  return (
    <section className="why-panel" aria-labelledby="why-panel-title">
      <h3 id="why-panel-title">Selected: {node.text.length > 80 ? `${node.text.slice(0, 77)}…` : node.text}</h3>
      {comments ? (
        <p>
          <a href={comments.href} className="comment-badge-link">
            {comments.count} open comment{comments.count === 1 ? "" : "s"} on this why
          </a>
        </p>
      ) : null}
      {saved ? (
        <p className="small coverage-ok" role="status">
          {saved}
        </p>
      ) : null}
      <form
        onSubmit={on(() => submit({ intent: "edit-why", fields: { id: node.id, text: node.text, evidence }, onDone: handle("Evidence saved.") }), {
          label: "The evidence",
          text: evidence,
          limit: LIMITS.whyEvidence,
        })}
        className="stack"
      >
        <label htmlFor="why-evidence">Evidence</label>
        <textarea
          id="why-evidence"
          rows={2}
          value={evidence}
          onChange={(e) => setEvidence(e.target.value)}
          aria-describedby={describedBy("why-evidence-count", evidence, LIMITS.whyEvidence)}
          placeholder="A link, a metric, a log excerpt"
        />
        <CharCounter id="why-evidence-count" length={evidence.trim().length} limit={LIMITS.whyEvidence} />
        <button type="submit">Save evidence</button>
      </form>
      {node.isRootCause ? (
        <form
          onSubmit={on(() =>
            submit({ intent: "set-why-category", fields: { id: node.id, categoryId }, onDone: handle("Category saved.", () => onFocusNode(node.id)) }),
          )}
          className="row align-end"
        >
          <WhyCategorySelect
            id="why-category"
            categories={categories}
            currentId={node.categoryId}
            value={categoryId}
            onChange={setCategoryId}
            selectRef={categoryRef}
          />
          <button type="submit" disabled={categoryId === String(node.categoryId ?? "")}>
            Save category
          </button>
        </form>
      ) : null}
      {node.parentId !== null ? (
        <form
          onSubmit={on(() =>
            submit({
              intent: "restructure-why",
              fields: { id: node.id, how: "move", parentId: moveTo, position: 1_000_000 },
              onDone: handle("Moved.", () => onFocusNode(node.id)),
            }),
          )}
          className="row align-end"
        >
          <div className="field">
            <label htmlFor="why-move-to">Move under</label>
            <select id="why-move-to" value={moveTo} onChange={(e) => setMoveTo(e.target.value)}>
              {targets.map((t) => (
                <option key={t.id} value={t.id}>
                  {"— ".repeat(t.depth - 1)}
                  {t.text.length > 60 ? `${t.text.slice(0, 57)}…` : t.text}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={moveTo === String(node.parentId)}>
            Move
          </button>
        </form>
      ) : null}
      <div className="row">
        <form
          onSubmit={on(
            () =>
              submit({
                intent: "add-lesson-from-why",
                fields: { whyId: node.id, text: lesson },
                onDone: handle("Lesson added, linked to this why.", () => setLesson("")),
              }),
            { label: "The lesson", text: lesson, limit: LIMITS.plainParagraphs },
          )}
          className="stack grow"
        >
          <label htmlFor="why-lesson">{node.isRootCause ? "Lesson from this root cause" : "Lesson from this why"}</label>
          <textarea
            id="why-lesson"
            rows={2}
            value={lesson}
            onChange={(e) => setLesson(e.target.value)}
            aria-describedby={describedBy("why-lesson-count", lesson, LIMITS.plainParagraphs)}
          />
          <CharCounter id="why-lesson-count" length={lesson.trim().length} limit={LIMITS.plainParagraphs} />
          <button type="submit" disabled={!lesson.trim()}>
            Add lesson
          </button>
        </form>
        <form
          onSubmit={on(
            () =>
              submit({
                intent: "add-action-item-from-why",
                fields: { whyId: node.id, title, horizon, ownerId, promisedDate },
                onDone: handle("Action item added, linked to this why.", () => (setTitle(""), setOwnerId(""), setPromisedDate(""))),
              }),
            { label: "The title", text: title, limit: LIMITS.actionItemTitle },
          )}
          className="stack grow"
        >
          <label htmlFor="why-action-title">{node.isRootCause ? "Action item for this root cause" : "Action item for this why"}</label>
          <input
            id="why-action-title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            aria-describedby={describedBy("why-action-title-count", title, LIMITS.actionItemTitle)}
          />
          <CharCounter id="why-action-title-count" length={title.trim().length} limit={LIMITS.actionItemTitle} />
          <label htmlFor="why-action-horizon">Horizon</label>
          <select id="why-action-horizon" value={horizon} onChange={(e) => setHorizon(e.target.value)}>
            {Object.entries(HORIZON_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <label htmlFor="why-action-owner">Owner</label>
          <select id="why-action-owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">Unassigned</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <label htmlFor="why-action-date">Promised date</label>
          <input id="why-action-date" type="date" value={promisedDate} onChange={(e) => setPromisedDate(e.target.value)} />
          <button type="submit" disabled={!title.trim()}>
            Add action item
          </button>
        </form>
      </div>
    </section>
  );
}
