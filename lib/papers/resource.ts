import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { comments, papers, themes } from "@/db/schema";
import type { CommentResource, PaperResource } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";

/** The columns a paper is judged by (join its theme); `toPaperResource` turns a row of them into the resource. */
export const paperResourceColumns = {
  id: papers.id,
  authorId: papers.authorId,
  status: papers.status,
  publishedVersion: papers.publishedVersion,
  hiddenAt: papers.hiddenAt,
  themeId: themes.id,
  themeArchivedAt: themes.archivedAt,
  themeDiscussionPublic: themes.discussionPublic,
};

type PaperRow = { [K in keyof typeof paperResourceColumns]: (typeof paperResourceColumns)[K]["_"]["data"] | ((typeof paperResourceColumns)[K]["_"]["notNull"] extends true ? never : null) };

export function toPaperResource(row: PaperRow): PaperResource {
  return {
    id: row.id,
    authorId: row.authorId,
    status: row.status,
    publishedVersion: row.publishedVersion,
    hiddenAt: row.hiddenAt,
    theme: { id: row.themeId, archivedAt: row.themeArchivedAt, discussionPublic: row.themeDiscussionPublic },
  };
}

/** The paper as the permission rules see it, read fresh for this request. Throws not_found for an unknown id. */
export async function loadPaperResource(db: Tx, paperId: string): Promise<PaperResource> {
  if (!isUuid(paperId)) throw notFound("paper", "That paper could not be found.");
  const [row] = await db.select(paperResourceColumns).from(papers).innerJoin(themes, eq(themes.id, papers.themeId)).where(eq(papers.id, paperId));
  if (!row) throw notFound("paper", "That paper could not be found.");
  return toPaperResource(row);
}

/** A comment and its paper as the permission rules see them. Throws not_found for an unknown id. */
export async function loadCommentResource(db: Tx, commentId: string): Promise<CommentResource> {
  if (!isUuid(commentId)) throw notFound("comment", "That comment could not be found.");
  const [row] = await db
    .select({ ...paperResourceColumns, commentId: comments.id, commentAuthorId: comments.authorId, deletedAt: comments.deletedAt, commentHiddenAt: comments.hiddenAt })
    .from(comments)
    .innerJoin(papers, eq(papers.id, comments.paperId))
    .innerJoin(themes, eq(themes.id, papers.themeId))
    .where(eq(comments.id, commentId));
  if (!row) throw notFound("comment", "That comment could not be found.");
  return { id: row.commentId, authorId: row.commentAuthorId, deletedAt: row.deletedAt, hiddenAt: row.commentHiddenAt, paper: toPaperResource(row) };
}

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
