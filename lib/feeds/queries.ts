import { and, desc, eq, isNull, lte, sql } from "drizzle-orm";
import { renderMentionsInMany } from "@/lib/discussion/mentions";
import type { Db } from "@/db";
import { comments, paperVersions, papers, themes, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import { can, type Actor, type PaperResource } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { loadPaperResource } from "@/lib/papers/resource";
import { publicNameSql } from "@/lib/auth/public-name";
import { paperIsPublicSql } from "@/lib/auth/visibility";

export const FEED_SIZE = 30;

/** Feeds have no component to word an erased account, so the query does. */
const authorName = sql<string>`coalesce(${publicNameSql()}, 'A former member')`;

export interface FeedPaper {
  versionId: string;
  paperId: string;
  version: number;
  title: string;
  summary: string;
  html: string;
  authorName: string;
  themeTitle: string;
  publishedAt: Date;
}

/**
 * Published versions, newest first: a revision is news too, so each version is its own entry.
 * The SQL keeps to what the public may read; each row is checked against `paper.view` as well.
 */
export async function listFeedPapers(db: Db, actor: Actor, opts: { themeId?: string; limit?: number } = {}): Promise<FeedPaper[]> {
  const rows = await db
    .select({
      versionId: paperVersions.id,
      paperId: papers.id,
      version: paperVersions.number,
      title: paperVersions.title,
      summary: paperVersions.summary,
      html: paperVersions.html,
      publishedAt: paperVersions.createdAt,
      authorId: papers.authorId,
      status: papers.status,
      publishedVersion: papers.publishedVersion,
      hiddenAt: papers.hiddenAt,
      themeId: themes.id,
      themeTitle: themes.title,
      themeArchivedAt: themes.archivedAt,
      discussionPublic: themes.discussionPublic,
      authorName,
    })
    .from(paperVersions)
    .innerJoin(papers, eq(papers.id, paperVersions.paperId))
    .innerJoin(themes, eq(themes.id, papers.themeId))
    .leftJoin(users, eq(users.id, papers.authorId))
    .where(
      and(
        // A feed is read as a visitor: public papers only (the same rule as paper.view for a visitor).
        paperIsPublicSql(),
        lte(paperVersions.number, papers.publishedVersion),
        opts.themeId ? eq(themes.id, opts.themeId) : undefined,
      ),
    )
    .orderBy(desc(paperVersions.createdAt), desc(paperVersions.number))
    .limit(opts.limit ?? FEED_SIZE);
  return rows
    .filter((r) =>
      can(actor, "paper.view", {
        id: r.paperId,
        authorId: r.authorId,
        status: r.status,
        publishedVersion: r.publishedVersion,
        hiddenAt: r.hiddenAt,
        theme: { id: r.themeId, archivedAt: r.themeArchivedAt, discussionPublic: r.discussionPublic },
      }),
    )
    .map((r) => ({
      versionId: r.versionId,
      paperId: r.paperId,
      version: r.version,
      title: r.title,
      summary: r.summary,
      html: r.html,
      authorName: r.authorName,
      themeTitle: r.themeTitle,
      publishedAt: r.publishedAt,
    }));
}

export interface FeedTheme {
  id: string;
  slug: string;
  title: string;
  description: string;
  createdAt: Date;
}

export async function getFeedTheme(db: Db, actor: Actor, slug: string): Promise<FeedTheme> {
  const [theme] = await db
    .select({ id: themes.id, slug: themes.slug, title: themes.title, description: themes.description, createdAt: themes.createdAt, archivedAt: themes.archivedAt, discussionPublic: themes.discussionPublic })
    .from(themes)
    .where(eq(themes.slug, slug));
  if (!theme || !can(actor, "theme.view", theme)) throw notFound("theme", "There is no theme at this address.");
  return { id: theme.id, slug: theme.slug, title: theme.title, description: theme.description, createdAt: theme.createdAt };
}

export interface FeedComment {
  id: string;
  html: string;
  authorName: string;
  createdAt: Date;
  updatedAt: Date;
  isReply: boolean;
}

export interface PaperDiscussionFeed {
  paper: { id: string; title: string; publishedAt: Date };
  comments: FeedComment[];
}

/**
 * A paper's latest comments. A paper the actor may not read is "not found"; a discussion the
 * actor may not read (members-only) is refused. Hidden and deleted comments are left out.
 */
export async function getPaperDiscussionFeed(db: Db, actor: Actor, paperId: string, limit = FEED_SIZE): Promise<PaperDiscussionFeed> {
  const resource: PaperResource = await loadPaperResource(db, paperId);
  if (!can(actor, "paper.view", resource)) throw notFound("paper", "That paper could not be found.");
  assertCan(actor, "comment.view", resource);
  const [version] = await db
    .select({ title: paperVersions.title, createdAt: paperVersions.createdAt })
    .from(paperVersions)
    .where(and(eq(paperVersions.paperId, paperId), eq(paperVersions.number, resource.publishedVersion)));
  if (!version) throw notFound("paper", "That paper could not be found.");
  const rows = await db
    .select({
      id: comments.id,
      html: comments.bodyHtml,
      parentId: comments.parentId,
      createdAt: comments.createdAt,
      editedAt: comments.editedAt,
      authorName,
    })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(comments.paperId, paperId), isNull(comments.hiddenAt), isNull(comments.deletedAt)))
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(limit);
  return {
    paper: { id: paperId, title: version.title, publishedAt: version.createdAt },
    // Mentions are stored by member id and drawn with the public name, in the feed as on the page.
    comments: (await renderMentionsInMany(db, rows.map((r) => r.html))).map((html, i) => {
      const r = rows[i]!;
      return { id: r.id, html, authorName: r.authorName, createdAt: r.createdAt, updatedAt: r.editedAt ?? r.createdAt, isReply: r.parentId !== null };
    }),
  };
}
