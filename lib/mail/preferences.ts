import { sql, type SQL } from "drizzle-orm";
import type { notificationPreferences, notifications } from "@/db/schema";

export type NotificationKind = (typeof notifications.$inferInsert)["kind"];
export type MailCadence = "immediate" | "daily" | "never";
export type MailTopic = "emailPaperPublished" | "emailCommentReply" | "emailPaperDecision" | "emailModeration" | "emailMention";

/** Which e-mail preference governs each kind of notification: the one home of that rule. */
export const MAIL_TOPIC_OF = {
  paper_published: "emailPaperPublished",
  paper_comment: "emailCommentReply",
  comment_reply: "emailCommentReply",
  paper_decision: "emailPaperDecision",
  content_hidden: "emailModeration",
  content_restored: "emailModeration",
  decision_closed: "emailPaperDecision",
  digest_published: "emailPaperPublished",
  contact_request: "emailCommentReply",
  // issue 12: someone asked for your help, or a story of yours (or one you used) changed
  help_invitation: "emailCommentReply",
  story_update: "emailPaperDecision",
  mention: "emailMention",
} as const satisfies Record<NotificationKind, MailTopic & keyof typeof notificationPreferences.$inferSelect>;

const COLUMN_OF: Record<MailTopic, string> = {
  emailPaperPublished: "email_paper_published",
  emailCommentReply: "email_comment_reply",
  emailPaperDecision: "email_paper_decision",
  emailModeration: "email_moderation",
  emailMention: "email_mention",
};

export type MailSettings = Record<MailTopic, MailCadence>;

/** Every kind is mailed at once until the member chooses otherwise. */
export const DEFAULT_MAIL_SETTINGS: MailSettings = { emailPaperPublished: "immediate", emailCommentReply: "immediate", emailPaperDecision: "immediate", emailModeration: "immediate", emailMention: "immediate" };

/**
 * The member's cadence for a notification, in SQL, for set-based mailing: `kind` is the
 * notification's kind column, `prefs` the alias of a left-joined notification_preferences row
 * (absent row: the default, at once).
 */
export function cadenceSql(kind: SQL, prefs: string): SQL {
  const cases = Object.entries(MAIL_TOPIC_OF).map(([k, topic]) => sql`when ${k} then ${sql.raw(`${prefs}.${COLUMN_OF[topic]}`)}`);
  return sql`coalesce(case ${kind}::text ${sql.join(cases, sql` `)} end, 'immediate'::mail_cadence)`;
}
