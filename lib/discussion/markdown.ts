import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

/**
 * Comment text is "Markdown-light": emphasis, lists, quotes, inline code and links, nothing that
 * changes the page's outline (no headings) or pulls in other sites' content (no images, no raw
 * HTML). markdown-it renders it; sanitize-html then enforces the same allowlist on the result, so
 * a bug or a future option in the renderer still cannot let markup through.
 */
const md = new MarkdownIt("zero", { html: false, linkify: true, breaks: true, typographer: false }).enable([
  "blockquote",
  "list",
  "emphasis",
  "strikethrough",
  "backticks",
  "link",
  "linkify",
  "autolink",
  "newline",
  "escape",
  "entity",
]);

const REL = "nofollow ugc noopener";

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet("rel", REL);
  return defaultLinkOpen(tokens, idx, options, env, self);
};

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "em", "strong", "s", "del", "ul", "ol", "li", "blockquote", "code", "a"],
  allowedAttributes: { a: ["href", "rel"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: REL }) },
};

export function renderCommentMarkdown(source: string): string {
  return sanitizeHtml(md.render(source), SANITIZE).trim();
}

/** Plain text of a comment for excerpts and notifications. */
export function excerpt(source: string, max = 140): string {
  const text = source.replace(/[*_`>#~[\]()]/g, "").replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
