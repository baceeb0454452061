import { sql, type SQL } from "drizzle-orm";
import { customType, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./members";
import { themes } from "./themes";

export const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** ProseMirror (Tiptap) document JSON. */
export type DocJson = { type: "doc"; content?: unknown[] } & Record<string, unknown>;

export const paperStatus = pgEnum("paper_status", ["draft", "submitted", "returned", "rejected", "published"]);
export const reviewDecision = pgEnum("review_decision", ["accept", "return", "reject"]);

export const callsForPapers = pgTable(
  "calls_for_papers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    themeId: uuid("theme_id").notNull().references(() => themes.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    deadline: timestamp("deadline", { withTimezone: true }).notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [index("calls_theme_idx").on(t.themeId, t.deadline)],
);

/**
 * A position paper. The working copy (title, content) is what the author edits; each
 * publication freezes a numbered row in paper_versions, which readers see.
 */
export const papers = pgTable(
  "papers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    themeId: uuid("theme_id").notNull().references(() => themes.id),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    callId: uuid("call_id").references(() => callsForPapers.id, { onDelete: "set null" }),
    status: paperStatus("status").notNull().default("draft"),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    content: jsonb("content").$type<DocJson>().notNull(),
    /** Number of the latest published version; 0 until first published. */
    publishedVersion: integer("published_version").notNull().default(0),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenReason: text("hidden_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    search: tsvector("search").generatedAlwaysAs(
      (): SQL => sql`setweight(to_tsvector('english', coalesce(${papers.title}, '')), 'A') || setweight(to_tsvector('english', coalesce(${papers.summary}, '')), 'B')`,
    ),
  },
  (t) => [
    index("papers_theme_status_idx").on(t.themeId, t.status, t.publishedAt),
    index("papers_author_idx").on(t.authorId),
    index("papers_search_idx").using("gin", t.search),
    index("papers_title_trgm_idx").using("gin", sql`${t.title} gin_trgm_ops`),
  ],
);

export const paperVersions = pgTable(
  "paper_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    paperId: uuid("paper_id").notNull().references(() => papers.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    content: jsonb("content").$type<DocJson>().notNull(),
    /** Sanitised HTML rendered once at publication, so reading pages do no rendering work. */
    html: text("html").notNull(),
    plainText: text("plain_text").notNull(),
    wordCount: integer("word_count").notNull(),
    publishedBy: uuid("published_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("paper_versions_number_unique").on(t.paperId, t.number)],
);

/** Every council decision on a paper, with its reason, kept as the paper's history. */
export const paperReviews = pgTable(
  "paper_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    paperId: uuid("paper_id").notNull().references(() => papers.id, { onDelete: "cascade" }),
    reviewerId: uuid("reviewer_id").references(() => users.id, { onDelete: "set null" }),
    decision: reviewDecision("decision").notNull(),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("paper_reviews_paper_idx").on(t.paperId, t.createdAt)],
);

export type Paper = typeof papers.$inferSelect;
export type PaperVersion = typeof paperVersions.$inferSelect;
