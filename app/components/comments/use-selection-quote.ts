import { useEffect, useState } from "react";
import type { PageSectionId } from "~/domain/coe/page-sections";

/** Text selected in one commentable section, with a little of the text either side so the words can be found again. */
export type SelectionQuote = { section: PageSectionId; quote: string; prefix: string; suffix: string };

const QUOTE_MAX = 500;
const CONTEXT = 32;

/** The section a node is in: the closest element marked `data-comment-section`. */
function sectionOf(node: Node | null): HTMLElement | null {
  const element = node instanceof Element ? node : (node?.parentElement ?? null);
  return element?.closest<HTMLElement>("[data-comment-section]") ?? null;
}

/** The current selection as a quote, when it lies within one commentable section and is not too long. */
export function currentQuote(selection: Selection | null): SelectionQuote | undefined {
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return undefined;
  const range = selection.getRangeAt(0);
  const container = sectionOf(range.startContainer);
  if (!container || container !== sectionOf(range.endContainer)) return undefined;
  const quote = range.toString().replace(/\s+/g, " ").trim();
  if (!quote || quote.length > QUOTE_MAX) return undefined;
  const before = document.createRange();
  before.selectNodeContents(container);
  before.setEnd(range.startContainer, range.startOffset);
  const after = document.createRange();
  after.selectNodeContents(container);
  after.setStart(range.endContainer, range.endOffset);
  const flat = (r: Range) => r.toString().replace(/\s+/g, " ");
  return {
    section: container.dataset.commentSection as PageSectionId,
    quote,
    prefix: flat(before).slice(-CONTEXT).trimStart(),
    suffix: flat(after).slice(0, CONTEXT).trimEnd(),
  };
}

/**
 * The last text the reader selected in a commentable section (marked `data-comment-section`), kept
 * after the selection goes away, so the new-comment form can offer "comment on the selected text"
 * to mouse and keyboard users alike (Shift+arrows select as well as dragging does).
 */
export function useSelectionQuote(): SelectionQuote | undefined {
  const [quote, setQuote] = useState<SelectionQuote | undefined>();
  useEffect(() => {
    const onChange = () => {
      const next = currentQuote(document.getSelection());
      if (next) setQuote(next);
    };
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  }, []);
  return quote;
}
