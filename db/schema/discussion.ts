import { sql, type SQL } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, smallint, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { users } from "./members";
import { papers, tsvector } from "./papers";

/**
 * A comment in a paper's thread. Replies nest to any depth through parent_id; the whole thread
 * is read in one query and assembled in memory. Deleting keeps the row (its place and replies
 * stay) and clears the text.
 */
export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    paperId: uuid("paper_id").notNull().references(() => papers.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => comments.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    depth: integer("depth").notNull().default(0),
    /** Markdown-light source as typed. */
    body: text("body").notNull(),
    /** Sanitised HTML rendered from body when written. */
    bodyHtml: text("body_html").notNull(),
    /** A passage of the paper this comment quotes, if any. */
    quote: text("quote"),
    usefulCount: integer("useful_count").notNull().default(0),
    notUsefulCount: integer("not_useful_count").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenReason: text("hidden_reason"),
    hiddenBy: uuid("hidden_by").references(() => users.id, { onDelete: "set null" }),
    search: tsvector("search").generatedAlwaysAs((): SQL => sql`to_tsvector('english', coalesce(${comments.body}, ''))`),
  },
  (t) => [
    index("comments_paper_idx").on(t.paperId, t.createdAt),
    index("comments_parent_idx").on(t.parentId),
    index("comments_author_idx").on(t.authorId),
    index("comments_search_idx").using("gin", t.search),
    index("comments_body_trgm_idx").using("gin", sql`${t.body} gin_trgm_ops`),
  ],
);

/** Earlier texts of an edited comment, shown as its edit history. */
export const commentRevisions = pgTable(
  "comment_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    commentId: uuid("comment_id").notNull().references(() => comments.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("comment_revisions_comment_idx").on(t.commentId, t.createdAt)],
);

/** One vote per member per comment: +1 useful, -1 not useful. Ranking uses the Wilson lower bound. */
export const commentVotes = pgTable(
  "comment_votes",
  {
    commentId: uuid("comment_id").notNull().references(() => comments.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    value: smallint("value").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] })],
);

export type Comment = typeof comments.$inferSelect;
