import { boolean, index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
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

export const notificationKind = pgEnum("notification_kind", ["paper_published", "comment_reply", "paper_decision", "content_hidden", "content_restored", "paper_comment", "help_invitation", "story_update", "digest_published", "contact_request"]);

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
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

/** Which events also send an e-mail; in-app notifications are always kept. */
export const notificationPreferences = pgTable("notification_preferences", {
  userId: uuid("user_id").primaryKey().references(() => users.id, { onDelete: "cascade" }),
  emailPaperPublished: boolean("email_paper_published").notNull().default(true),
  emailCommentReply: boolean("email_comment_reply").notNull().default(true),
  emailPaperDecision: boolean("email_paper_decision").notNull().default(true),
  emailModeration: boolean("email_moderation").notNull().default(true),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
