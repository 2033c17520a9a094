import { Placeholder } from "@tiptap/extensions";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { useLayoutEffect, useRef, useState, type ReactNode } from "react";
import type { LintOptions } from "~/domain/coe/blameless-lint";
import { isSafeHref } from "~/domain/coe/safe-doc";
import { BlamelessUnderlines } from "./blameless-underlines";
import type { DocJSON } from "~/domain/enums";
import { extensions } from "./extensions";
import { TableControls } from "./table-controls";
import { useAutosave, type SaveStatus } from "./use-autosave";
import { SAVE_WORDS, SaveStatusLine } from "~/components/ui/save-status-line";

export type RichTextEditorProps = {
  coeId: number;
  section: string;
  label: string;
  placeholder: string;
  doc: DocJSON | null;
  html: string;
  version: number;
  lint: LintOptions;
  /** Short fields (detection answers, lessons, notes): the toolbar shows only while the field has focus. */
  compact?: boolean;
};

function StatusLine({ status, coeId, section }: { status: SaveStatus; coeId: number; section: string }) {
  const text: Record<SaveStatus["kind"], ReactNode> = {
    idle: SAVE_WORDS.idle,
    dirty: SAVE_WORDS.dirty,
    saving: SAVE_WORDS.saving,
    saved: status.kind === "saved" ? SAVE_WORDS.saved(status.at) : "",
    restored: "Restored unsaved text from this device — saving…",
    offline: "Offline — kept on this device",
    "signed-out": (
      <>
        Signed out — kept on this device. <a href={`/login?redirectTo=${encodeURIComponent(`/coes/${coeId}/edit#${section}`)}`}>Sign in again</a> to save it.
      </>
    ),
    error: status.kind === "error" ? SAVE_WORDS.notSaved(`${status.message} (kept on this device)`) : "",
    refused: status.kind === "refused" ? SAVE_WORDS.notSaved(status.message) : "",
    conflict: "Conflict",
    merging:
      status.kind === "merging"
        ? `Merging by hand — not saved. ${status.problem ?? "Keep what you want from both texts, delete the marker line, then press “Done merging”."}`
        : "",
  };
  return (
    <SaveStatusLine kind={status.kind} testId={`save-status-${section}`}>
      {text[status.kind]}
    </SaveStatusLine>
  );
}

function ToolbarButton({
  editor,
  label,
  active,
  onClick,
  children,
}: {
  editor: Editor;
  label: string;
  active?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-pressed={active ?? undefined}
      disabled={!editor.isEditable}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

function LinkControl({ editor }: { editor: Editor }) {
  const [open, setOpen] = useState(false);
  const [href, setHref] = useState("");
  const [error, setError] = useState<string | undefined>();
  const apply = () => {
    const url = href.trim();
    if (!url) editor.chain().focus().extendMarkRange("link").unsetLink().run();
    else if (!isSafeHref(url)) return setError("Links must start with http://, https:// or mailto:");
    else editor.chain().focus().extendMarkRange("link").setLink({ href: url }).run();
    setOpen(false);
    setError(undefined);
  };
  return (
    <span className="link-control">
      <ToolbarButton
        editor={editor}
        label="Link"
        active={editor.isActive("link")}
        onClick={() => {
          setHref((editor.getAttributes("link").href as string | undefined) ?? "https://");
          setOpen(!open);
        }}
      >
        Link
      </ToolbarButton>
      {open ? (
        <span className="link-popover">
          <label>
            Link address
            <input
              value={href}
              // eslint-disable-next-line jsx-a11y/no-autofocus -- the field of the link dialog the author just opened
              autoFocus
              onChange={(e) => setHref(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  apply();
                } else if (e.key === "Escape") setOpen(false);
              }}
            />
          </label>
          <button type="button" onClick={apply}>
            Apply
          </button>
          {error ? <span className="field-error">{error}</span> : null}
        </span>
      ) : null}
    </span>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const chain = () => editor.chain().focus();
  return (
    <div className="rich-toolbar" role="toolbar" aria-label="Formatting">
      <ToolbarButton editor={editor} label="Bold (Ctrl+B)" active={editor.isActive("bold")} onClick={() => chain().toggleBold().run()}>
        <b>B</b>
      </ToolbarButton>
      <ToolbarButton editor={editor} label="Italic (Ctrl+I)" active={editor.isActive("italic")} onClick={() => chain().toggleItalic().run()}>
        <i>I</i>
      </ToolbarButton>
      <ToolbarButton editor={editor} label="Code (Ctrl+E)" active={editor.isActive("code")} onClick={() => chain().toggleCode().run()}>
        <code>{"<>"}</code>
      </ToolbarButton>
      <ToolbarButton
        editor={editor}
        label="Heading"
        active={editor.isActive("heading", { level: 2 })}
        onClick={() => chain().toggleHeading({ level: 2 }).run()}
      >
        H2
      </ToolbarButton>
      <ToolbarButton
        editor={editor}
        label="Subheading"
        active={editor.isActive("heading", { level: 3 })}
        onClick={() => chain().toggleHeading({ level: 3 }).run()}
      >
        H3
      </ToolbarButton>
      <ToolbarButton editor={editor} label="Bulleted list" active={editor.isActive("bulletList")} onClick={() => chain().toggleBulletList().run()}>
        • List
      </ToolbarButton>
      <ToolbarButton editor={editor} label="Numbered list" active={editor.isActive("orderedList")} onClick={() => chain().toggleOrderedList().run()}>
        1. List
      </ToolbarButton>
      <ToolbarButton editor={editor} label="Quote" active={editor.isActive("blockquote")} onClick={() => chain().toggleBlockquote().run()}>
        Quote
      </ToolbarButton>
      <ToolbarButton editor={editor} label="Code block" active={editor.isActive("codeBlock")} onClick={() => chain().toggleCodeBlock().run()}>
        Code block
      </ToolbarButton>
      <LinkControl editor={editor} />
      <TableControls editor={editor} />
      <ToolbarButton editor={editor} label="Undo (Ctrl+Z)" onClick={() => chain().undo().run()}>
        Undo
      </ToolbarButton>
      <ToolbarButton editor={editor} label="Redo (Ctrl+Shift+Z)" onClick={() => chain().redo().run()}>
        Redo
      </ToolbarButton>
    </div>
  );
}

function ConflictPanel({
  mineHtml,
  theirsHtml,
  onResolve,
}: {
  mineHtml: string;
  theirsHtml: string;
  onResolve: (choice: "mine" | "theirs" | "merge") => void;
}) {
  return (
    <div className="conflict-panel" role="alert">
      <p>
        <strong>Someone else saved this section while you were writing.</strong> Both versions are below; nothing is lost. Choose which to keep, or merge them
        by hand.
      </p>
      <div className="conflict-columns">
        <section aria-label="Your version">
          <h3>Your version</h3>
          <div className="rich-text" dangerouslySetInnerHTML={{ __html: mineHtml }} />
        </section>
        <section aria-label="Their version">
          <h3>Their version (saved)</h3>
          <div className="rich-text" dangerouslySetInnerHTML={{ __html: theirsHtml || "<p><em>(empty)</em></p>" }} />
        </section>
      </div>
      <div className="row">
        <button type="button" className="primary" onClick={() => onResolve("mine")}>
          Keep mine
        </button>
        <button type="button" onClick={() => onResolve("theirs")}>
          Take theirs
        </button>
        <button type="button" onClick={() => onResolve("merge")}>
          Merge by hand
        </button>
      </div>
    </div>
  );
}

/** While merging by hand: the one way to say the merge is resolved (until then nothing is saved). */
function MergeBar({ onDone }: { onDone: () => void }) {
  return (
    <div className="merge-bar row">
      <button type="button" className="primary" onClick={onDone}>
        Done merging
      </button>
    </div>
  );
}

/** The TipTap editor of one narrative section, with autosave. Loaded lazily in the browser only. */
export default function RichTextEditor({ coeId, section, label, placeholder, doc, html, version, lint, compact }: RichTextEditorProps) {
  // TipTap keeps the callbacks it was created with; they reach the current autosave through this ref (set after each commit).
  const saver = useRef<Pick<ReturnType<typeof useAutosave>, "change" | "flush" | "restoreKept"> | undefined>(undefined);
  const editor = useEditor({
    extensions: [...extensions, Placeholder.configure({ placeholder }), BlamelessUnderlines.configure(lint)],
    content: doc ?? undefined,
    immediatelyRender: false,
    // The Content-Security-Policy allows no inline <style>: TipTap's base rules are in styles.css instead.
    injectCSS: false,
    editorProps: {
      attributes: { "aria-label": label, "aria-multiline": "true", role: "textbox", class: "rich-editor rich-text", "data-testid": `editor-${section}` },
    },
    onCreate: ({ editor }) => saver.current?.restoreKept((next) => editor.commands.setContent(next, { emitUpdate: false })),
    onUpdate: ({ editor }) => saver.current?.change(editor.getJSON() as DocJSON),
    onBlur: () => void saver.current?.flush(),
  });
  const autosave = useAutosave({
    coeId,
    section,
    version,
    serverDoc: doc,
    serverHtml: html,
    setContent: (next) => editor?.commands.setContent(next, { emitUpdate: false }),
  });
  const { change, flush, restoreKept } = autosave;
  useLayoutEffect(() => {
    saver.current = { change, flush, restoreKept };
  }, [change, flush, restoreKept]);
  const { status } = autosave;
  return (
    <div className={compact ? "rich-section compact" : "rich-section"}>
      {editor ? <Toolbar editor={editor} /> : null}
      {editor ? <EditorContent editor={editor} /> : <div className="rich-text rich-editor" dangerouslySetInnerHTML={{ __html: html }} />}
      <StatusLine status={status} coeId={coeId} section={section} />
      {status.kind === "merging" ? <MergeBar onDone={autosave.finishMerge} /> : null}
      {status.kind === "conflict" ? <ConflictPanel mineHtml={editor?.getHTML() ?? ""} theirsHtml={status.theirs.html} onResolve={autosave.resolve} /> : null}
    </div>
  );
}
