import { Feed } from "feed";
import sanitizeHtml from "sanitize-html";

export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";

/** Feed readers render entry HTML themselves, so it is sanitised again here, whatever was stored. */
const FEED_HTML: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "b", "em", "i", "u", "s", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6", "hr", "sup", "sub", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption"],
  allowedAttributes: { a: ["href", "title"], th: ["colspan", "rowspan"], td: ["colspan", "rowspan"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
};

/**
 * Sanitises HTML for a feed and makes its relative links absolute, since a feed reader has no
 * page to resolve them against. The text also goes into CDATA, which must not be closed early.
 */
export function feedHtml(html: string, origin: string): string {
  const clean = sanitizeHtml(html, {
    ...FEED_HTML,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: attribs.href?.startsWith("/") && !attribs.href.startsWith("//") ? { ...attribs, href: `${origin}${attribs.href}` } : attribs }),
    },
  });
  return clean.replaceAll("]]>", "]]&gt;");
}

/** Entry titles are declared type="html" by the feed library, so plain text is escaped first. */
export function escapeText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("]]>", "]]&gt;");
}

export interface AtomEntry {
  /** Stable across hosts and renames, e.g. urn:uuid:… of the row. */
  id: string;
  title: string;
  link: string;
  updated: Date;
  published?: Date;
  authorName: string;
  /** Plain text */
  summary?: string;
  /** Raw HTML; sanitised here. */
  contentHtml?: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  selfUrl: string;
  alternateUrl: string;
  /** When nothing is in the feed yet: a fixed date, so the feed does not change on every request. */
  fallbackUpdated: Date;
  origin: string;
  entries: AtomEntry[];
}

export function buildAtom(f: AtomFeed): string {
  const updated = f.entries.reduce((latest, e) => (e.updated > latest ? e.updated : latest), f.fallbackUpdated);
  const feed = new Feed({
    id: f.id,
    title: f.title,
    description: f.subtitle,
    link: f.alternateUrl,
    feed: f.selfUrl,
    updated,
    language: "en-GB",
    generator: "Commonplace",
    author: { name: "Commonplace" },
    favicon: `${f.origin}/icon.svg`,
    copyright: "Commonplace members",
  });
  for (const e of f.entries) {
    feed.addItem({
      id: e.id,
      title: escapeText(e.title),
      link: e.link,
      date: e.updated,
      published: e.published,
      description: e.summary ? escapeText(e.summary) : undefined,
      content: e.contentHtml !== undefined ? feedHtml(e.contentHtml, f.origin) : undefined,
      author: [{ name: e.authorName }],
    });
  }
  return feed.atom1();
}
