import { afterCommit, cacheTags } from "@/lib/cache/tags";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { commentRevisions, commentVotes, comments, papers } from "@/db/schema";
import { assertCan, isSignedIn } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { AppError, notFound } from "@/lib/errors";
import { commentUrl, notifyComment, notifyMentioned, notifyModeration } from "@/lib/following/notify";
import { loadCommentResource, loadPaperResource } from "@/lib/papers/resource";
import type { EditCommentInput, ModerateCommentInput, PostCommentInput } from "@/lib/validation/discussion";
import { excerpt, renderCommentMarkdown } from "./markdown";
import { findMentions, resolveMentions } from "./mentions";
import { consumeCommentPoint } from "./rate-limit";
import { recordCitations } from "@/lib/facts/cite";

function render(body: string): string {
  const html = renderCommentMarkdown(body);
  if (!html) throw new AppError("invalid:body", "Write your comment first.", "body");
  return html;
}

async function paperTitle(tx: Tx, paperId: string): Promise<string> {
  const [row] = await tx.select({ title: papers.title }).from(papers).where(eq(papers.id, paperId));
  return row?.title ?? "a paper";
}

/** Posts a comment on a paper or a reply to a comment; the replied-to author and the paper's followers are notified. */
export async function postComment(db: Db, actor: Actor, input: PostCommentInput): Promise<{ id: string; paperId: string }> {
  render(input.body);
  return afterCommit(db.transaction(async (tx) => {
    const paper = await loadPaperResource(tx, input.paperId);
    assertCan(actor, "comment.create", paper);
    const { body, mentioned } = await resolveMentions(tx, paper, input.body, input.mentions ?? []);
    const bodyHtml = render(body);
    if (!isSignedIn(actor)) throw new AppError("unauthenticated:comment.create", "Please sign in first.");
    let depth = 0;
    let parentAuthorId: string | null = null;
    if (input.parentId) {
      const [parent] = await tx
        .select({ paperId: comments.paperId, depth: comments.depth, authorId: comments.authorId, deletedAt: comments.deletedAt, hiddenAt: comments.hiddenAt })
        .from(comments)
        .where(eq(comments.id, input.parentId));
      if (!parent || parent.paperId !== paper.id) throw notFound("comment", "The comment you replied to could not be found.");
      if (parent.deletedAt || parent.hiddenAt) throw new AppError("conflict:comment", "The comment you replied to was deleted or hidden. Reply to the paper instead; your text is kept.");
      depth = parent.depth + 1;
      parentAuthorId = parent.authorId;
    }
    await consumeCommentPoint(actor.id);
    const [row] = await tx
      .insert(comments)
      .values({ paperId: paper.id, parentId: input.parentId, authorId: actor.id, depth, body, bodyHtml, quote: input.parentId ? null : input.quote })
      .returning({ id: comments.id });
    await recordCitations(tx, { type: "comment", id: row!.id }, { text: body });
    const title = await paperTitle(tx, paper.id);
    await notifyMentioned(tx, { id: row!.id, paperId: paper.id, paperTitle: title, authorId: actor.id, authorName: actor.publicName }, mentioned);
    await notifyComment(tx, {
      id: row!.id,
      paperId: paper.id,
      paperTitle: title,
      authorId: actor.id,
      authorName: actor.publicName,
      parentAuthorId,
      // Someone mentioned hears of it as a mention, not also as a follower.
      alreadyTold: mentioned,
    });
    return { id: row!.id, paperId: paper.id };
  }), (r) => [cacheTags.paper(r.paperId)]);
}

/** Locks the comment row for this transaction and returns it as the rules see it. */
async function lockComment(tx: Tx, commentId: string) {
  const resource = await loadCommentResource(tx, commentId);
  const [row] = await tx.select().from(comments).where(eq(comments.id, commentId)).for("update");
  if (!row) throw notFound("comment", "That comment could not be found.");
  return { resource: { ...resource, deletedAt: row.deletedAt, hiddenAt: row.hiddenAt }, row };
}

/**
 * Marks a comment useful or takes the mark back. Says the state wanted rather than toggling, so a
 * double click or a retried request cannot flip it twice; the count moves in the same transaction.
 */
