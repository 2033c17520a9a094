import type { DocJSON } from "../enums";

/**
 * The line "Merge by hand" puts between the author's text and the other person's. It is a
 * scaffold, never content: a document that still contains it is a merge in progress, and neither
 * the editor nor the server stores one (every reader would see it).
 */
export const MERGE_MARKER = "──── Their version (merge by hand, then delete this line) ────";

// The recognisable part: robust to the author trimming the trailing rule or the bold mark.
const SIGNATURE = "Their version (merge by hand";

/** Both texts, one after the other, separated by the marker line. */
export function mergeScaffold(mine: DocJSON, theirs: DocJSON | null): DocJSON {
  return {
    type: "doc",
    content: [
      ...(mine.content ?? []),
      { type: "paragraph", content: [{ type: "text", text: MERGE_MARKER, marks: [{ type: "bold" }] }] },
      ...(theirs?.content ?? []),
    ],
  };
}

/**
 * True when any block of the document still reads as the marker line. Text is joined per block
 * first, so a marker split across marks (half of it bold) is still found. Iterative, so a deep
 * document cannot exhaust the stack.
 */
export function hasMergeMarker(doc: unknown): boolean {
  const stack: unknown[] = [doc];
  while (stack.length) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    const { text, content } = node as { text?: unknown; content?: unknown };
    if (typeof text === "string" && text.includes(SIGNATURE)) return true;
    if (!Array.isArray(content)) continue;
    const joined = content
      .map((c) => (c && typeof c === "object" && typeof (c as { text?: unknown }).text === "string" ? (c as { text: string }).text : ""))
      .join("");
    if (joined.includes(SIGNATURE)) return true;
    for (const child of content) stack.push(child);
  }
  return false;
}

export const MERGE_MARKER_MESSAGE = `The text still contains the line “${MERGE_MARKER}”: finish merging and delete that line first.`;
