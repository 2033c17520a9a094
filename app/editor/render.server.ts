import { getSchema } from "@tiptap/core";
import { Node } from "@tiptap/pm/model";
import { domOutputSpecToHTMLString, renderToElement } from "@tiptap/static-renderer/pm/html-string";
import { escapeHTML, renderJSONContentToString, serializeChildrenToHTMLString } from "@tiptap/static-renderer/json/html-string";
import type { DocJSON } from "../domain/enums";
import { withSafeLinks } from "../domain/coe/safe-doc";
import { extensions } from "./extensions";
import { memoByText } from "../domain/text-memo";

// Built once: building the ProseMirror schema is most of the cost of a render.
const schema = getSchema(extensions);

type RenderNode = (input: { content: Node }) => string;

/**
 * The HTML renderer of the extension list, built once. `renderToHTMLString` resolves the
 * extensions and maps every node and mark type on each call (about 0.5 ms, paid once per lesson,
 * note and answer on a page); this asks the same `renderToElement` for the renderer it builds
 * (what `renderToHTMLString` does, with the same doc and text mappings) and keeps it.
 */
const renderNode: RenderNode = (() => {
  let built: RenderNode | undefined;
  renderToElement({
    renderer: (options) => {
      built = renderJSONContentToString(options as unknown as Parameters<typeof renderJSONContentToString>[0]) as unknown as RenderNode;
      return () => "";
    },
    domOutputSpecToElement: domOutputSpecToHTMLString,
    mapDefinedTypes: {
      doc: ({ children }) => serializeChildrenToHTMLString(children),
      text: ({ node }) => escapeHTML((node as { text?: string }).text ?? ""),
    },
    content: Node.fromJSON(schema, { type: "doc", content: [{ type: "paragraph" }] }),
    extensions,
  });
  if (!built) throw new Error("the static renderer did not build");
  return built;
})();

/** Stored TipTap JSON → HTML without a DOM, through the editor's own schema (unknown nodes are not rendered as HTML). */
export function renderRichText(doc: DocJSON | null | undefined): string {
  if (!doc || !doc.content?.length) return "";
  // Pages show the same documents on every request: the HTML is remembered per document (its JSON).
  let json: string;
  try {
    json = JSON.stringify(doc);
  } catch {
    // Too deep to serialise (a hostile document): shown as nothing, like one the schema cannot place.
    return "";
  }
  return renderStoredJson(json);
}

const renderStoredJson = memoByText((json: string) => {
  try {
    return renderNode({ content: Node.fromJSON(schema, withSafeLinks(JSON.parse(json) as DocJSON)) });
  } catch {
    // A document the schema cannot place is shown as nothing rather than crashing the page.
    return "";
  }
});
