import { Form } from "react-router";
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

function RowButton({ kind, id, baseVersion, intent, direction, label, children, className }: Pick<Props, "kind" | "id" | "baseVersion"> & { intent: string; direction?: "up" | "down"; label: string; children: string; className?: string }) {
  const base = useOwnSectionVersion(kind === "lesson" ? "lessons" : "dependencies", baseVersion);
  return (
    <Form method="post" preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formId" value={`${kind}-${id}`} />
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
  const common = { kind, id, baseVersion };
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
