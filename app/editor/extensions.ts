import { Extension } from "@tiptap/core";
import { Fragment, Slice, type Mark, type Node } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { isSafeHref } from "../domain/coe/safe-doc";

/** Limits of a stored rich-text document (checked by validate-doc before anything else). */
export const RICH_TEXT_LIMITS = { maxBytes: 200_000, maxDepth: 30 } as const;

type AttrRule = (value: unknown) => string | undefined;

/** A value as an error message names it: short, and never the whole of a long string. */
export const describeValue = (v: unknown) =>
  v === undefined
    ? "nothing"
    : typeof v === "string"
      ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)
      : typeof v === "object" && v !== null
        ? Array.isArray(v)
          ? "a list"
          : "an object"
        : String(v);
const ORDERED_LIST_TYPES = new Set(["1", "a", "A", "i", "I"]);
const CODE_LANGUAGE = /^[a-z0-9+#-]{0,30}$/i;
const MAX_SPAN = 100;
const MAX_COLUMN_WIDTH = 5000;

const span =
  (what: string): AttrRule =>
  (v) =>
    Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_SPAN
      ? undefined
      : `A table cell's ${what} must be a whole number from 1 to ${MAX_SPAN} (got ${describeValue(v)})`;
/** What a table cell or header may hold: pasted tables (Word, Docs, web pages) bring all of these. */
const CELL_RULES: Record<string, AttrRule> = {
  colspan: span("colspan"),
  rowspan: span("rowspan"),
  colwidth: (v) =>
    v === null || (Array.isArray(v) && v.length <= MAX_SPAN && v.every((w) => w === null || (Number.isInteger(w) && w > 0 && w <= MAX_COLUMN_WIDTH)))
      ? undefined
      : `A table cell's column widths must be whole numbers of pixels up to ${MAX_COLUMN_WIDTH} (got ${describeValue(v)})`,
  align: (v) =>
    v === null || v === "left" || v === "center" || v === "right"
      ? undefined
      : `A table cell's alignment must be left, center or right (got ${describeValue(v)})`,
};

/**
 * What each attribute of the extension list may hold; a message when it may not. The server
 * refuses documents that break these (validate-doc), and the editor coerces pasted content to
 * them (below), so a paste can never produce a document that every autosave would refuse.
 */
export const ATTRIBUTE_RULES: Record<string, Record<string, AttrRule>> = {
  heading: {
    level: (v) => (v === 2 || v === 3 ? undefined : `Heading level must be 2 or 3 (got ${describeValue(v)})`),
  },
  orderedList: {
    start: (v) => (Number.isSafeInteger(v) ? undefined : `A numbered list must start at a whole number (got ${describeValue(v)})`),
    type: (v) =>
      v === null || (typeof v === "string" && ORDERED_LIST_TYPES.has(v))
        ? undefined
        : `A numbered list's type must be 1, a, A, i or I (got ${describeValue(v)})`,
  },
  codeBlock: {
    language: (v) =>
      v === null || (typeof v === "string" && CODE_LANGUAGE.test(v))
        ? undefined
        : `A code block's language must be up to 30 letters, digits, +, # or - (got ${describeValue(v)})`,
  },
  link: {
    href: (v) => (isSafeHref(v) ? undefined : "Links may only use http, https or mailto"),
    target: (v) => (v === null || v === "_blank" ? undefined : `A link's target may only be _blank or empty (got ${describeValue(v)})`),
    rel: (v) =>
      v === null || (typeof v === "string" && /^[a-z ]{0,100}$/i.test(v)) ? undefined : `A link's rel must be plain words (got ${describeValue(v)})`,
    // A class could borrow the page's own styles (an overlay covering the page); the editor never sets one.
    class: (v) => (v === null ? undefined : `Links cannot carry a class (got ${describeValue(v)})`),
    title: (v) =>
      v === null || (typeof v === "string" && v.length <= 1000) ? undefined : `A link's title must be text of up to 1000 characters (got ${describeValue(v)})`,
  },
  tableCell: CELL_RULES,
  tableHeader: CELL_RULES,
};

const breaksRule = (type: string, name: string, value: unknown) => ATTRIBUTE_RULES[type]?.[name]?.(value) !== undefined;

function normalizedAttrs(type: { name: string; spec: { attrs?: Record<string, { default?: unknown }> } }, attrs: Record<string, unknown>) {
  let fixed: Record<string, unknown> | undefined;
  for (const [name, value] of Object.entries(attrs)) {
    if (breaksRule(type.name, name, value)) (fixed ??= { ...attrs })[name] = type.spec.attrs?.[name]?.default ?? null;
  }
  return fixed;
}

function normalizeMarks(marks: readonly Mark[]): readonly Mark[] {
  return marks.flatMap((mark) => {
    const attrs = normalizedAttrs(mark.type, mark.attrs);
    if (!attrs) return [mark];
    // Still unacceptable with defaults (a link without a safe href): keep the text, drop the mark.
    if (Object.entries(attrs).some(([name, value]) => breaksRule(mark.type.name, name, value))) return [];
    return [mark.type.create(attrs)];
  });
}

function normalizeFragment(fragment: Fragment): Fragment {
  const nodes: Node[] = [];
  fragment.forEach((node) => {
    const marks = normalizeMarks(node.marks);
    if (node.isText) return void nodes.push(node.mark(marks));
    const attrs = normalizedAttrs(node.type, node.attrs) ?? node.attrs;
    nodes.push(node.type.create(attrs, normalizeFragment(node.content), marks));
  });
  return Fragment.fromArray(nodes);
}

/**
 * Pasted and dropped content with attribute values the server would refuse (a copied link's
 * `class` or `target="_top"`, `<ol type="disc">`, `<code class="language-c.">`) gets the
 * attribute's default instead; a link that stays unsafe loses its mark and keeps its text.
 */
export function normalizePasted(slice: Slice): Slice {
  return new Slice(normalizeFragment(slice.content), slice.openStart, slice.openEnd);
}

const PasteNormalizer = Extension.create({
  name: "pasteNormalizer",
  addProseMirrorPlugins() {
    return [new Plugin({ key: new PluginKey("pasteNormalizer"), props: { transformPasted: normalizePasted } })];
  },
});

/**
 * The one extension list: the editor (browser), the validator and the HTML renderer (server) all
 * use it, so what the editor can produce is exactly what the server accepts and renders.
 *
 * StarterKit brings paragraphs, headings, bold/italic/underline/strike/code, lists, blockquote,
 * code block, hard break, horizontal rule and links; TableKit brings tables (header cells, merged
 * cells from pastes; no column resizing). There is no image node and no raw-HTML node.
 * Nothing here touches the DOM at import time (the server imports it).
 */
export const extensions = [
  StarterKit.configure({
    // h1 is the page's title; a section's own headings start one level below.
    heading: { levels: [2, 3] },
    link: {
      // `protocols` only *adds* schemes to linkify's scanner; http, https and mailto are built in,
      // and registering them again would make linkify warn. The allow list is `isAllowedUri`.
      protocols: [],
      defaultProtocol: "https",
      // The editor must be at least as strict as the server (validate-doc uses the same check),
      // otherwise a pasted <a href="ftp:…"> would make every autosave answer 400.
      isAllowedUri: (url) => isSafeHref(url),
      // `validate` is deprecated in TipTap 3 in favour of this. Autolinks without a scheme get
      // `defaultProtocol` (or mailto: for an address), so only explicit other schemes are refused.
      shouldAutoLink: (url) => isSafeHref(url) || !/^[a-z][a-z0-9+.-]*:/i.test(url),
      autolink: true,
      openOnClick: false,
      HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
    },
  }),
  TableKit.configure({ table: { resizable: false } }),
  PasteNormalizer,
];
