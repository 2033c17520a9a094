import { useMemo, useRef, type KeyboardEvent } from "react";
import { useHydrated } from "~/components/ui/use-hydrated";
import { commandForKey } from "~/domain/whys/keyboard";
import { layoutWhys, type LaidOutWhy } from "~/domain/whys/layout";
import { buildWhyTree, flattenWhyTree, type WhyTreeNode } from "~/domain/whys/tree";
import { DeleteWhyDialog } from "./delete-why-dialog";
import { DRAFT_ID, isDraft, isProblemStatement, rowsWithDraft } from "./draft-rows";
import { downloadPng, downloadSvg, treeSvgMarkup } from "./export-tree";
import { useCollapsed } from "./use-collapsed";
import { useHashFocus } from "./use-hash-focus";
import { useOpFeedback } from "./use-op-feedback";
import { useStartView } from "./use-start-view";
import { useDomFocus } from "./use-dom-focus";
import { useTreeFocus } from "./use-tree-focus";
import { useWhyCommands } from "./use-why-commands";
import { useWhyEditing } from "./use-why-editing";
import { useWhyOps } from "./use-why-ops";
import { useZoom } from "./use-zoom";
import type { CategoryOption } from "./why-category-field";
import { WhyInlineEditor } from "./why-inline-editor";
import { WhyNodePanel } from "./why-node-panel";
import { WhyTreeMessages } from "./why-tree-messages";
import { WhyTreeGraphics } from "./why-tree-svg";
import { WhyTreeToolbar } from "./why-tree-toolbar";

type Props = {
  coeId: number;
  version: number;
  root: WhyTreeNode | undefined;
  askAgainIds: ReadonlySet<number>;
  people?: readonly { id: number; name: string }[];
  /** Open comments per why id: a badge on the box, in its name, and a link in the panel. */
  comments?: Readonly<Record<number, number>>;
  /** The root-cause taxonomy, for the selected root cause's category. */
  categories?: readonly CategoryOption[];
};

const openCommentsLabel = (n: number | undefined) => (n ? `, ${n} open comment${n === 1 ? "" : "s"}` : "");

/** A count of open comments on a why's top-right corner (its name says it too; the panel links to them). */
function CommentBubble({ count, x }: { count: number | undefined; x: number }) {
  if (!count) return null;
  return (
    <g data-editor-only transform={`translate(${x - 6},-8)`} aria-hidden="true">
      <circle r={9} fill="#0b5cad" />
      <text textAnchor="middle" y={4} fontSize={11} fontWeight={700} fill="#fff">
        {count > 9 ? "9+" : count}
      </text>
    </g>
  );
}

