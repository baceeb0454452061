import { sql } from "drizzle-orm";
import { boolean, check, doublePrecision, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { comments } from "./discussion";
import { users } from "./members";
import { papers } from "./papers";
import { themes } from "./themes";

/**
 * A short statement members vote on in a theme's agreement map (optionally about one paper).
 * Moderated like comments: hiding keeps the row and its votes, which the map then leaves out.
 */
export const statements = pgTable(
  "statements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    themeId: uuid("theme_id").notNull().references(() => themes.id, { onDelete: "cascade" }),
    paperId: uuid("paper_id").references(() => papers.id, { onDelete: "set null" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenReason: text("hidden_reason"),
    hiddenBy: uuid("hidden_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("statements_theme_idx").on(t.themeId, t.createdAt)],
);

/**
 * One vote per member per statement: 1 agree, -1 disagree, 0 pass. theme_id is copied from the
 * statement so a recompute reads a theme's votes through one index.
 */
export const statementVotes = pgTable(
  "statement_votes",
  {
    statementId: uuid("statement_id").notNull().references(() => statements.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    themeId: uuid("theme_id").notNull().references(() => themes.id, { onDelete: "cascade" }),
    value: smallint("value").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.statementId, t.userId] }),
    index("statement_votes_theme_idx").on(t.themeId),
    index("statement_votes_user_idx").on(t.userId, t.themeId),
    check("statement_votes_value_check", sql`${t.value} in (-1, 0, 1)`),
  ],
);

/**
 * Each published map of a theme, kept: version N+1 is aligned to version N. `data` holds what the
 * page draws apart from the points: groups (key, name, colour, size, centre), per-statement counts
 * per group, representative statements, consensus, axes and base centres (the next warm start).
 */
export const mapVersions = pgTable(
  "map_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    themeId: uuid("theme_id").notNull().references(() => themes.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    participantCount: integer("participant_count").notNull(),
    voteCount: integer("vote_count").notNull(),
    statementCount: integer("statement_count").notNull(),
    groupCount: integer("group_count").notNull(),
    silhouette: doublePrecision("silhouette"),
    data: jsonb("data").notNull(),
    /** Milliseconds per stage of the recompute, for the record. */
    timings: jsonb("timings").notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("map_versions_theme_version_key").on(t.themeId, t.version)],
);

/** Where each placed member is on one map version, and their group. */
export const mapPoints = pgTable(
  "map_points",
  {
    mapVersionId: uuid("map_version_id").notNull().references(() => mapVersions.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    x: doublePrecision("x").notNull(),
    y: doublePrecision("y").notNull(),
    groupKey: text("group_key"),
    votes: integer("votes").notNull(),
    agreesWithEverything: boolean("agrees_with_everything").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.mapVersionId, t.userId] })],
);

/** A member who lets others near them on a theme's map find them (off unless they opt in). */
export const mapFindable = pgTable(
  "map_findable",
  {
    themeId: uuid("theme_id").notNull().references(() => themes.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.themeId, t.userId] })],
);

export const contactStatus = pgEnum("contact_status", ["pending", "accepted", "declined", "withdrawn"]);

/**
 * A request to be put in touch with someone near on the map. Sending is the sender's consent;
 * names are shown to either side only once the recipient accepts too.
 */
export const contactRequests = pgTable(
  "contact_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    themeId: uuid("theme_id").notNull().references(() => themes.id, { onDelete: "cascade" }),
    fromId: uuid("from_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    toId: uuid("to_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    status: contactStatus("status").notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
  },
  (t) => [unique("contact_requests_pair_key").on(t.themeId, t.fromId, t.toId), index("contact_requests_to_idx").on(t.toId, t.status)],
);

export const digestStatus = pgEnum("digest_status", ["draft", "published"]);
export const digestSection = pgEnum("digest_section", ["consensus", "controversy", "open_question"]);

/** Digest vN of a paper's thread, written by a curator of its theme. v(N+1) starts as a copy of vN. */
export const digests = pgTable(
  "digests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    paperId: uuid("paper_id").notNull().references(() => papers.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    status: digestStatus("status").notNull().default("draft"),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [unique("digests_paper_version_key").on(t.paperId, t.version)],
);

/** A point of a digest under one of its three headings. */
export const digestPoints = pgTable(
  "digest_points",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    digestId: uuid("digest_id").notNull().references(() => digests.id, { onDelete: "cascade" }),
    section: digestSection("section").notNull(),
    position: integer("position").notNull(),
    body: text("body").notNull(),
    /** A consensus point may show a map statement's agreement per group as evidence. */
    evidenceStatementId: uuid("evidence_statement_id").references(() => statements.id, { onDelete: "set null" }),
    /** The point of the previous version this one was carried over from, for the diff. */
    carriedFromId: uuid("carried_from_id"),
  },
  (t) => [index("digest_points_digest_idx").on(t.digestId, t.section, t.position)],
);

/**
 * A comment a point cites. cited_at is compared with the comment's edited, hidden and deleted
 * times to flag a point whose source changed after it was cited.
 */
export const digestCitations = pgTable(
  "digest_citations",
  {
    pointId: uuid("point_id").notNull().references(() => digestPoints.id, { onDelete: "cascade" }),
    commentId: uuid("comment_id").notNull().references(() => comments.id, { onDelete: "cascade" }),
    citedAt: timestamp("cited_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.commentId] }), index("digest_citations_comment_idx").on(t.commentId)],
);

export type Statement = typeof statements.$inferSelect;
export type MapVersion = typeof mapVersions.$inferSelect;
export type Digest = typeof digests.$inferSelect;
export type DigestPoint = typeof digestPoints.$inferSelect;
