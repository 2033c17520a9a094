import type { ReactNode } from "react";
import { Form } from "react-router";
import { ErrorAlert } from "~/components/ui/error-alert";
import type { AdminFormResult } from "~/domain/taxonomy/forms";

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

/**
 * The frame of a taxonomy admin page (categories, tenets): its heading and purpose, how the last
 * post went (refused: an alert, the refused form shows why; saved: a status line), the form that
 * adds a row, the list (`children`) and links on.
 */
export function TaxonomyAdminPage({
  title,
  intro,
  saved,
  result,
  add,
  children,
  links,
}: {
  title: string;
  intro: ReactNode;
  saved: string | null;
  result: AdminFormResult | undefined;
  add: { id: string; heading: string; fields: ReactNode; submit: string };
  children: ReactNode;
  links: ReactNode;
}) {
  return (
    <div className="narrow stack">
      <h1>{title}</h1>
      <p className="muted">{intro}</p>
      {result ? <ErrorAlert message="Nothing was saved: correct the field marked below." /> : <SavedNote intent={saved} />}
      <section aria-labelledby={add.id} className="taxonomy-item">
        <h2 id={add.id}>{add.heading}</h2>
        <Form method="post" className="stack">
          {add.fields}
          <button type="submit" className="button primary">
            {add.submit}
          </button>
        </Form>
      </section>
      {children}
      <p>{links}</p>
    </div>
  );
}

/**
 * One row of a taxonomy admin list: its name, what it means, how much it is used, its edit form
 * (open when a post from it was refused) with anything else that belongs beside it, then the row's
 * other forms (`children`).
 */
export function TaxonomyItem({
  heading,
  isRetired,
  description,
  usage,
  edit,
  children,
}: {
  heading: ReactNode;
  isRetired: boolean;
  description: string;
  usage: string;
  edit: { summary: string; isOpen: boolean; fields: ReactNode; beside?: ReactNode };
  children: ReactNode;
}) {
  return (
    <li className="taxonomy-item stack">
      <h2>
        {heading} {isRetired ? <span className="badge">Retired</span> : null}
      </h2>
      {description ? <p>{description}</p> : null}
      <p className="small muted">{usage}</p>
      <details open={edit.isOpen}>
        <summary>{edit.summary}</summary>
        <Form method="post" className="stack">
          {edit.fields}
          <button type="submit" className="button">
            Save
          </button>
        </Form>
        {edit.beside}
      </details>
      {children}
    </li>
  );
}
