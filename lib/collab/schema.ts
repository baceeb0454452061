/**
 * The document schema of co-edited Responses and syntheses: the same Tiptap extensions in the
 * editor (browser) and in the server render, so the stored Yjs document means the same in both.
 * Collaboration extensions are added by the editor on top; undo/redo comes from Yjs, not StarterKit.
 * Tables and fact chips as in papers (a Response cites facts the same way a paper does).
 */
import { TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { FactChipNode } from "@/lib/facts/tiptap-fact-chip";

/** Links may point to the web or to an e-mail address, nothing else (no javascript:, data: ...). */
export const LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

export const HEADING_LEVELS = [2, 3, 4] as const;

export const documentExtensions = [
  StarterKit.configure({
    undoRedo: false,
    heading: { levels: [...HEADING_LEVELS] },
    link: {
      openOnClick: false,
      autolink: true,
      protocols: [...LINK_PROTOCOLS],
      defaultProtocol: "https",
      isAllowedUri: (url, ctx) => /^(https?:|mailto:|\/|#)/i.test(url) && ctx.defaultValidate(url),
    },
  }),
  TableKit.configure({ table: { resizable: false } }),
  FactChipNode,
];

/** Name of the Y.XmlFragment holding the document (Tiptap's Collaboration default). */
export const FRAGMENT = "default";
