/**
 * The one list of Tiptap extensions for papers, shared by the editor (in the browser) and the
 * server render, so what an author writes is exactly what the schema and the reader accept.
 * No React here: the server render imports this without pulling in the editor.
 */
import { Node, mergeAttributes, type Extensions } from "@tiptap/core";
import { StarterKit } from "@tiptap/starter-kit";
import { TableKit } from "@tiptap/extension-table";
import { FactChipNode } from "@/lib/facts/tiptap-fact-chip";

/** Links may only point at the web or an e-mail address (CVE-2023-45908: no javascript: URLs). */
export const LINK_PROTOCOLS = ["http:", "https:", "mailto:"] as const;

export function isAllowedLink(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url.trim());
    return (LINK_PROTOCOLS as readonly string[]).includes(parsed.protocol);
  } catch {
    return false;
  }
}

/**
 * A footnote is an inline atom that carries its own text. The editor numbers them with a CSS
 * counter; the server render numbers them in reading order and writes the notes list at the end.
 */
export const Footnote = Node.create({
  name: "footnote",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      content: {
        default: "",
        parseHTML: (el) => el.getAttribute("data-footnote") ?? "",
        renderHTML: (attrs) => ({ "data-footnote": attrs.content as string }),
      },
      /** Set only by the server render, never stored. */
      number: { default: null, rendered: false },
    };
  },
  parseHTML() {
    return [{ tag: "sup[data-footnote]" }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const n = node.attrs.number as number | null;
    if (n) {
      return ["sup", { class: "footnote-ref", id: `fnref-${n}` }, ["a", { href: `#fn-${n}` }, ["span", { class: "sr-only" }, "Note "], String(n)]];
    }
    return ["sup", mergeAttributes(HTMLAttributes, { class: "footnote-ref", title: node.attrs.content as string }), "*"];
  },
  renderText({ node }) {
    return ` [${node.attrs.content as string}]`;
  },
});

export const HEADING_LEVELS = [2, 3, 4] as const;

export const paperExtensions: Extensions = [
  StarterKit.configure({
    heading: { levels: [...HEADING_LEVELS] },
    code: false,
    codeBlock: false,
    strike: false,
    underline: false,
    horizontalRule: false,
    link: {
      openOnClick: false,
      autolink: true,
      defaultProtocol: "https",
      HTMLAttributes: { target: null, rel: "noopener noreferrer nofollow" },
      isAllowedUri: (url) => isAllowedLink(url),
    },
  }),
  TableKit.configure({ table: { resizable: false } }),
  Footnote,
  FactChipNode,
];

/** Node and mark types a stored paper may contain, and the attributes each may carry. */
export const ALLOWED_NODES: Record<string, readonly string[]> = {
  doc: [],
  paragraph: [],
  text: [],
  heading: ["level"],
  bulletList: [],
  orderedList: ["start", "type"],
  listItem: [],
  blockquote: [],
  hardBreak: [],
  table: [],
  tableRow: [],
  tableHeader: ["colspan", "rowspan", "colwidth"],
  tableCell: ["colspan", "rowspan", "colwidth"],
  footnote: ["content"],
  factChip: ["factId"],
};
export const ALLOWED_MARKS: Record<string, readonly string[]> = {
  bold: [],
  italic: [],
  link: ["href", "target", "rel", "class", "title"],
};
