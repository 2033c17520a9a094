import { flattenWhyTree, type WhyTreeNode } from "~/domain/whys/tree";

export type WhyChoice = { id: number; text: string; depth: number; isRootCause: boolean };

/** The tree's nodes in reading order with their depth, as choices for "flows from". */
export function whyChoicesOf(root: WhyTreeNode | undefined): WhyChoice[] {
  return flattenWhyTree(root).map(({ id, text, depth, isRootCause }) => ({ id, text, depth, isRootCause }));
}

/** Checkboxes named `why-<id>`: the whys a lesson flows from, indented like the tree, root causes marked. */
export function WhyLinkFields({ choices, checked, idPrefix }: { choices: readonly WhyChoice[]; checked: ReadonlySet<number>; idPrefix: string }) {
  if (!choices.length) return <p className="small muted">Start the five-whys tree to link lessons to the whys they flow from.</p>;
  return (
    <fieldset className="why-links">
      <legend>Flows from these whys</legend>
      <ul>
        {choices.map((c) => (
          <li key={c.id} style={{ paddingInlineStart: `${Math.min(c.depth, 12)}rem` }}>
            <input type="checkbox" id={`${idPrefix}-${c.id}`} name={`why-${c.id}`} defaultChecked={checked.has(c.id)} />{" "}
            <label htmlFor={`${idPrefix}-${c.id}`}>
              {c.text}
              {c.isRootCause ? <strong className="root-cause-tag"> (root cause)</strong> : null}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
