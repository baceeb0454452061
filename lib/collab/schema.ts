/**
 * The document schema of co-edited Responses and syntheses: the same Tiptap extensions in the
 * editor (browser) and in the server render, so the stored Yjs document means the same in both.
 * Collaboration extensions are added by the editor on top; undo/redo comes from Yjs, not StarterKit.
 */
import StarterKit from "@tiptap/starter-kit";

/** Links may point to the web or to an e-mail address, nothing else (no javascript:, data: ...). */
export const LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

export const documentExtensions = [
  StarterKit.configure({
    undoRedo: false,
    link: {
      openOnClick: false,
      autolink: true,
      protocols: [...LINK_PROTOCOLS],
      defaultProtocol: "https",
      isAllowedUri: (url, ctx) => /^(https?:|mailto:|\/|#)/i.test(url) && ctx.defaultValidate(url),
    },
  }),
];

/** Name of the Y.XmlFragment holding the document (Tiptap's Collaboration default). */
export const FRAGMENT = "default";
