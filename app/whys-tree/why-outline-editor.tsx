import { whyFormValues } from "~/domain/coe/form-values";
import { useHydrated } from "~/components/ui/use-hydrated";
import { Link } from "react-router";
import { EditForm } from "~/components/coe/edit-form";
import { TextField } from "~/components/ui/text-field";
import { TextareaField } from "~/components/ui/textarea-field";
import type { WhyTreeNode } from "~/domain/whys/tree";
import { LIMITS } from "~/domain/limits";
import { WhyCategorySelect, type CategoryOption } from "./why-category-field";

type Props = {
  root: WhyTreeNode | undefined;
  version: number;
  selectedId: number | undefined;
  undo: { trashId: number; removed: number } | undefined;
  categories?: readonly CategoryOption[];
};

/**
 * The five whys as a nested list of plain forms: works without JavaScript. Only the chosen node
 * (?why=<id>) carries its forms, so a 500-node tree stays a light page.
 */
export function WhyOutlineEditor({ root, version, selectedId, undo, categories = [] }: Props) {
  const hydrated = useHydrated();
  return (
    <details className="why-outline-editor" id="why-outline" open={!hydrated || selectedId !== undefined || undo !== undefined}>
      <summary>Outline editor (works without JavaScript)</summary>
      {undo ? (
        <EditForm formId="why-undo" intent="undo-delete-why" baseVersion={version} label="Undo delete" submitLabel="Undo">
          {() => (
            <>
              <p role="status">Deleted {undo.removed === 1 ? "1 why" : `${undo.removed} whys`}.</p>
              <input type="hidden" name="trashId" value={undo.trashId} />
            </>
          )}
        </EditForm>
      ) : null}
      {root ? (
        <ul className="why-outline">
          <OutlineItem node={root} version={version} selectedId={selectedId} categories={categories} />
        </ul>
      ) : (
        <EditForm formId="why-root" intent="add-why" baseVersion={version} label="Problem statement" submitLabel="Start the five whys">
          {(r) => (
            <TextareaField
              label="Problem statement, with data"
              name="text"
              error={r?.errors?.text}
              limit={LIMITS.whyText}
              defaultValue={r?.values?.text}
              hint="e.g. 3% of API calls failed for 45 minutes"
              required
            />
          )}
        </EditForm>
      )}
    </details>
  );
}

type ItemProps = { node: WhyTreeNode; version: number; selectedId: number | undefined; categories: readonly CategoryOption[] };

function OutlineItem({ node, version, selectedId, categories }: ItemProps) {
  const selected = node.id === selectedId;
  return (
    <li className={node.isRootCause ? "root-cause" : undefined}>
      <div className="why-node">
        <span className="why-text">{node.text}</span>
        {node.isRootCause ? <span className="badge root-cause-badge">Root cause</span> : null}{" "}
        {node.category ? <span className="why-category">Category: {node.category}</span> : null}{" "}
        {selected ? null : (
          <Link to={`?why=${node.id}#why-outline`} preventScrollReset aria-label={`Change: ${node.text}`} className="small">
            Change
          </Link>
        )}
      </div>
      {selected ? <SelectedForms node={node} version={version} categories={categories} /> : null}
      {node.children.length ? (
        <ul>
          {node.children.map((c) => (
            <OutlineItem key={c.id} node={c} version={version} selectedId={selectedId} categories={categories} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function SelectedForms({ node, version, categories }: Omit<ItemProps, "selectedId">) {
  return (
    <div className="why-outline-forms">
      <EditForm
        formId={`why-edit-${node.id}`}
        intent="edit-why"
        baseVersion={version}
        entityId={node.id}
        current={whyFormValues(node)}
        label="Edit this why"
        submitLabel="Save"
      >
        {(r, v) => (
          <>
            <TextareaField label="Why" name="text" defaultValue={v.text} error={r?.errors?.text} limit={LIMITS.whyText} required />
            <TextField label="Evidence" name="evidence" defaultValue={v.evidence} error={r?.errors?.evidence} limit={LIMITS.whyEvidence} />
          </>
        )}
      </EditForm>
      <EditForm
        formId={`why-rc-${node.id}`}
        intent="set-root-cause"
        baseVersion={version}
        entityId={node.id}
        label="Root cause"
        submitLabel={node.isRootCause ? "Unmark root cause" : "Mark as root cause"}
      >
        {() => <input type="hidden" name="isRootCause" value={String(!node.isRootCause)} />}
      </EditForm>
      {node.isRootCause ? (
        <EditForm
          formId={`why-category-${node.id}`}
          intent="set-why-category"
          baseVersion={version}
          entityId={node.id}
          label="Root-cause category"
          submitLabel="Save category"
        >
          {(r) => <WhyCategorySelect id={`why-category-${node.id}`} categories={categories} currentId={node.categoryId} error={r?.errors?.categoryId} />}
        </EditForm>
      ) : null}
      <EditForm formId={`why-add-${node.id}`} intent="add-why" baseVersion={version} label="Add a why under this one" submitLabel="Add">
        {(r) => (
          <>
            <input type="hidden" name="parentId" value={node.id} />
            <TextareaField
              label="Why? (an answer under this one)"
              name="text"
              defaultValue={r?.values?.text}
              error={r?.errors?.text}
              limit={LIMITS.whyText}
              required
            />
          </>
        )}
      </EditForm>
      {node.parentId !== null ? (
        <details>
          <summary>Delete…</summary>
          <EditForm
            formId={`why-delete-${node.id}`}
            intent="delete-why"
            baseVersion={version}
            entityId={node.id}
            label="Delete this why"
            submitLabel="Delete this why and everything under it"
          >
            {() => <p className="small">You can undo this right after.</p>}
          </EditForm>
        </details>
      ) : null}
    </div>
  );
}
