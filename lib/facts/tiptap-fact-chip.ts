import { mergeAttributes, Node } from "@tiptap/core";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    factChip: {
      /** Inserts a citation of this fact at the cursor (what the editors' fact picker calls). */
      insertFactChip: (factId: string) => ReturnType;
    };
  }
}

/**
 * An inline, atomic fact citation for papers, responses and syntheses. The document stores only
 * the fact's id; the server render writes a span holding the `[[fact:<id>]]` token, which
 * `renderFactChipsInHtml` (cite.ts) turns into a live chip when the page is shown, so the chip's
 * flag follows the fact. Works in the browser editor and in `@tiptap/html` on the server.
 */
export const FactChipNode = Node.create({
  name: "factChip",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,

  addAttributes() {
    return {
      factId: {
        default: null,
        parseHTML: (el) => el.getAttribute("data-fact-id"),
        renderHTML: (attrs) => (attrs.factId ? { "data-fact-id": attrs.factId as string } : {}),
      },
    };
  },

  parseHTML() {
    return [{ tag: "span[data-fact-id]" }];
  },

  renderHTML({ node, HTMLAttributes }) {
    return ["span", mergeAttributes({ class: "fact-ref" }, HTMLAttributes), `[[fact:${String(node.attrs.factId ?? "")}]]`];
  },

  addCommands() {
    return {
      insertFactChip:
        (factId: string) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: { factId } }),
    };
  },

  renderText({ node }) {
    return `[[fact:${String(node.attrs.factId ?? "")}]]`;
  },
});
