import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { commentResponseUses, commentRevisions, commentVotes, comments, papers, responses, themes, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import { can, type Actor, type CommentResource, type PaperResource } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { isUuid, paperResourceColumns, toPaperResource } from "@/lib/papers/resource";
import { paperResponse } from "@/lib/collab/documents";
import { renderCommentMarkdown } from "./markdown";
import { renderMentionsInMany } from "./mentions";
import { parseSort, type ThreadSort } from "./ranking";
import { ancestorsOf, buildTree, type CommentNode } from "./tree";
import { renderFactChipsInMany } from "@/lib/facts/cite";
import { publicNameSql } from "@/lib/auth/public-name";

export const TOP_LEVEL_PAGE_SIZE = 50;

/** One comment as the thread shows it to this viewer: text only when they may read it. */
export interface ThreadComment {
  id: string;
  parentId: string | null;
  depth: number;
  authorId: string | null;
  authorName: string | null;
  /** Sanitised HTML, or null when deleted or hidden from this viewer. */
  bodyHtml: string | null;
  /** The Markdown source, only for the author who may edit it. */
  source: string | null;
  quote: string | null;
  usefulCount: number;
  notUsefulCount: number;
  createdAt: Date;
  editedAt: Date | null;
  deleted: boolean;
  hidden: { reason: string } | null;
  /** Earlier texts, oldest first, each with the time it was written. */
  revisions: { html: string; writtenAt: Date }[];
  viewerFindsUseful: boolean;
  /** issue 4: quoted into the paper's Response ("Used in the response"). */
  usedInResponse: boolean;
  may: { vote: boolean; reply: boolean; edit: boolean; delete: boolean; hide: boolean; restore: boolean; addToResponse: boolean };
}

export type ThreadNode = CommentNode<ThreadComment>;

export interface ThreadView {
  paper: { id: string; title: string };
  sort: ThreadSort;
  /** All comments in the thread, deleted and hidden included (their places stay). */
  total: number;
  topLevelTotal: number;
  page: number;
  pageSize: number;
  /** Top-level comments on this page, or the focused branch on a permalink. */
  roots: ThreadNode[];
  /** On a permalink: the comments above the focused one, top level first. */
  ancestors: ThreadComment[];
  focusId: string | null;
  canComment: boolean;
}

/** The paper as the rules see it, with its title: one query. */
async function loadPaper(db: Tx, paperId: string): Promise<PaperResource & { title: string; responseId: string | null }> {
  if (!isUuid(paperId)) throw notFound("paper", "That paper could not be found.");
  const [row] = await db
    .select({ ...paperResourceColumns, title: papers.title, responseId: responses.id })
    .from(papers)
    .innerJoin(themes, eq(themes.id, papers.themeId))
    .leftJoin(responses, eq(responses.paperId, papers.id))
    .where(eq(papers.id, paperId));
  if (!row) throw notFound("paper", "That paper could not be found.");
  return { ...toPaperResource(row), title: row.title, responseId: row.responseId };
}

const publicName = publicNameSql();

/**
 * A paper's whole discussion in a fixed number of queries whatever its size: the paper, every
 * comment with its author's public name and the viewer's vote, and the earlier texts of edited
 * comments. The tree is assembled and ranked in memory; permissions per comment are decided
 * from the same rows, so nothing is asked of the database per comment.
 */
export async function getThread(
  db: Tx,
  actor: Actor,
  paperId: string,
  opts: { sort?: string | string[]; page?: string | string[]; focusCommentId?: string } = {},
): Promise<ThreadView> {
  const paper = await loadPaper(db, paperId);
  assertCan(actor, "comment.view", paper);
  const sort = parseSort(opts.sort);
  const viewerVote = actor.id ? and(eq(commentVotes.commentId, comments.id), eq(commentVotes.userId, actor.id)) : sql`false`;
  const rows = await db
    .select({
      id: comments.id,
      parentId: comments.parentId,
      depth: comments.depth,
      authorId: comments.authorId,
      authorName: publicName,
      // The Markdown source is only needed for the viewer's own comments (to edit them).
      body: actor.id ? sql<string | null>`case when ${comments.authorId} = ${actor.id} then ${comments.body} end` : sql<string | null>`null`,
      bodyHtml: comments.bodyHtml,
      quote: comments.quote,
      usefulCount: comments.usefulCount,
      notUsefulCount: comments.notUsefulCount,
      createdAt: comments.createdAt,
      editedAt: comments.editedAt,
      deletedAt: comments.deletedAt,
      hiddenAt: comments.hiddenAt,
      hiddenReason: comments.hiddenReason,
      vote: commentVotes.value,
      // issue 4: one column, not one query per comment.
      usedInResponse: sql<boolean>`exists (select 1 from ${commentResponseUses} where ${commentResponseUses.commentId} = ${comments.id})`,
    })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .leftJoin(commentVotes, viewerVote)
    .where(eq(comments.paperId, paper.id));

  const revisionsOf = new Map<string, { html: string; writtenAt: Date }[]>();
  if (rows.some((r) => r.editedAt && !r.deletedAt)) {
    const revs = await db
      .select({ commentId: commentRevisions.commentId, body: commentRevisions.body, createdAt: commentRevisions.createdAt })
      .from(commentRevisions)
      .innerJoin(comments, eq(comments.id, commentRevisions.commentId))
      .where(and(eq(comments.paperId, paper.id), isNotNull(comments.editedAt)))
      .orderBy(asc(commentRevisions.createdAt));
    const revHtml = await renderMentionsInMany(db, revs.map((r) => renderCommentMarkdown(r.body)));
    for (const [i, r] of revs.entries()) {
      const list = revisionsOf.get(r.commentId) ?? [];
      list.push({ html: revHtml[i]!, writtenAt: r.createdAt });
      revisionsOf.set(r.commentId, list);
    }
  }

  const canComment = can(actor, "comment.create", paper);
  // An unpublished paper has no Response to add to; a published one has it (made on publishing, or here for older rows).
  const canAddToResponse =
    paper.publishedVersion > 0 && can(actor, "response.edit", paper.responseId ? { id: paper.responseId, paper } : await paperResponse(db, paper));
  // Fact chips are drawn when shown, so a fact disputed since is flagged; one query for the whole thread, none when nothing is cited.
  // Mentions too: stored by member id, drawn with today's public name.
  const withChips = await renderFactChipsInMany(db, await renderMentionsInMany(db, rows.map((r) => r.bodyHtml)));
  const items: ThreadComment[] = rows.map((r, i) => {
    const resource: CommentResource = { id: r.id, authorId: r.authorId, deletedAt: r.deletedAt, hiddenAt: r.hiddenAt, paper };
    const deleted = r.deletedAt !== null;
    const textVisible = !deleted && (r.hiddenAt === null || can(actor, "comment.viewHidden", resource));
    const mayEdit = can(actor, "comment.edit", resource);
    return {
      id: r.id,
      parentId: r.parentId,
      depth: r.depth,
      authorId: deleted ? null : r.authorId,
      authorName: deleted ? null : r.authorName,
      bodyHtml: textVisible ? withChips[i]! : null,
      source: mayEdit ? r.body : null,
      quote: textVisible ? r.quote : null,
      usefulCount: r.usefulCount,
      notUsefulCount: r.notUsefulCount,
      createdAt: r.createdAt,
      editedAt: deleted ? null : r.editedAt,
      deleted,
      hidden: r.hiddenAt && !deleted ? { reason: r.hiddenReason ?? "" } : null,
      revisions: textVisible ? (revisionsOf.get(r.id) ?? []) : [],
      viewerFindsUseful: r.vote === 1,
      usedInResponse: textVisible && r.usedInResponse,
      may: {
        vote: can(actor, "comment.vote", resource),
        reply: canComment && !deleted && r.hiddenAt === null,
        edit: mayEdit,
        delete: can(actor, "comment.delete", resource),
        hide: can(actor, "comment.hide", resource),
        restore: can(actor, "comment.restore", resource),
        addToResponse: canAddToResponse && !deleted && r.hiddenAt === null,
      },
    };
  });

  const tree = buildTree(items, sort);
  const base = { paper: { id: paper.id, title: paper.title }, sort, total: items.length, topLevelTotal: tree.roots.length, pageSize: TOP_LEVEL_PAGE_SIZE, canComment };
  if (opts.focusCommentId) {
    const focus = tree.byId.get(opts.focusCommentId);
    if (!focus) throw notFound("comment", "That comment could not be found in this discussion.");
    const path = ancestorsOf(tree, focus.id);
    return { ...base, page: 1, roots: [focus], ancestors: path.slice(0, -1).map(stripReplies), focusId: focus.id };
  }
  const pages = Math.max(1, Math.ceil(tree.roots.length / TOP_LEVEL_PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(String(opts.page ?? "1"), 10) || 1));
  const start = (page - 1) * TOP_LEVEL_PAGE_SIZE;
  return { ...base, page, roots: tree.roots.slice(start, start + TOP_LEVEL_PAGE_SIZE), ancestors: [], focusId: null };
}

function stripReplies(node: ThreadNode): ThreadComment {
  const { replies: _replies, descendantCount: _count, ...comment } = node;
  return comment;
}

/** For a permalink page: the paper (title and rules) and a check that the comment is in its thread. */
export async function getPermalinkTarget(db: Tx, actor: Actor, paperId: string, commentId: string): Promise<PaperResource & { title: string }> {
  const paper = await loadPaper(db, paperId);
  assertCan(actor, "comment.view", paper);
  if (!isUuid(commentId)) throw notFound("comment", "That comment could not be found.");
  const [row] = await db.select({ id: comments.id }).from(comments).where(and(eq(comments.id, commentId), eq(comments.paperId, paper.id)));
  if (!row) throw notFound("comment", "That comment could not be found in this discussion.");
  return paper;
}
