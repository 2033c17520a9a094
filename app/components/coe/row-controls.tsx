import { Form } from "react-router";
import type { CoeSection } from "~/domain/coe/sections";
import { useOwnSectionVersion } from "./own-section-versions";

type Props = {
  /** "lesson" or "dependency": the intents are move-<kind> and delete-<kind>. */
  kind: "lesson" | "dependency";
  id: number;
  index: number;
  count: number;
  baseVersion: number;
  /** What the row is called, for the buttons' accessible names. */
  name: string;
};

type RowButtonProps = {
  intent: string;
  formId: string;
  id: number;
  baseVersion: number;
  /** The section `baseVersion` is of, when this page's own autosaves may move it (see own-section-versions). */
  section?: CoeSection;
  direction?: "up" | "down";
  label: string;
  children: string;
  className?: string;
};

/** A one-button form about one row of a list on the edit page (works without JavaScript). */
export function RowButton({ intent, formId, id, baseVersion, section, direction, label, children, className }: RowButtonProps) {
  const base = useOwnSectionVersion(section, baseVersion);
  return (
    <Form method="post" preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="baseVersion" value={base} />
      <input type="hidden" name="id" value={id} />
      {direction ? <input type="hidden" name="direction" value={direction} /> : null}
      <button type="submit" className={`button-link ${className ?? ""}`} aria-label={label}>
        {children}
      </button>
    </Form>
  );
}

/** Move up, move down and delete for one row of a list on the edit page (plain forms: they work without JavaScript). */
export function RowControls({ kind, id, index, count, baseVersion, name }: Props) {
  const common = { formId: `${kind}-${id}`, id, baseVersion, section: kind === "lesson" ? ("lessons" as const) : ("dependencies" as const) };
  return (
    <div className="row-controls">
      {index > 0 ? (
        <RowButton {...common} intent={`move-${kind}`} direction="up" label={`Move up: ${name}`}>
          Move up
        </RowButton>
      ) : null}
      {index < count - 1 ? (
        <RowButton {...common} intent={`move-${kind}`} direction="down" label={`Move down: ${name}`}>
          Move down
        </RowButton>
      ) : null}
      <RowButton {...common} intent={`delete-${kind}`} label={`Delete ${kind}: ${name}`} className="danger">
        Delete
      </RowButton>
    </div>
  );
}
