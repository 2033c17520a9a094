type Props = {
  error: string | undefined;
  /** How many whys the last delete removed, while it can be undone. */
  undoable: { removed: number } | undefined;
  onUndo: () => void;
  announcement: string;
};

/** What the tree editor tells the author: an error, the last delete with its Undo, and outcomes announced to screen readers. */
export function WhyTreeMessages({ error, undoable, onUndo, announcement }: Props) {
  return (
    <>
      {error ? (
        <p className="alert conflict" role="alert">
          {error}
        </p>
      ) : null}
      {undoable ? (
        <p className="alert" role="status">
          Deleted {undoable.removed === 1 ? "1 why" : `${undoable.removed} whys`}.{" "}
          <button type="button" className="button-link" onClick={onUndo}>
            Undo
          </button>
        </p>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
