import type { Metadata } from "next";
import { siteUrl } from "@/lib/config/site-url";

export const feedPaths = {
  site: () => "/feeds/papers.xml",
  theme: (slug: string) => `/themes/${slug}/feed.xml`,
  paper: (paperId: string) => `/papers/${paperId}/feed.xml`,
};

type FeedRef = { kind: "site" } | { kind: "theme"; slug: string; title: string } | { kind: "paper"; paperId: string; title: string };

/**
 * `alternates` for generateMetadata, so browsers and feed readers find a page's Atom feed:
 * `return { title, alternates: feedAlternates({ kind: "theme", slug, title }) }`.
 * The site feed is listed on every page that passes it too.
 */
export function feedAlternates(...feeds: FeedRef[]): NonNullable<Metadata["alternates"]> {
  const base = siteUrl();
  const links = feeds.map((f) => {
    if (f.kind === "site") return { url: `${base}${feedPaths.site()}`, title: "Commonplace: new papers" };
    if (f.kind === "theme") return { url: `${base}${feedPaths.theme(f.slug)}`, title: `New papers in ${f.title}` };
    return { url: `${base}${feedPaths.paper(f.paperId)}`, title: `Discussion of “${f.title}”` };
  });
  return { types: { "application/atom+xml": links } };
}
