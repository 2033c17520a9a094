import StarterKit from "@tiptap/starter-kit";

/** The one extension list: the editor (browser) and the HTML renderer (server) both use it. */
export const extensions = [StarterKit];
