import { Form } from "react-router";

const SAVED: Record<string, string> = {
  add: "Added.",
  edit: "Saved.",
  merge: "Merged: its root causes now carry the other category.",
  move: "Moved.",
  retire: "Saved.",
};

/** The line a page shows after a successful post (post/redirect/get names the intent in `?saved=`). */
export function SavedNote({ intent }: { intent: string | null }) {
  if (!intent) return null;
  return (
    <p className="alert" role="status">
      {SAVED[intent] ?? "Saved."}
    </p>
  );
}

/** Retire, or reinstate, one row of an admin list: a one-button form that works without JavaScript. */
export function RetireForm({ id, name, retired }: { id: number; name: string; retired: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="retire" />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="retire" value={String(!retired)} />
      <button type="submit" className="button" aria-label={`${retired ? "Reinstate" : "Retire"} ${name}`}>
        {retired ? "Reinstate" : "Retire"}
      </button>
    </Form>
  );
}

/** The hidden fields that say which form this is and which row it is about. */
export function IntentFields({ intent, id }: { intent: string; id?: number }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      {id === undefined ? null : <input type="hidden" name="id" value={id} />}
    </>
  );
}
