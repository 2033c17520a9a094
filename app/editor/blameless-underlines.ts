import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { Node as PmNode } from "@tiptap/pm/model";
import { lintDoc, TEXTBLOCKS, type LintOptions } from "~/domain/coe/blameless-lint";
import type { DocJSON } from "~/domain/enums";

const key = new PluginKey<DecorationSet>("blamelessUnderlines");

function decorate(doc: PmNode, opts: LintOptions): DecorationSet {
  const findings = lintDoc(doc.toJSON() as DocJSON, opts);
  if (!findings.length) return DecorationSet.empty;
  // lintDoc counts text blocks in the order ProseMirror visits them: map each index to its start.
  const starts: number[] = [];
  doc.descendants((node, pos) => {
    if (TEXTBLOCKS.has(node.type.name)) starts.push(pos);
  });
  const decorations = findings.flatMap((f) => {
    const start = starts[f.blockIndex];
    if (start === undefined) return [];
    return [Decoration.inline(start + 1 + f.from, start + 1 + f.to, { class: `lint-flag lint-${f.kind}`, title: `${f.message}. Suggestion: ${f.suggestion}` })];
  });
  return DecorationSet.create(doc, decorations);
}

/** Underlines names, @mentions and blaming words as the author types: warnings, never a block. */
export const BlamelessUnderlines = Extension.create<LintOptions>({
  name: "blamelessUnderlines",
  addOptions: () => ({ people: [], teamName: undefined }),
  addProseMirrorPlugins() {
    const opts = this.options;
    return [
      new Plugin({
        key,
        state: {
          init: (_, state) => decorate(state.doc, opts),
          apply: (tr, old) => (tr.docChanged ? decorate(tr.doc, opts) : old),
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
});