/** The five-whys tree editor: a keyboard tree (WAI-ARIA tree view) drawn in SVG, edited in place, saved operation by operation. */
export function WhyTreeEditor({ coeId, version, root, askAgainIds, people, comments = {}, categories }: Props) {
  const nodes = useMemo(() => flattenWhyTree(root), [root]);
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const branches = useCollapsed(coeId, byId);
  const { collapsed } = branches;
  const focus = useTreeFocus(root, byId, branches.expand);
  const { focusId, current } = focus;
  const feedback = useOpFeedback();
  const ops = useWhyOps(coeId, version);
  const edits = useWhyEditing({ root, byId, submit: ops.submit, focus, feedback, expand: branches.expand });
  const { editing } = edits;
  const categoryRef = useRef<HTMLSelectElement>(null);
  const commands = useWhyCommands({ root, submit: ops.submit, focus, branches, edits, feedback, focusCategory: () => categoryRef.current?.focus() });
  const svgRef = useRef<SVGSVGElement>(null);
  // Before hydration (or without JavaScript) this is a picture of the tree: controls appear once they work.
  const hydrated = useHydrated();

  const draftTree = useMemo(() => (isDraft(editing) ? buildWhyTree(rowsWithDraft(nodes, editing)) : root), [nodes, editing, root]);
  const layout = useMemo(() => (draftTree ? layoutWhys(draftTree, { collapsed }) : undefined), [draftTree, collapsed]);
  const boxes = useMemo(() => new Map((layout?.nodes ?? []).map((n) => [n.id, n])), [layout]);
  const zoom = useZoom(svgRef, { width: layout?.width ?? 1, height: layout?.height ?? 1 }, boxes.get(isDraft(editing) ? DRAFT_ID : (focusId ?? NaN)));
  useStartView(svgRef, zoom, layout, boxes.get(focusId ?? NaN));
  const dom = useDomFocus({ focusId, request: focus.domFocusRequest, isEditing: !!editing, boxes, reveal: zoom.reveal, svgRef });
  useHashFocus((id) => byId.has(id), focus.focusNode, svgRef);

  const onTreeKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    if (editing || !current) return;
    const cmd = commandForKey(e, "navigate");
    if (!cmd) return;
    e.preventDefault();
    commands.run(cmd, current);
  };

  const exportAs = (kind: "svg" | "png") => {
    if (!svgRef.current || !layout) return;
    const markup = treeSvgMarkup(svgRef.current, layout);
    const name = `coe-${coeId}-five-whys.${kind}`;
    if (kind === "svg") downloadSvg(markup, name);
    else void downloadPng(markup, layout, name);
  };

  const editBox = editing ? boxes.get(editing.kind === "edit" ? editing.id : DRAFT_ID) : undefined;
  const setSize = (n: LaidOutWhy) => (n.node.parentId === null ? 1 : (byId.get(n.node.parentId)?.children.length ?? 1));
  const treeItemProps = (n: LaidOutWhy) => ({
    role: "treeitem",
    "aria-level": n.depth,
    "aria-setsize": setSize(n),
    "aria-posinset": n.node.position + 1,
    "aria-selected": n.id === focusId,
    "aria-expanded": n.node.children.length ? !collapsed.has(n.id) : undefined,
    "aria-label": `${n.node.text}${n.node.isRootCause ? ", root cause" : ""}${n.node.category ? `, category ${n.node.category}` : ""}${n.node.evidence ? ", has evidence" : ""}${askAgainIds.has(n.id) ? ", ask why once more" : ""}${openCommentsLabel(comments[n.id])}`,
    className: `why-item${n.id === focusId ? " focused" : ""}`,
    tabIndex: n.id === focusId ? 0 : -1,
    ref: dom.itemRef(n.id),
    onFocus: () => focus.onItemFocus(n.id),
    onClick: () => focus.onItemClick(n.id),
    onDoubleClick: () => edits.startEdit(n.node),
  });
  const focusRing = (n: LaidOutWhy) => (
    <>
      {n.id === focusId && !editing ? (
        <rect data-editor-only className="why-focus-ring" x={-4} y={-4} width={n.width + 8} height={n.height + 8} rx={9} />
      ) : null}
      <CommentBubble count={comments[n.id]} x={n.width} />
    </>
  );

  return (
    <div className="why-editor">
      {hydrated ? (
        <WhyTreeToolbar
          current={current}
          isEditing={!!editing}
          isCollapsed={(id) => collapsed.has(id)}
          run={commands.run}
          toggleBranch={branches.toggle}
          expandAll={branches.expandAll}
          zoom={zoom}
          exportAs={layout ? exportAs : undefined}
          helpOpen={commands.helpOpen}
          onHelpOpenChange={commands.setHelpOpen}
        />
      ) : null}

      <WhyTreeMessages error={feedback.error} undoable={commands.undo} onUndo={commands.undoDelete} announcement={feedback.announcement} />

      <div className="why-canvas">
        <svg
          ref={svgRef}
          className="why-svg"
          role="tree"
          aria-label="Five whys"
          aria-busy={ops.busy}
          data-zoom={zoom.ready ? "ready" : "pending"}
          onKeyDown={onTreeKeyDown}
          {...dom.treeProps}
          height={Math.min(640, Math.max(260, (layout?.height ?? 0) + 40))}
        >
          <g data-graphics transform={zoom.transform.toString()}>
            {layout ? (
              <WhyTreeGraphics
                layout={layout}
                askAgainIds={askAgainIds}
                nodeProps={(n) => (n.id === DRAFT_ID ? { "aria-hidden": true } : treeItemProps(n))}
                nodeExtras={focusRing}
              />
            ) : null}
          </g>
        </svg>
        {editing && editBox && hydrated ? (
          <WhyInlineEditor
            editing={editing}
            box={editBox}
            transform={zoom.transform}
            takesFocus={edits.takesFocus}
            canDropEmpty={!!root}
            onText={edits.setText}
            onSave={edits.save}
            onCancel={edits.cancel}
          />
        ) : null}
      </div>
      {isProblemStatement(editing) ? <p className="small muted">Start with the problem statement, with data; then press Enter.</p> : null}

      {current && hydrated ? (
        <WhyNodePanel
          key={`${current.id}-${version}`}
          node={current}
          nodes={nodes}
          submit={ops.submit}
          onFocusNode={focus.focusNode}
          onError={feedback.setError}
          people={people}
          categories={categories}
          categoryRef={categoryRef}
          comments={comments[current.id] ? { count: comments[current.id]!, href: `/coes/${coeId}?on=why_node:${current.id}#comments` } : undefined}
        />
      ) : null}

      {commands.confirmDelete ? (
        <DeleteWhyDialog node={commands.confirmDelete} onConfirm={() => commands.deleteNode(commands.confirmDelete!)} onCancel={commands.cancelDelete} />
      ) : null}
    </div>
  );
}
