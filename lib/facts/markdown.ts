import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

/**
 * Markdown-light for dispute discussions: emphasis, code, quotes, lists and links, nothing else.
 * Raw HTML in the source is escaped by markdown-it, and the output is sanitised again with an
 * allowlist, so a crafted link (javascript:) or tag never reaches a reader.
 */
const md = new MarkdownIt("zero", { linkify: true, breaks: true })
  .enable(["paragraph", "newline", "emphasis", "backticks", "blockquote", "list", "link", "linkify", "escape", "code", "fence"]);

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a"],
  allowedAttributes: { a: ["href"] },
  allowedSchemes: ["http", "https", "mailto"],
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "nofollow ugc noopener", target: "_blank" }) },
};

export function renderMarkdownLight(source: string): string {
  return sanitizeHtml(md.render(source), { ...SANITIZE, allowedAttributes: { a: ["href", "rel", "target"] } });
}
