import { and, eq, inArray, ne } from "drizzle-orm";
import type { Tx } from "@/db";
import { follows, notificationPreferences, notifications, users } from "@/db/schema";
import { siteUrl } from "@/lib/config/site-url";
import { sendMail } from "@/lib/mail/send";

export type NotificationKind = (typeof notifications.$inferInsert)["kind"];

/** Which e-mail preference governs each kind of notification. */
const EMAIL_PREFERENCE = {
  paper_published: "emailPaperPublished",
  paper_comment: "emailCommentReply",
  comment_reply: "emailCommentReply",
  paper_decision: "emailPaperDecision",
  content_hidden: "emailModeration",
  content_restored: "emailModeration",
  digest_published: "emailPaperPublished",
  contact_request: "emailCommentReply",
  // issue 12: someone asked for your help, or a story of yours (or one you used) changed
  help_invitation: "emailCommentReply",
  story_update: "emailPaperDecision",
} as const satisfies Record<NotificationKind, keyof typeof notificationPreferences.$inferSelect>;

export interface NotificationInput {
  kind: NotificationKind;
  title: string;
  /** Site-relative link, e.g. /papers/{id} */
  url: string;
  /** Body of the e-mail; the title is its subject. */
  text: string;
}

/**
 * Notifies people in the app, always, and by e-mail when their settings allow it (on by default).
 * The person who caused the event is never notified of it. Call inside the transaction of the change:
 * the notifications, the outbox rows and their delivery jobs commit or roll back with it.
 */
export async function notify(tx: Tx, recipients: Iterable<string | null | undefined>, input: NotificationInput, opts: { actorId?: string | null } = {}): Promise<number> {
  const ids = [...new Set([...recipients].filter((id): id is string => !!id && id !== opts.actorId))];
  if (ids.length === 0) return 0;
  await tx.insert(notifications).values(ids.map((userId) => ({ userId, kind: input.kind, title: input.title, url: input.url })));
  const pref = notificationPreferences[EMAIL_PREFERENCE[input.kind]];
  const mailTo = await tx
    .select({ email: users.email, wants: pref })
    .from(users)
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
    .where(and(inArray(users.id, ids)));
  const site = siteUrl();
  // Written and queued in this transaction; the worker delivers after commit.
  await sendMail(
    tx,
    mailTo
      .filter((row) => row.wants !== false)
      .map((row) => ({
        to: row.email,
        subject: input.title,
        text: `${input.text}\n\n${site}${input.url}\n\nYou can change which e-mails you receive at ${site}/settings/notifications`,
      })),
  );
  return ids.length;
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
  // The author hears of it through the council's decision, so is left out here.
  const recipients = (await followersOf(tx, "theme", paper.themeId)).filter((id) => id !== paper.authorId);
  const what = paper.version > 1 ? `A revised version (v${paper.version}) of “${paper.title}”` : `A new paper, “${paper.title}”,`;
  return notify(tx, recipients, { kind: "paper_published", title: `New in ${paper.themeTitle}: ${paper.title}`, url: paperUrl(paper.id), text: `${what} was published in ${paper.themeTitle}.` }, { actorId });
}

/** The council decided on a paper: tell its author, with the reason. */
export async function notifyPaperDecision(tx: Tx, paper: { id: string; title: string; authorId: string | null }, decision: "accept" | "return" | "reject", reason: string, actorId: string | null): Promise<number> {
  const verb = { accept: "was accepted and published", return: "was returned to you with comments", reject: "was rejected" }[decision];
  const url = decision === "accept" ? paperUrl(paper.id) : `${paperUrl(paper.id)}/edit`;
  return notify(tx, [paper.authorId], { kind: "paper_decision", title: `Your paper “${paper.title}” ${verb}`, url, text: `The council's reason: ${reason}` }, { actorId });
}

/**
 * A comment was posted: the author of the comment replied to is told, and followers of the paper.
 * A person who is both gets one notification, the reply.
 */
export async function notifyComment(tx: Tx, comment: { id: string; paperId: string; paperTitle: string; authorId: string | null; authorName: string; parentAuthorId: string | null }): Promise<number> {
  const url = commentUrl(comment.paperId, comment.id);
  let sent = 0;
  if (comment.parentAuthorId) {
    sent += await notify(tx, [comment.parentAuthorId], { kind: "comment_reply", title: `${comment.authorName} replied to your comment on “${comment.paperTitle}”`, url, text: `${comment.authorName} replied to your comment.` }, { actorId: comment.authorId });
  }
  const followers = (await followersOf(tx, "paper", comment.paperId, comment.authorId)).filter((id) => id !== comment.parentAuthorId);
  sent += await notify(tx, followers, { kind: "paper_comment", title: `New comment on “${comment.paperTitle}”`, url, text: `${comment.authorName} commented on a paper you follow.` }, { actorId: comment.authorId });
  return sent;
}

/** A moderator hid or restored someone's paper or comment: its author is told why. */
export async function notifyModeration(tx: Tx, input: { authorId: string | null; hidden: boolean; what: "paper" | "comment"; title: string; url: string; reason: string }, actorId: string | null): Promise<number> {
  const title = input.hidden ? `Your ${input.what} “${input.title}” was hidden by a moderator` : `Your ${input.what} “${input.title}” was restored`;
  return notify(tx, [input.authorId], { kind: input.hidden ? "content_hidden" : "content_restored", title, url: input.url, text: `Reason given: ${input.reason}\n\nEvery moderation action is listed in the public moderation log.` }, { actorId });
}
