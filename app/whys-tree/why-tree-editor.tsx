import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useHydrated } from "~/components/ui/use-hydrated";
import { CharCounter, counterBand } from "~/components/ui/char-counter";
import { LIMITS, tooLongMessage } from "~/domain/limits";
import { commandForKey, nextFocus, siblingsToExpand, visibleNodes, type KeyCommand } from "~/domain/whys/keyboard";
import { layoutWhys, type LaidOutWhy } from "~/domain/whys/layout";
import { buildWhyTree, flattenWhyTree, type WhyRow, type WhyTreeNode } from "~/domain/whys/tree";
import { DeleteWhyDialog } from "./delete-why-dialog";
import { downloadPng, downloadSvg, treeSvgMarkup } from "./export-tree";
import { ShortcutsHelp } from "./shortcuts-help";
import { WhyNodePanel } from "./why-node-panel";
import { WHY_FONT_SIZE, WhyTreeGraphics } from "./why-tree-svg";
import { useCollapsed } from "./use-collapsed";
import { useWhyOps, type WhyOpResult } from "./use-why-ops";
import { useZoom } from "./use-zoom";

const DRAFT_ID = -1;

/** What is being typed: an existing node's text, or a new node not yet saved. */
type Editing =
  | { kind: "edit"; id: number; text: string }
  | { kind: "add-child"; parentId: number | null; text: string }
  | { kind: "add-sibling"; siblingId: number; text: string };

type Props = {
  coeId: number;
  version: number;
  root: WhyTreeNode | undefined;
  askAgainIds: ReadonlySet<number>;
  people?: readonly { id: number; name: string }[];
};

/** Rows for layout, with the unsaved draft placed where it will go, so room is made for it while typing. */
function rowsWithDraft(nodes: WhyTreeNode[], editing: Editing | undefined): WhyRow[] {
  const rows: WhyRow[] = nodes.map(({ id, parentId, position, text, isRootCause, evidence }) => ({ id, parentId, position, text, isRootCause, evidence }));
  if (!editing || editing.kind === "edit") return rows;
  const text = editing.text || " ";
  if (editing.kind === "add-child") {
    if (editing.parentId === null) return [{ id: DRAFT_ID, parentId: null, position: 0, text, isRootCause: false, evidence: null }];
    return [...rows, { id: DRAFT_ID, parentId: editing.parentId, position: Number.MAX_SAFE_INTEGER, text, isRootCause: false, evidence: null }];
  }
  const sibling = rows.find((r) => r.id === editing.siblingId);
  return sibling ? [...rows, { id: DRAFT_ID, parentId: sibling.parentId, position: sibling.position + 0.5, text, isRootCause: false, evidence: null }] : rows;
}

