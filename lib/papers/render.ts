/**
 * Turns a stored paper (ProseMirror JSON) into what readers get: sanitised HTML with ids on the
 * headings, a table of contents, the plain text (for diffs and search), word count and reading
 * time. Runs on the server at publication, so reading pages do no rendering work.
 */
import type { JSONContent } from "@tiptap/core";
import { generateHTML } from "@tiptap/html/server";
import sanitizeHtml from "sanitize-html";
import type { DocJson } from "@/db/schema/papers";
import { isAllowedLink, paperExtensions } from "./extensions";

export interface TocEntry {
  id: string;
  text: string;
  level: 2 | 3 | 4;
}

export interface RenderedPaper {
  html: string;
  toc: TocEntry[];
  plainText: string;
  wordCount: number;
  readingMinutes: number;
}

interface PmNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  marks?: unknown[];
}

const WORDS_PER_MINUTE = 230;
const ID_PATTERN = /^(?:h-[a-z0-9-]+|fn-\d+|fnref-\d+|footnotes)$/;
const BLOCKS = new Set(["paragraph", "heading"]);

function textOf(node: PmNode): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return " ";
  if (node.type === "footnote") return "";
  return (node.content ?? []).map(textOf).join("");
}

export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `h-${slug || "section"}`;
}

/** Numbers footnotes in reading order (a copy: the stored document is untouched) and collects the headings and text. */
function walk(doc: PmNode) {
  const notes: string[] = [];
  const headings: { text: string; level: 2 | 3 | 4 }[] = [];
  const paragraphs: string[] = [];
  const visit = (node: PmNode): PmNode => {
    if (node.type === "footnote") {
      notes.push(String(node.attrs?.content ?? ""));
      return { ...node, attrs: { ...node.attrs, number: notes.length } };
    }
    if (node.type === "heading") headings.push({ text: textOf(node).trim(), level: Number(node.attrs?.level ?? 2) as 2 | 3 | 4 });
    if (BLOCKS.has(node.type)) {
      const text = textOf(node).replace(/\s+/g, " ").trim();
      if (text) paragraphs.push(text);
    }
    return node.content ? { ...node, content: node.content.map(visit) } : node;
  };
  const numbered = visit(doc);
  return { numbered, notes, headings, paragraphs };
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const keepSafeId = (tagName: string, attribs: sanitizeHtml.Attributes) => {
  const { id, ...rest } = attribs;
  return { tagName, attribs: id && ID_PATTERN.test(id) ? { ...rest, id } : rest };
};

export const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ["p", "h2", "h3", "h4", "strong", "em", "a", "ul", "ol", "li", "blockquote", "br", "table", "thead", "tbody", "tr", "th", "td", "sup", "span", "section"],
  allowedAttributes: {
    a: ["href", "rel", "id"],
    h2: ["id"],
    h3: ["id"],
    h4: ["id"],
    li: ["id"],
    sup: ["id", "class"],
    span: ["class"],
    section: ["class", "aria-labelledby"],
    ol: ["start"],
    th: ["colspan", "rowspan"],
    td: ["colspan", "rowspan"],
  },
  allowedClasses: { sup: ["footnote-ref"], span: ["sr-only"], section: ["footnotes"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object", "embed"],
  transformTags: {
    a: (tagName, attribs) => {
      const safe = keepSafeId(tagName, attribs);
      // A link whose address was refused keeps its words but stops being a link.
      const href = safe.attribs.href ?? "";
      const internal = /^#[a-z0-9-]+$/.test(href);
      if (!internal && !isAllowedLink(href)) return { tagName: "span", attribs: {} };
      return { tagName, attribs: { ...safe.attribs, ...(internal ? {} : { rel: "noopener noreferrer nofollow" }) } };
    },
    h2: keepSafeId,
    h3: keepSafeId,
    h4: keepSafeId,
    li: keepSafeId,
    sup: keepSafeId,
  },
};

export function renderPaper(doc: DocJson): RenderedPaper {
  const { numbered, notes, headings, paragraphs } = walk(doc as PmNode);
  let body = generateHTML(numbered as JSONContent, paperExtensions);

  // Headings get stable ids in document order; the serialiser writes them in the same order.
  const used = new Map<string, number>();
  const toc: TocEntry[] = headings.map((h) => {
    const base = slugify(h.text);
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return { id: n > 1 ? `${base}-${n}` : base, text: h.text, level: h.level };
  });
  let i = 0;
  body = body.replace(/<h([234])(\s[^>]*)?>/g, (match, level: string) => {
    const entry = toc[i++];
    return entry ? `<h${level} id="${entry.id}">` : match;
  });

  if (notes.length) {
    const items = notes.map((text, k) => `<li id="fn-${k + 1}">${escape(text)} <a href="#fnref-${k + 1}"><span class="sr-only">Back to the text of note ${k + 1}</span>↩</a></li>`).join("");
    body += `<section class="footnotes" aria-labelledby="footnotes"><h2 id="footnotes">Notes</h2><ol>${items}</ol></section>`;
    toc.push({ id: "footnotes", text: "Notes", level: 2 });
  }

  const html = sanitizeHtml(body, SANITIZE_OPTIONS);
  const noteLines = notes.map((text, k) => `[${k + 1}] ${text.replace(/\s+/g, " ").trim()}`);
  const plainText = [...paragraphs, ...noteLines].join("\n\n");
  const wordCount = plainText.split(/\s+/).filter(Boolean).length;
  return { html, toc, plainText, wordCount, readingMinutes: readingMinutes(wordCount) };
}

export const readingMinutes = (words: number) => Math.max(1, Math.round(words / WORDS_PER_MINUTE));

/** The table of contents of already-rendered HTML, read back from the heading ids the render wrote. */
export function tocFromHtml(html: string): TocEntry[] {
  const toc: TocEntry[] = [];
  for (const m of html.matchAll(/<h([234]) id="([^"]+)">([\s\S]*?)<\/h\1>/g)) {
    const text = m[3]!.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").trim();
    toc.push({ id: m[2]!, text, level: Number(m[1]) as 2 | 3 | 4 });
  }
  return toc;
}