export async function setUsefulVote(db: Db, actor: Actor, commentId: string, useful: boolean): Promise<{ useful: boolean; usefulCount: number; paperId: string }> {
  return afterCommit(db.transaction(async (tx) => {
    const resource = await loadCommentResource(tx, commentId);
    assertCan(actor, "comment.vote", resource);
    const userId = actor.id!;
    const [removed] = await tx
      .delete(commentVotes)
      .where(and(eq(commentVotes.commentId, commentId), eq(commentVotes.userId, userId)))
      .returning({ value: commentVotes.value });
    let usefulDelta = removed?.value === 1 ? -1 : 0;
    const notUsefulDelta = removed?.value === -1 ? -1 : 0;
    if (useful) {
      await tx.insert(commentVotes).values({ commentId, userId, value: 1 });
      usefulDelta += 1;
    }
    const [row] = await tx
      .update(comments)
      .set({ usefulCount: sql`${comments.usefulCount} + ${usefulDelta}`, notUsefulCount: sql`${comments.notUsefulCount} + ${notUsefulDelta}` })
      .where(eq(comments.id, commentId))
      .returning({ usefulCount: comments.usefulCount });
    return { useful, usefulCount: row!.usefulCount, paperId: resource.paper.id };
  }), (r) => [cacheTags.paper(r.paperId)]);
}

/** The author edits their comment; the text it replaces joins its visible edit history. */
export async function editComment(db: Db, actor: Actor, input: EditCommentInput): Promise<{ paperId: string }> {
  render(input.body);
  return afterCommit(db.transaction(async (tx) => {
    const { resource, row } = await lockComment(tx, input.commentId);
    assertCan(actor, "comment.edit", resource);
    if (row.body === input.body) return { paperId: row.paperId };
    // Mentions kept from the source (`[[member:id]]`) are checked again; someone newly mentioned is told.
    const { body, mentioned } = await resolveMentions(tx, resource.paper, input.body, []);
    const bodyHtml = render(body);
    await tx.insert(commentRevisions).values({ commentId: row.id, body: row.body, createdAt: row.editedAt ?? row.createdAt });
    await tx.update(comments).set({ body, bodyHtml, editedAt: new Date() }).where(eq(comments.id, row.id));
    await recordCitations(tx, { type: "comment", id: row.id }, { text: body });
    const before = new Set(findMentions(row.body));
    const added = mentioned.filter((id) => !before.has(id));
    if (added.length) await notifyMentioned(tx, { id: row.id, paperId: row.paperId, paperTitle: await paperTitle(tx, row.paperId), authorId: actor.id, authorName: isSignedIn(actor) ? actor.publicName : "A member" }, added);
    return { paperId: row.paperId };
  }), (r) => [cacheTags.paper(r.paperId)]);
}

/** The author deletes their comment: the text and its history go, the place and the replies stay. */
export async function deleteComment(db: Db, actor: Actor, commentId: string): Promise<{ paperId: string }> {
  return afterCommit(db.transaction(async (tx) => {
    const { resource, row } = await lockComment(tx, commentId);
    assertCan(actor, "comment.delete", resource);
    await tx.delete(commentRevisions).where(eq(commentRevisions.commentId, row.id));
    await tx.update(comments).set({ body: "", bodyHtml: "", quote: null, deletedAt: new Date() }).where(eq(comments.id, row.id));
    await recordCitations(tx, { type: "comment", id: row.id }, { text: "" });
    return { paperId: row.paperId };
  }), (r) => [cacheTags.paper(r.paperId)]);
}

/** A moderator hides a comment, or restores it, with a reason: logged publicly and told to the author. */
export async function setCommentHidden(db: Db, actor: Actor, input: ModerateCommentInput, hidden: boolean): Promise<{ paperId: string }> {
  return afterCommit(db.transaction(async (tx) => {
    const { resource, row } = await lockComment(tx, input.commentId);
    assertCan(actor, hidden ? "comment.hide" : "comment.restore", resource);
    await tx
      .update(comments)
      .set(hidden ? { hiddenAt: new Date(), hiddenReason: input.reason, hiddenBy: actor.id } : { hiddenAt: null, hiddenReason: null, hiddenBy: null })
      .where(eq(comments.id, row.id));
    const title = await paperTitle(tx, row.paperId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: hidden ? "comment.hide" : "comment.restore",
      targetType: "comment",
      targetId: row.id,
      reason: input.reason,
      details: { title, paperId: row.paperId, excerpt: excerpt(row.body, 80) },
    });
    await notifyModeration(
      tx,
      { authorId: row.authorId, hidden, what: "comment", title: excerpt(row.body, 60), url: commentUrl(row.paperId, row.id), reason: input.reason },
      actor.id,
    );
    return { paperId: row.paperId };
  }), (r) => [cacheTags.paper(r.paperId)]);
}