export function WhyTreeEditor({ coeId, version, root, askAgainIds, people }: Props) {
  const nodes = useMemo(() => flattenWhyTree(root), [root]);
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const [collapsed, setCollapsed] = useCollapsed(coeId, byId);
  const [focusId, setFocusId] = useState<number | undefined>(root?.id);
  const [editing, setEditing] = useState<Editing | undefined>(root ? undefined : { kind: "add-child", parentId: null, text: "" });
  // The empty tree's problem-statement field waits for the author; fields opened by a command take focus.
  const [editorFocus, setEditorFocus] = useState(!!root);
  const [error, setError] = useState<string | undefined>();
  const [confirmDelete, setConfirmDelete] = useState<WhyTreeNode | undefined>();
  const [undo, setUndo] = useState<{ trashId: number; removed: number; parentId: number | null } | undefined>();
  const [helpOpen, setHelpOpen] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const ops = useWhyOps(coeId, version);
  const svgRef = useRef<SVGSVGElement>(null);
  const itemRefs = useRef(new Map<number, SVGGElement>());
  const wantDomFocus = useRef(false);
  // Before hydration (or without JavaScript) this is a picture of the tree: controls appear once they work.
  const hydrated = useHydrated();

  const draftTree = useMemo(() => (editing && editing.kind !== "edit" ? buildWhyTree(rowsWithDraft(nodes, editing)) : root), [nodes, editing, root]);
  const layout = useMemo(() => (draftTree ? layoutWhys(draftTree, { collapsed }) : undefined), [draftTree, collapsed]);
  const boxes = useMemo(() => new Map((layout?.nodes ?? []).map((n) => [n.id, n])), [layout]);
  const visible = useMemo(() => visibleNodes(root, collapsed), [root, collapsed]);
  const zoom = useZoom(
    svgRef,
    { width: layout?.width ?? 1, height: layout?.height ?? 1 },
    boxes.get(editing && editing.kind !== "edit" ? DRAFT_ID : (focusId ?? NaN)),
  );

  // A tree wider or taller than the view starts at 100 % (text at its reading size) around the
  // focused node, once; "Fit to screen" shows it whole. After that the author's pan and zoom stay.
  const started = useRef(false);
  useEffect(() => {
    const svg = svgRef.current;
    if (!zoom.ready || started.current || !svg || !layout) return;
    started.current = true;
    const { width, height } = svg.getBoundingClientRect();
    const box = boxes.get(focusId ?? NaN) ?? layout.nodes[0];
    if ((layout.width > width || layout.height > height) && box) zoom.start(box);
  }, [zoom, layout, boxes, focusId]);

  // The node the author means to be on: set by every move as it happens (not at the next render),
  // so an operation finishing in between cannot pull focus back to a node the author has left.
  const focusRef = useRef(focusId);

  // Keep focus on a node that exists (after a delete, a reload or a remote change).
  const current = focusId !== undefined ? byId.get(focusId) : undefined;
  useEffect(() => {
    if (root && (focusId === undefined || !byId.has(focusId))) {
      focusRef.current = root.id;
      setFocusId(root.id);
    }
  }, [root, byId, focusId]);

  // DOM focus follows the focused node after every commit, before paint. It moves when the change
  // came from the keyboard or an operation (wantDomFocus); and while the author is in the tree, any
  // commit that left DOM focus elsewhere — on <body> because a save's revalidation replaced an
  // element, or on the node the author just left because a save landed between the key and its
  // render — is corrected, so keyboard work is never interrupted by a save in flight.
  const treeHadFocus = useRef(false);
  useLayoutEffect(() => {
    if (editing || focusId === undefined) return;
    const el = itemRefs.current.get(focusId);
    if (!el || !el.isConnected) return;
    const active = document.activeElement;
    const strayed = active !== el && (active === null || active === document.body || !!svgRef.current?.contains(active));
    if (!wantDomFocus.current && !(treeHadFocus.current && strayed)) return;
    const reveal = wantDomFocus.current;
    wantDomFocus.current = false;
    if (active !== el) el.focus({ preventScroll: true });
    const box = boxes.get(focusId);
    if (reveal && box) zoom.reveal(box);
  });

  /** After an operation on `id` finishes: bring focus back to it only if the author has not moved on meanwhile. */
  const refocus = (id: number) => {
    if (focusRef.current === id || focusRef.current === undefined) focusNode(id);
  };

  const focusNode = useCallback(
    (id: number) => {
      // Open collapsed ancestors so the node can be seen and focused.
      setCollapsed((prev) => {
        const ancestors = new Set<number>();
        for (let n = byId.get(id); n?.parentId != null; n = byId.get(n.parentId)) ancestors.add(n.parentId);
        return [...ancestors].some((a) => prev.has(a)) ? new Set([...prev].filter((c) => !ancestors.has(c))) : prev;
      });
      wantDomFocus.current = true;
      focusRef.current = id;
      setFocusId(id);
    },
    [byId, setCollapsed],
  );

  // "From why: …" links on lessons and action items point at #why-<id>: focus that node.
  useEffect(() => {
    const onHash = () => {
      const m = /^#why-(\d+)$/.exec(window.location.hash);
      if (m && byId.has(Number(m[1]))) {
        focusNode(Number(m[1]));
        svgRef.current?.scrollIntoView({ block: "center" });
      }
    };
    onHash();
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, [byId, focusNode]);

  const after = (then: (r: Extract<WhyOpResult, { ok: true }>) => void) => (r: WhyOpResult) => {
    if (r.ok) {
      setError(undefined);
      then(r);
    } else if (r.conflict) setError("Someone else changed this tree first. It now shows their version; what you typed is kept — press Enter to save it again.");
    else setError(Object.values(r.errors ?? {})[0] ?? "That did not work.");
  };

  const saveEditing = () => {
    if (!editing) return;
    const text = editing.text.trim();
    if (!text) return setError("Say why — the text is required");
    // Refused here with the limit named (the server refuses it too); the text stays in the field.
    if (text.length > LIMITS.whyText) return setError(`${tooLongMessage("This why", text.length, LIMITS.whyText)} Put the detail in the evidence.`);
    const done = after((r) => {
      setEditing(undefined);
      if (r.nodeId) focusNode(r.nodeId);
      setAnnouncement(editing.kind === "edit" ? "Saved." : "Added.");
    });
    if (editing.kind === "edit")
      ops.submit({ intent: "edit-why", fields: { id: editing.id, text, evidence: byId.get(editing.id)?.evidence ?? "" }, onDone: done });
    else if (editing.kind === "add-child") ops.submit({ intent: "add-why", fields: { parentId: editing.parentId ?? "", text }, onDone: done });
    else ops.submit({ intent: "add-sibling-why", fields: { siblingId: editing.siblingId, text }, onDone: done });
  };

  const cancelEditing = () => {
    if (!root) return;
    setEditing(undefined);
    setError(undefined);
    wantDomFocus.current = true;
    setFocusId((id) => id);
  };

  const startAddChild = (parent: WhyTreeNode) => {
    if (collapsed.has(parent.id)) setCollapsed((prev) => new Set([...prev].filter((id) => id !== parent.id)));
    setEditing({ kind: "add-child", parentId: parent.id, text: "" });
  };

  const restructure = (node: WhyTreeNode, how: "up" | "down" | "indent" | "outdent") =>
    ops.submit({ intent: "restructure-why", fields: { id: node.id, how }, onDone: after(() => refocus(node.id)) });

  const toggleRootCause = (node: WhyTreeNode) =>
    ops.submit({
      intent: "set-root-cause",
      fields: { id: node.id, isRootCause: String(!node.isRootCause) },
      onDone: after(() => {
        refocus(node.id);
        setAnnouncement(node.isRootCause ? "No longer a root cause." : "Marked as a root cause.");
      }),
    });

  const deleteNode = (node: WhyTreeNode) => {
    setConfirmDelete(undefined);
    ops.submit({
      intent: "delete-why",
      fields: { id: node.id },
      onDone: after((r) => {
        setUndo({ trashId: r.trashId!, removed: r.removed ?? 1, parentId: node.parentId });
        if (node.parentId !== null) focusNode(node.parentId);
      }),
    });
  };

  const undoDelete = () => {
    if (!undo) return;
    const { trashId } = undo;
    ops.submit({ intent: "undo-delete-why", fields: { trashId }, onDone: after(() => (setUndo(undefined), setAnnouncement("Restored."))) });
  };

  const run = (cmd: KeyCommand, node: WhyTreeNode) => {
    setEditorFocus(true);
    switch (cmd) {
      case "edit":
        return setEditing({ kind: "edit", id: node.id, text: node.text });
      case "add-child":
        return startAddChild(node);
      case "add-sibling":
        return node.parentId === null ? startAddChild(node) : setEditing({ kind: "add-sibling", siblingId: node.id, text: "" });
      case "toggle-root-cause":
        return toggleRootCause(node);
      case "delete":
        return node.parentId === null ? setError("The problem statement cannot be deleted; edit it instead.") : setConfirmDelete(node);
      case "move-up":
        return restructure(node, "up");
      case "move-down":
        return restructure(node, "down");
      case "indent":
        return restructure(node, "indent");
      case "outdent":
        return restructure(node, "outdent");
      case "help":
        return setHelpOpen(true);
      case "expand-all-siblings": {
        const open = new Set(siblingsToExpand(visible, node.id));
        return setCollapsed((prev) => new Set([...prev].filter((id) => !open.has(id))));
      }
      default: {
        const move = nextFocus(visible, node.id, cmd);
        if (!move) return;
        if ("focus" in move) return focusNode(move.focus);
        if ("expand" in move) return setCollapsed((prev) => new Set([...prev].filter((id) => id !== move.expand)));
        return setCollapsed((prev) => new Set([...prev, move.collapse]));
      }
    }
  };

  const onTreeKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    if (editing || !current) return;
    const cmd = commandForKey(e, "navigate");
    if (!cmd) return;
    e.preventDefault();
    run(cmd, current);
  };

  const onEditKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const cmd = commandForKey(e, "edit");
    e.stopPropagation();
    if (cmd === "save") {
      e.preventDefault();
      saveEditing();
    } else if (cmd === "cancel") {
      e.preventDefault();
      cancelEditing();
    }
  };

  const editBox = editing ? boxes.get(editing.kind === "edit" ? editing.id : DRAFT_ID) : undefined;
  const setSize = (n: LaidOutWhy) => (n.node.parentId === null ? 1 : (byId.get(n.node.parentId)?.children.length ?? 1));

  const exportAs = async (kind: "svg" | "png") => {
    if (!svgRef.current || !layout) return;
    const markup = treeSvgMarkup(svgRef.current, layout);
    const name = `coe-${coeId}-five-whys.${kind}`;
    if (kind === "svg") downloadSvg(markup, name);
    else await downloadPng(markup, layout, name);
  };

  return (
    <div className="why-editor">
      {hydrated ? (
        <div className="why-toolbar" role="toolbar" aria-label="Five whys tools">
          <button type="button" onClick={() => current && run("add-child", current)} disabled={!current || !!editing}>
            Add why below
          </button>
          <button type="button" onClick={() => current && run("add-sibling", current)} disabled={!current || !!editing || current.parentId === null}>
            Add sibling
          </button>
          <button type="button" onClick={() => current && run("edit", current)} disabled={!current || !!editing}>
            Edit text
          </button>
          <button
            type="button"
            onClick={() => current && run("toggle-root-cause", current)}
            disabled={!current || !!editing}
            aria-pressed={current?.isRootCause ?? false}
          >
            Root cause
          </button>
          <button type="button" onClick={() => current && run("delete", current)} disabled={!current || !!editing || current.parentId === null}>
            Delete…
          </button>
          <button
            type="button"
            onClick={() =>
              current && setCollapsed((prev) => (prev.has(current.id) ? new Set([...prev].filter((id) => id !== current.id)) : new Set([...prev, current.id])))
            }
            disabled={!current || !current.children.length}
            aria-pressed={current ? collapsed.has(current.id) : false}
          >
            Collapse branch
          </button>
          <span className="toolbar-gap" />
          <button type="button" onClick={() => zoom.zoomBy(1.25)} aria-label="Zoom in">
            +
          </button>
          <button type="button" onClick={() => zoom.zoomBy(0.8)} aria-label="Zoom out">
            −
          </button>
          <button type="button" onClick={zoom.fit}>
            Fit to screen
          </button>
          <button type="button" onClick={() => setCollapsed(new Set())}>
            Expand all
          </button>
          <button type="button" onClick={() => void exportAs("svg")} disabled={!layout}>
            Export SVG
          </button>
          <button type="button" onClick={() => void exportAs("png")} disabled={!layout}>
            Export PNG
          </button>
          <ShortcutsHelp open={helpOpen} onOpenChange={setHelpOpen} />
        </div>
      ) : null}

      {error ? (
        <p className="alert conflict" role="alert">
          {error}
        </p>
      ) : null}
      {undo ? (
        <p className="alert" role="status">
          Deleted {undo.removed === 1 ? "1 why" : `${undo.removed} whys`}.{" "}
          <button type="button" className="button-link" onClick={undoDelete}>
            Undo
          </button>
        </p>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>

      <div className="why-canvas">
        <svg
          ref={svgRef}
          className="why-svg"
          role="tree"
          aria-label="Five whys"
          aria-busy={ops.busy}
          data-zoom={zoom.ready ? "ready" : "pending"}
          onKeyDown={onTreeKeyDown}
          onFocus={() => (treeHadFocus.current = true)}
          onBlur={(e) => {
            // Focus moving elsewhere on the page ends "in the tree"; focus lost to nothing (a removed node) does not.
            if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget as Node)) treeHadFocus.current = false;
          }}
          height={Math.min(640, Math.max(260, (layout?.height ?? 0) + 40))}
        >
          <g data-graphics transform={zoom.transform.toString()}>
            {layout ? (
              <WhyTreeGraphics
                layout={layout}
                askAgainIds={askAgainIds}
                nodeProps={(n) =>
                  n.id === DRAFT_ID
                    ? { "aria-hidden": true }
                    : {
                        role: "treeitem",
                        "aria-level": n.depth,
                        "aria-setsize": setSize(n),
                        "aria-posinset": n.node.position + 1,
                        "aria-selected": n.id === focusId,
                        "aria-expanded": n.node.children.length ? !collapsed.has(n.id) : undefined,
                        "aria-label": `${n.node.text}${n.node.isRootCause ? ", root cause" : ""}${n.node.evidence ? ", has evidence" : ""}${askAgainIds.has(n.id) ? ", ask why once more" : ""}`,
                        tabIndex: n.id === focusId ? 0 : -1,
                        className: `why-item${n.id === focusId ? " focused" : ""}`,
                        ref: (el: SVGGElement | null) => {
                          if (el) itemRefs.current.set(n.id, el);
                          else itemRefs.current.delete(n.id);
                        },
                        onFocus: () => {
                          focusRef.current = n.id;
                          setFocusId(n.id);
                        },
                        onClick: () => {
                          wantDomFocus.current = true;
                          focusRef.current = n.id;
                          setFocusId(n.id);
                        },
                        onDoubleClick: () => {
                          setEditorFocus(true);
                          setEditing({ kind: "edit", id: n.id, text: n.node.text });
                        },
                      }
                }
                nodeExtras={(n) => (
                  <>
                    {n.id === focusId && !editing ? (
                      <rect data-editor-only className="why-focus-ring" x={-4} y={-4} width={n.width + 8} height={n.height + 8} rx={9} />
                    ) : null}
                  </>
                )}
              />
            ) : null}
          </g>
        </svg>
        {editing && editBox && hydrated ? (
          <div
            className="why-inline-editor"
            style={{
              left: zoom.transform.x + editBox.x * zoom.transform.k,
              top: zoom.transform.y + editBox.y * zoom.transform.k,
              width: editBox.width * zoom.transform.k,
              fontSize: WHY_FONT_SIZE * zoom.transform.k,
            }}
          >
            <textarea
              aria-label={editing.kind === "edit" ? "Why text" : editing.kind === "add-child" && editing.parentId === null ? "Problem statement" : "New why"}
              placeholder={editing.kind === "add-child" && editing.parentId === null ? "e.g. 3% of API calls failed for 45 minutes" : "Why? Type, then Enter"}
              value={editing.text}
              // eslint-disable-next-line jsx-a11y/no-autofocus -- the inline editor of the why the author just chose to edit or add
              autoFocus={editorFocus}
              aria-describedby={counterBand(editing.text.trim().length, LIMITS.whyText) === "quiet" ? undefined : "why-inline-count"}
              aria-invalid={editing.text.trim().length > LIMITS.whyText || undefined}
              rows={Math.max(3, Math.ceil(editBox.height / 20))}
              onChange={(e) => setEditing({ ...editing, text: e.target.value })}
              onKeyDown={onEditKeyDown}
              onBlur={(e) => {
                // Leaving the field with text keeps the draft open (nothing is lost); an empty new why is dropped.
                if (!editing.text.trim() && editing.kind !== "edit" && root && !e.relatedTarget?.closest?.(".why-editor")) cancelEditing();
              }}
            />
            <CharCounter id="why-inline-count" length={editing.text.trim().length} limit={LIMITS.whyText} />
          </div>
        ) : null}
      </div>
      {editing && editing.kind === "add-child" && editing.parentId === null ? (
        <p className="small muted">Start with the problem statement, with data; then press Enter.</p>
      ) : null}

      {current && hydrated ? (
        <WhyNodePanel
          key={`${current.id}-${version}`}
          node={current}
          nodes={nodes}
          submit={ops.submit}
          onFocusNode={focusNode}
          onError={setError}
          people={people}
        />
      ) : null}

      {confirmDelete ? (
        <DeleteWhyDialog
          node={confirmDelete}
          onConfirm={() => deleteNode(confirmDelete)}
          onCancel={() => (setConfirmDelete(undefined), focusNode(confirmDelete.id))}
        />
      ) : null}
    </div>
  );
}
