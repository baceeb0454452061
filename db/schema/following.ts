import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./members";

export const followTarget = pgEnum("follow_target", ["theme", "paper"]);

export const follows = pgTable(
  "follows",
  {
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    targetType: followTarget("target_type").notNull(),
    targetId: uuid("target_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.targetType, t.targetId] }), index("follows_target_idx").on(t.targetType, t.targetId)],
);

export const notificationKind = pgEnum("notification_kind", ["paper_published", "comment_reply", "paper_decision", "content_hidden", "content_restored", "paper_comment", "help_invitation", "story_update", "digest_published", "contact_request", "decision_closed", "mention"]);

/**
 * Where a notification stands for e-mail: `pending` until its `mail.fanout` job reads the member's
 * preference, then `sent` (mailed at once), `digest` (waiting for the daily digest), `digested`,
 * or `skipped` (the member wants no e-mail of that kind). Null for rows from before e-mail digests.
 */
export const notificationMailState = pgEnum("notification_mail_state", ["pending", "sent", "digest", "digested", "skipped"]);

/** How a member wants one kind of notification by e-mail. */
export const mailCadence = pgEnum("mail_cadence", ["immediate", "daily", "never"]);

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    title: text("title").notNull(),
    url: text("url").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
    mailState: notificationMailState("mail_state"),
    /** All notifications one `notify()` call wrote share a batch; its one `mail.fanout` job mails them. */
    mailBatch: uuid("mail_batch"),
    /** What the notification is about, so the daily digest can group by theme and paper. */
    themeId: uuid("theme_id"),
    paperId: uuid("paper_id"),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_mail_batch_idx").on(t.mailBatch).where(sql`${t.mailState} = 'pending'`),
    index("notifications_digest_idx").on(t.userId).where(sql`${t.mailState} = 'digest'`),
  ],
);

/** Which events also send an e-mail, at once or in the daily digest; in-app notifications are always kept. */
export const notificationPreferences = pgTable("notification_preferences", {
  userId: uuid("user_id").primaryKey().references(() => users.id, { onDelete: "cascade" }),
  emailPaperPublished: mailCadence("email_paper_published").notNull().default("immediate"),
  emailCommentReply: mailCadence("email_comment_reply").notNull().default("immediate"),
  emailPaperDecision: mailCadence("email_paper_decision").notNull().default("immediate"),
  emailModeration: mailCadence("email_moderation").notNull().default("immediate"),
  emailMention: mailCadence("email_mention").notNull().default("immediate"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
