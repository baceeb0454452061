import { randomUUID } from "node:crypto";
import { and, eq, ne, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import { follows } from "@/db/schema";
import { enqueueJob } from "@/lib/jobs/queue";
import type { NotificationKind } from "@/lib/mail/preferences";

export type { NotificationKind } from "@/lib/mail/preferences";

export interface NotificationInput {
  kind: NotificationKind;
  title: string;
  /** Site-relative link, e.g. /papers/{id} */
  url: string;
  /** Body of the e-mail; the title is its subject. */
  text: string;
  /** What it is about, so the daily digest can group it under its theme and paper. */
  themeId?: string | null;
  paperId?: string | null;
}

export type FollowedTarget = { targetType: "theme" | "paper"; targetId: string };

/** Who to notify: listed members, or everyone following a theme or paper (read by the database, never into memory). */
export type Recipients = Iterable<string | null | undefined> | { followersOf: FollowedTarget };

function recipientsSql(recipients: Recipients): SQL | null {
  if ("followersOf" in recipients) {
    const { targetType, targetId } = recipients.followersOf;
    return sql`select ${follows.userId} as user_id from ${follows} where ${follows.targetType} = ${targetType} and ${follows.targetId} = ${targetId}`;
  }
  const ids = [...new Set([...recipients].filter((id): id is string => !!id))];
  if (ids.length === 0) return null;
  return sql`select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid as user_id`;
}

/**
 * Notifies people in the app, always, and by e-mail as each member chose (at once, in the daily
 * digest, or never). One INSERT … SELECT writes every notification, however many followers, and
 * one `mail.fanout` job turns them into e-mails after commit, so the request that caused it stays
 * fast. The person who caused the event (and anyone in `except`) is never notified of it. Call
 * inside the transaction of the change: notifications and the job commit or roll back with it.
 */
export async function notify(tx: Tx, recipients: Recipients, input: NotificationInput, opts: { actorId?: string | null; except?: (string | null | undefined)[] } = {}): Promise<number> {
  const from = recipientsSql(recipients);
  if (!from) return 0;
  const except = [opts.actorId, ...(opts.except ?? [])].filter((id): id is string => !!id);
  const batch = randomUUID();
  const inserted = await tx.execute(sql`
    insert into notifications (user_id, kind, title, url, mail_state, mail_batch, theme_id, paper_id)
    select distinct r.user_id, ${input.kind}::notification_kind, ${input.title}, ${input.url}, 'pending'::notification_mail_state, ${batch}::uuid, ${input.themeId ?? null}::uuid, ${input.paperId ?? null}::uuid
    from (${from}) r
    where r.user_id is not null and not (r.user_id = any(array(select jsonb_array_elements_text(${JSON.stringify(except)}::jsonb)::uuid)))`);
  const n = inserted.rowCount ?? 0;
  if (n > 0) await enqueueJob(tx, "mail.fanout", { batch, text: input.text });
  return n;
}

/** Members following a theme or paper, except one person (usually the actor). */
export async function followersOf(tx: Tx, targetType: "theme" | "paper", targetId: string, except?: string | null): Promise<string[]> {
  const rows = await tx
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.targetType, targetType), eq(follows.targetId, targetId), except ? ne(follows.userId, except) : undefined));
  return rows.map((r) => r.userId);
}

export const paperUrl = (paperId: string) => `/papers/${paperId}`;
export const commentUrl = (paperId: string, commentId: string) => `/papers/${paperId}/c/${commentId}`;

/** A paper was published (first time or a new version): tell the theme's followers. */
export async function notifyPaperPublished(tx: Tx, paper: { id: string; title: string; themeId: string; themeTitle: string; authorId: string | null; version: number }, actorId: string | null): Promise<number> {
  const what = paper.version > 1 ? `A revised version (v${paper.version}) of “${paper.title}”` : `A new paper, “${paper.title}”,`;
  return notify(
    tx,
    { followersOf: { targetType: "theme", targetId: paper.themeId } },
    { kind: "paper_published", title: `New in ${paper.themeTitle}: ${paper.title}`, url: paperUrl(paper.id), text: `${what} was published in ${paper.themeTitle}.`, themeId: paper.themeId, paperId: paper.id },
    // The author hears of it through the council's decision, so is left out here.
    { actorId, except: [paper.authorId] },
  );
}

/** The council decided on a paper: tell its author, with the reason. */
export async function notifyPaperDecision(tx: Tx, paper: { id: string; title: string; authorId: string | null }, decision: "accept" | "return" | "reject", reason: string, actorId: string | null): Promise<number> {
  const verb = { accept: "was accepted and published", return: "was returned to you with comments", reject: "was rejected" }[decision];
  const url = decision === "accept" ? paperUrl(paper.id) : `${paperUrl(paper.id)}/edit`;
  return notify(tx, [paper.authorId], { kind: "paper_decision", title: `Your paper “${paper.title}” ${verb}`, url, text: `The council's reason: ${reason}`, paperId: paper.id }, { actorId });
}

/**
 * A comment was posted: the author of the comment replied to is told, and followers of the paper.
 * A person who is both gets one notification, the reply.
 */
export async function notifyComment(tx: Tx, comment: { id: string; paperId: string; paperTitle: string; authorId: string | null; authorName: string; parentAuthorId: string | null; alreadyTold?: string[] }): Promise<number> {
  const url = commentUrl(comment.paperId, comment.id);
  let sent = 0;
  if (comment.parentAuthorId) {
    sent += await notify(tx, [comment.parentAuthorId], { kind: "comment_reply", title: `${comment.authorName} replied to your comment on “${comment.paperTitle}”`, url, text: `${comment.authorName} replied to your comment.`, paperId: comment.paperId }, { actorId: comment.authorId });
  }
  sent += await notify(
    tx,
    { followersOf: { targetType: "paper", targetId: comment.paperId } },
    { kind: "paper_comment", title: `New comment on “${comment.paperTitle}”`, url, text: `${comment.authorName} commented on a paper you follow.`, paperId: comment.paperId },
    { actorId: comment.authorId, except: [comment.parentAuthorId, ...(comment.alreadyTold ?? [])] },
  );
  return sent;
}

/** Members mentioned in a comment are told, by the public name of who mentioned them. */
export async function notifyMentioned(tx: Tx, comment: { id: string; paperId: string; paperTitle: string; authorId: string | null; authorName: string }, mentioned: string[]): Promise<number> {
  return notify(
    tx,
    mentioned,
    { kind: "mention", title: `${comment.authorName} mentioned you on “${comment.paperTitle}”`, url: commentUrl(comment.paperId, comment.id), text: `${comment.authorName} mentioned you in a comment.`, paperId: comment.paperId },
    { actorId: comment.authorId },
  );
}

/** A moderator hid or restored someone's paper or comment: its author is told why. */
export async function notifyModeration(tx: Tx, input: { authorId: string | null; hidden: boolean; what: "paper" | "comment"; title: string; url: string; reason: string }, actorId: string | null): Promise<number> {
  const title = input.hidden ? `Your ${input.what} “${input.title}” was hidden by a moderator` : `Your ${input.what} “${input.title}” was restored`;
  return notify(tx, [input.authorId], { kind: input.hidden ? "content_hidden" : "content_restored", title, url: input.url, text: `Reason given: ${input.reason}\n\nEvery moderation action is listed in the public moderation log.` }, { actorId });
}
