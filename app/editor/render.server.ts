import { getSchema } from "@tiptap/core";
import { Node } from "@tiptap/pm/model";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import type { DocJSON } from "../domain/enums";
import { withSafeLinks } from "../domain/coe/safe-doc";
import { extensions } from "./extensions";

// Built once: building the ProseMirror schema is most of the cost of a render.
const schema = getSchema(extensions);

/** Stored TipTap JSON → HTML without a DOM, through the editor's own schema (unknown nodes are not rendered as HTML). */
export function renderRichText(doc: DocJSON | null | undefined): string {
  if (!doc || !doc.content?.length) return "";
  try {
    return renderToHTMLString({ extensions, content: Node.fromJSON(schema, withSafeLinks(doc)) });
  } catch {
    // A document the schema cannot place is shown as nothing rather than crashing the page.
    return "";
  }
}
