/**
 * Server render of a co-edited document for readers: Yjs → ProseMirror JSON → HTML with the same
 * extensions as the editor, then sanitised again (a client may have sent anything).
 */
import type { JSONContent } from "@tiptap/core";
import { generateHTML } from "@tiptap/html";
import sanitizeHtml from "sanitize-html";
import * as Y from "yjs";
import type { DocJson } from "@/db/schema";
import { documentExtensions, FRAGMENT, LINK_PROTOCOLS } from "./schema";

type Node = { type: string; attrs?: Record<string, unknown>; content?: Node[]; text?: string; marks?: { type: string; attrs?: Record<string, unknown> }[] };

/** The ProseMirror JSON of a Y.XmlFragment as the Tiptap Collaboration extension stores it. */
export function fragmentToJson(fragment: Y.XmlFragment): DocJson {
  return { type: "doc", content: children(fragment) };
}

function children(parent: Y.XmlFragment | Y.XmlElement): Node[] {
  const out: Node[] = [];
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, Record<string, unknown> | null> }[]) {
        if (typeof op.insert !== "string" || !op.insert) continue;
        const marks = Object.entries(op.attributes ?? {}).map(([type, attrs]) => (attrs && Object.keys(attrs).length ? { type, attrs } : { type }));
        out.push(marks.length ? { type: "text", text: op.insert, marks } : { type: "text", text: op.insert });
      }
    } else if (child instanceof Y.XmlElement) {
      const attrs = child.getAttributes();
      const node: Node = { type: child.nodeName };
      if (Object.keys(attrs).length) node.attrs = attrs;
      const content = children(child);
      if (content.length) node.content = content;
      out.push(node);
    }
  }
  return out;
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "strong", "em", "s", "u", "code", "pre", "a", "br", "hr", "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "span"],
  allowedAttributes: { a: ["href", "rel", "target"], ol: ["start"], code: ["class"], th: ["colspan", "rowspan"], td: ["colspan", "rowspan"], span: ["class", "data-fact-id"] },
  // A fact chip is stored as a span holding its `[[fact:<id>]]` token; renderFactChipsInHtml draws it when shown.
  allowedClasses: { span: ["fact-ref"] },
  allowedSchemes: [...LINK_PROTOCOLS],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }) },
};

export interface RenderedDocument {
  html: string;
  text: string;
  /** The ProseMirror JSON, for recording which facts the document cites. */
  json: DocJson;
}

/** Renders the document; an unknown node type (a client sent garbage) falls back to plain text. */
export function renderDocument(ydoc: Y.Doc): RenderedDocument {
  const json = fragmentToJson(ydoc.getXmlFragment(FRAGMENT));
  const text = plainText(json.content as Node[]);
  let html: string;
  try {
    html = generateHTML(json as JSONContent, documentExtensions);
  } catch {
    html = text
      .split(/\n{2,}/)
      .map((p) => `<p>${sanitizeHtml(p, { allowedTags: [] })}</p>`)
      .join("");
  }
  return { html: sanitizeHtml(html, SANITIZE), text, json };
}

const BLOCKS = new Set(["paragraph", "heading", "blockquote", "listItem", "codeBlock", "horizontalRule", "tableCell", "tableHeader"]);
function plainText(nodes: Node[] = []): string {
  return nodes
    .map((n) =>
      n.type === "text" ? (n.text ?? "") : n.type === "factChip" ? `[[fact:${String(n.attrs?.factId ?? "")}]]` : plainText(n.content) + (BLOCKS.has(n.type) ? "\n\n" : ""),
    )
    .join("")
    .replace(/\n{3,}/g, "\n\n");
}
