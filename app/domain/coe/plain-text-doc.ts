import type { DocJSON } from "../enums";

/** Whether a plain field holds anything but blanks. */
export const hasText = (s: string | null | undefined): s is string => !!s && s.trim() !== "";

/**
 * Plain text → TipTap doc, so narrative sections are stored in one shape whatever the source.
 * Blank lines separate paragraphs; a single newline inside a paragraph is a hard break, so a
 * pasted log excerpt keeps its lines. Empty text gives the doc an empty editor starts with.
 */
export function plainTextToDoc(text: string): DocJSON {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n(?:[ \t]*\n)*/)
    .map((chunk) => chunk.replace(/^\n+|\n+$/g, ""))
    .filter((chunk) => chunk.trim() !== "");
  if (paragraphs.length === 0) return { type: "doc", content: [{ type: "paragraph" }] };
  return { type: "doc", content: paragraphs.map(paragraphOf) };
}

function paragraphOf(chunk: string): DocJSON {
  const content: DocJSON[] = [];
  chunk.split("\n").forEach((line, i) => {
    if (i > 0) content.push({ type: "hardBreak" });
    // ProseMirror forbids empty text nodes.
    if (line !== "") content.push({ type: "text", text: line });
  });
  return { type: "paragraph", content };
}

// Nodes whose children are blocks rather than inline content.
const CONTAINERS = new Set([
  "doc",
  "blockquote",
  "bulletList",
  "orderedList",
  "listItem",
  "taskList",
  "taskItem",
  "table",
  "tableRow",
  "tableCell",
  "tableHeader",
  "details",
  "detailsContent",
]);

/**
 * TipTap doc → plain text, for search, Markdown-less exports and the blameless lint. Best effort
 * for any doc (marks are dropped, list items get "- " or "1. "); exact inverse of plainTextToDoc.
 */
export function docToPlainText(doc: DocJSON): string {
  return blocksOf(doc).join("\n\n");
}

function blocksOf(node: DocJSON): string[] {
  if (!CONTAINERS.has(node.type)) {
    const text = inlineText(node);
    return node.type === "horizontalRule" ? ["---"] : [text];
  }
  const children = node.content ?? [];
  if (node.type === "bulletList" || node.type === "orderedList" || node.type === "taskList") {
    const start = typeof node.attrs?.start === "number" ? node.attrs.start : 1;
    return children.map((item, i) => {
      const marker = node.type === "orderedList" ? `${start + i}. ` : "- ";
      return (
        marker +
        blocksOf(item)
          .join("\n")
          .replace(/\n/g, "\n" + " ".repeat(marker.length))
      );
    });
  }
  return children.flatMap(blocksOf);
}

function inlineText(node: DocJSON): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  return (node.content ?? []).map((child) => (CONTAINERS.has(child.type) ? blocksOf(child).join("\n") : inlineText(child))).join("");
}

/** True when the document holds visible words (not only empty paragraphs, rules or whitespace). */
export function docHasWords(doc: DocJSON | null | undefined): boolean {
  const stack: DocJSON[] = doc ? [doc] : [];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "text" && typeof node.text === "string" && node.text.trim() !== "") return true;
    if (Array.isArray(node.content)) for (const child of node.content) stack.push(child);
  }
  return false;
}
