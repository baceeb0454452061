import type { Db } from "@/db";
import type { Actor } from "@/lib/auth/permissions";
import { commentUrl, paperUrl } from "@/lib/following/notify";
import { buildAtom } from "./atom";
import { feedPaths } from "./links";
import { getFeedTheme, getPaperDiscussionFeed, listFeedPapers, type FeedPaper } from "./queries";

/** Before the site had anything to say; used as `updated` of an empty feed so it stays byte-stable. */
const SITE_EPOCH = new Date("2026-01-01T00:00:00Z");

function paperEntry(p: FeedPaper, origin: string) {
  return {
    id: `urn:uuid:${p.versionId}`,
    title: p.version > 1 ? `${p.title} (version ${p.version})` : p.title,
    link: `${origin}${paperUrl(p.paperId)}`,
    updated: p.publishedAt,
    published: p.publishedAt,
    authorName: p.authorName,
    summary: p.summary || undefined,
    contentHtml: p.html,
  };
}

/** Latest published papers across active themes. */
export async function renderSiteFeed(db: Db, actor: Actor, origin: string): Promise<string> {
  const papers = await listFeedPapers(db, actor);
  return buildAtom({
    id: `${origin}${feedPaths.site()}`,
    title: "Commonplace: new papers",
    subtitle: "Position papers published on Commonplace, newest first.",
    selfUrl: `${origin}${feedPaths.site()}`,
    alternateUrl: `${origin}/`,
    fallbackUpdated: SITE_EPOCH,
    origin,
    entries: papers.map((p) => paperEntry(p, origin)),
  });
}

export async function renderThemeFeed(db: Db, actor: Actor, origin: string, slug: string): Promise<string> {
  const theme = await getFeedTheme(db, actor, slug);
  const papers = await listFeedPapers(db, actor, { themeId: theme.id });
  return buildAtom({
    // By id, not slug, so renaming a theme's address does not make readers see a new feed.
    id: `urn:uuid:${theme.id}`,
    title: `Commonplace: ${theme.title}`,
    subtitle: theme.description || undefined,
    selfUrl: `${origin}${feedPaths.theme(theme.slug)}`,
    alternateUrl: `${origin}/themes/${theme.slug}`,
    fallbackUpdated: theme.createdAt,
    origin,
    entries: papers.map((p) => paperEntry(p, origin)),
  });
}

export async function renderPaperDiscussionFeed(db: Db, actor: Actor, origin: string, paperId: string): Promise<string> {
  const { paper, comments } = await getPaperDiscussionFeed(db, actor, paperId);
  return buildAtom({
    id: `urn:uuid:${paper.id}`,
    title: `Discussion of “${paper.title}”`,
    subtitle: `The latest comments on “${paper.title}” on Commonplace.`,
    selfUrl: `${origin}${feedPaths.paper(paper.id)}`,
    alternateUrl: `${origin}${paperUrl(paper.id)}`,
    fallbackUpdated: paper.publishedAt,
    origin,
    entries: comments.map((c) => ({
      id: `urn:uuid:${c.id}`,
      title: `${c.authorName} ${c.isReply ? "replied" : "commented"} on “${paper.title}”`,
      link: `${origin}${commentUrl(paper.id, c.id)}`,
      updated: c.updatedAt,
      published: c.createdAt,
      authorName: c.authorName,
      contentHtml: c.html,
    })),
  });
}
