import { useLayoutEffect, useRef, useState } from "react";
import type { WhyTreeNode } from "~/domain/whys/tree";

/**
 * Which node of the tree has focus. `focusId` is the node shown as focused; a node that is gone
 * (deleted here or elsewhere) leaves focus on the problem statement. Every move records at once,
 * not at the next render, the node the author means to be on, so an operation finishing in between
 * cannot pull focus back to a node the author has left (`refocus`). `domFocusRequest` counts the
 * moves that should take DOM focus too (from the keyboard or an operation): see useDomFocus.
 */
export function useTreeFocus(root: WhyTreeNode | undefined, byId: ReadonlyMap<number, WhyTreeNode>, expand: (ids: Iterable<number>) => void) {
  const [requested, setRequested] = useState(root?.id);
  const [domFocusRequest, setDomFocusRequest] = useState(0);
  const focusId = requested !== undefined && byId.has(requested) ? requested : root?.id;
  const intended = useRef(focusId);

  // When the node the author meant is gone, they are on the one focus fell back to.
  useLayoutEffect(() => {
    if (intended.current === undefined || !byId.has(intended.current)) intended.current = focusId;
  }, [byId, focusId]);

  const requestDomFocus = () => setDomFocusRequest((n) => n + 1);
  const moveTo = (id: number) => {
    intended.current = id;
    setRequested(id);
  };

  /** Focuses a node (DOM focus too), opening its collapsed ancestors so it can be seen. */
  const focusNode = (id: number) => {
    const ancestors: number[] = [];
    for (let n = byId.get(id); n?.parentId != null; n = byId.get(n.parentId)) ancestors.push(n.parentId);
    expand(ancestors);
    moveTo(id);
    requestDomFocus();
  };

  return {
    focusId,
    current: focusId !== undefined ? byId.get(focusId) : undefined,
    domFocusRequest,
    focusNode,
    /** After an operation on `id` finishes: bring focus back to it only if the author has not moved on meanwhile. */
    refocus: (id: number) => {
      if (intended.current === id || intended.current === undefined) focusNode(id);
    },
    /** DOM focus returns to the focused node (after an inline edit closes). */
    requestDomFocus,
    /** A node's element took DOM focus (Tab, a click, a script): it is the focused node. */
    onItemFocus: (id: number) => moveTo(id),
    /** A click on a node focuses it and brings it into view. */
    onItemClick: (id: number) => {
      moveTo(id);
      requestDomFocus();
    },
  };
}

export type TreeFocus = ReturnType<typeof useTreeFocus>;
