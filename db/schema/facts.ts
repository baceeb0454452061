import { sql, type SQL } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { users } from "./members";
import { tsvector } from "./papers";
import { themes } from "./themes";

export const factStatus = pgEnum("fact_status", ["proposed", "accepted", "rejected", "retracted"]);
export const sourceKind = pgEnum("source_kind", ["official_statistics", "peer_reviewed", "reputable_press", "advocacy_group", "blog_social", "other"]);
export const disputeStatus = pgEnum("dispute_status", ["open", "upheld", "amended", "retracted"]);
export const reviewStance = pgEnum("review_stance", ["confirm", "dispute"]);
export const citationSourceType = pgEnum("citation_source_type", ["paper", "response", "synthesis", "comment"]);

/**
 * A fact as it stands now (its current version). Every earlier text is kept in fact_versions.
 * `hardness` is the score from lib/facts/hardness.ts, stored on every change for filtering and sorting.
 * `source_text` repeats the current sources' titles and publishers so the search vector can weigh them.
 */
export const facts = pgTable(
  "facts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    statement: text("statement").notNull(),
    figureValue: numeric("figure_value"),
    figureUnit: text("figure_unit"),
    /** The date the statement or figure refers to (end of the period for a period). */
    asOf: date("as_of", { mode: "string" }),
    /** A period in words, such as "2023/24" or "April to June 2024". */
    period: text("period"),
    place: text("place"),
    /** Figures that go stale (waiting lists, prices) lose hardness with age; timeless facts do not. */
    timeSensitive: boolean("time_sensitive").notNull().default(true),
    status: factStatus("status").notNull().default("proposed"),
    currentVersion: integer("current_version").notNull().default(1),
    hardness: integer("hardness").notNull().default(0),
    sourceText: text("source_text").notNull().default(""),
    proposedBy: uuid("proposed_by").references(() => users.id, { onDelete: "set null" }),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReason: text("decision_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    search: tsvector("search").generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('english', coalesce(${facts.statement}, '')), 'A') || setweight(to_tsvector('english', coalesce(${facts.figureUnit}, '') || ' ' || coalesce(${facts.place}, '')), 'B') || setweight(to_tsvector('english', coalesce(${facts.sourceText}, '')), 'C')`,
    ),
  },
  (t) => [
    index("facts_search_idx").using("gin", t.search),
    index("facts_statement_trgm_idx").using("gin", sql`${t.statement} gin_trgm_ops`),
    index("facts_status_hardness_idx").on(t.status, t.hardness),
    index("facts_proposed_by_idx").on(t.proposedBy),
  ],
);

export const factThemes = pgTable(
  "fact_themes",
  {
    factId: uuid("fact_id").notNull().references(() => facts.id, { onDelete: "cascade" }),
    themeId: uuid("theme_id").notNull().references(() => themes.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.factId, t.themeId] }), index("fact_themes_theme_idx").on(t.themeId)],
);

/** The sources of a fact's current version; each version also keeps its own copy in fact_versions.sources. */
export const factSources = pgTable(
  "fact_sources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    factId: uuid("fact_id").notNull().references(() => facts.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    url: text("url").notNull(),
    title: text("title").notNull(),
    publisher: text("publisher").notNull(),
    publishedOn: date("published_on", { mode: "string" }),
    kind: sourceKind("kind").notNull(),
  },
  (t) => [index("fact_sources_fact_idx").on(t.factId, t.position), index("fact_sources_kind_idx").on(t.kind, t.factId)],
);

export interface FactSourceSnapshot {
  url: string;
  title: string;
  publisher: string;
  publishedOn: string | null;
  kind: (typeof sourceKind.enumValues)[number];
}

/** Every version of a fact, never changed once written: who made it and why. */
export const factVersions = pgTable(
  "fact_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    factId: uuid("fact_id").notNull().references(() => facts.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    statement: text("statement").notNull(),
    figureValue: numeric("figure_value"),
    figureUnit: text("figure_unit"),
    asOf: date("as_of", { mode: "string" }),
    period: text("period"),
    place: text("place"),
    timeSensitive: boolean("time_sensitive").notNull().default(true),
    sources: jsonb("sources").$type<FactSourceSnapshot[]>().notNull(),
    themeIds: jsonb("theme_ids").$type<string[]>().notNull().default([]),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("fact_versions_fact_number_unique").on(t.factId, t.number)],
);

/** A challenge to a fact, with its own discussion, settled by a fact editor. */
export const disputes = pgTable(
  "disputes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    factId: uuid("fact_id").notNull().references(() => facts.id, { onDelete: "cascade" }),
    /** The version of the fact that was disputed. */
    factVersion: integer("fact_version").notNull(),
    openedBy: uuid("opened_by").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    counterSourceUrl: text("counter_source_url"),
    counterSourceTitle: text("counter_source_title"),
    status: disputeStatus("status").notNull().default("open"),
    resolutionReason: text("resolution_reason"),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("disputes_fact_idx").on(t.factId, t.status), index("disputes_status_idx").on(t.status, t.createdAt)],
);

/** Members' confirmations and disputes of a fact: one stance per member per fact, the latest kept. */
export const factReviews = pgTable(
  "fact_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    factId: uuid("fact_id").notNull().references(() => facts.id, { onDelete: "cascade" }),
    reviewerId: uuid("reviewer_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    stance: reviewStance("stance").notNull(),
    reason: text("reason"),
    counterSourceUrl: text("counter_source_url"),
    disputeId: uuid("dispute_id").references(() => disputes.id, { onDelete: "set null" }),
    factVersion: integer("fact_version").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("fact_reviews_fact_reviewer_unique").on(t.factId, t.reviewerId), index("fact_reviews_reviewer_idx").on(t.reviewerId)],
);

/** The discussion of a dispute: flat, with one level of replies. */
export const disputeComments = pgTable(
  "dispute_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    disputeId: uuid("dispute_id").notNull().references(() => disputes.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => disputeComments.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("dispute_comments_dispute_idx").on(t.disputeId, t.createdAt)],
);

/** Where a fact is cited: a paper, a response, a synthesis or a comment. */
export const factCitations = pgTable(
  "fact_citations",
  {
    factId: uuid("fact_id").notNull().references(() => facts.id, { onDelete: "cascade" }),
    sourceType: citationSourceType("source_type").notNull(),
    sourceId: uuid("source_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.factId, t.sourceType, t.sourceId] }), index("fact_citations_source_idx").on(t.sourceType, t.sourceId)],
);

/**
 * Every word that appears in a fact's searchable text, for correcting misspelt queries: a typo is
 * matched (pg_trgm similarity) against a few thousand distinct words instead of every statement.
 * `facts` counts the facts whose current text uses the word (its document frequency), so a typo is
 * corrected towards the word the facts use most. A word is never deleted (its count goes to 0).
 */
export const factWords = pgTable(
  "fact_words",
  {
    word: text("word").primaryKey(),
    facts: integer("facts").notNull().default(0),
  },
  (t) => [index("fact_words_trgm_idx").using("gin", sql`${t.word} gin_trgm_ops`)],
);

export type Fact = typeof facts.$inferSelect;
export type FactStatus = (typeof factStatus.enumValues)[number];
export type SourceKind = (typeof sourceKind.enumValues)[number];
export type DisputeStatus = (typeof disputeStatus.enumValues)[number];
export type CitationSourceType = (typeof citationSourceType.enumValues)[number];
