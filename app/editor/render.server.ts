import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import type { DocJSON } from "../domain/enums";
import { withSafeLinks } from "../domain/coe/safe-doc";
import { extensions } from "./extensions";

/** Stored TipTap JSON → HTML without a DOM, through the editor's own schema (unknown nodes are not rendered as HTML). */
export function renderRichText(doc: DocJSON | null | undefined): string {
  if (!doc || !doc.content?.length) return "";
  try {
    return renderToHTMLString({ extensions, content: withSafeLinks(doc) });
  } catch {
    // A document the schema cannot place is shown as nothing rather than crashing the page.
    return "";
  }
}
