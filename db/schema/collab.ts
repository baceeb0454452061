import { bigint, bigserial, customType, index, integer, pgTable, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { comments } from "./discussion";
import { users } from "./members";
import { papers } from "./papers";
import { themes } from "./themes";

/** Raw bytes: a Yjs update or merged state. */
export const bytea = customType<{ data: Uint8Array; driverData: Buffer }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * The one co-edited Response of a published paper. Its content lives in the collaboration
 * tables under the document name `response.<id>`; `lastHtml`/`lastText` cache a server render
 * for readers, who never open a websocket.
 */
export const responses = pgTable("responses", {
  id: uuid("id").primaryKey().defaultRandom(),
  paperId: uuid("paper_id")
    .notNull()
    .unique()
    .references(() => papers.id, { onDelete: "cascade" }),
  lastHtml: text("last_html").notNull().default(""),
  lastText: text("last_text").notNull().default(""),
  /** When the content (not the row) last changed: syntheses flag responses newer than their own edit. */
  contentUpdatedAt: timestamp("content_updated_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The co-edited synthesis of a theme, document name `synthesis.<id>`. */
export const syntheses = pgTable("syntheses", {
  id: uuid("id").primaryKey().defaultRandom(),
  themeId: uuid("theme_id")
    .notNull()
    .unique()
    .references(() => themes.id, { onDelete: "cascade" }),
  lastHtml: text("last_html").notNull().default(""),
  lastText: text("last_text").notNull().default(""),
  contentUpdatedAt: timestamp("content_updated_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every update the sidecar accepted, written before it is broadcast, so an edit another person
 * has seen is never lost. Compaction folds old rows into collab_snapshots.
 */
export const collabUpdates = pgTable(
  "collab_updates",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    doc: text("doc").notNull(),
    update: bytea("update").notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("collab_updates_doc_seq_idx").on(t.doc, t.seq)],
);

/** A document's merged state up to and including update `upToSeq`, deflated (see lib/collab/persistence.ts). */
export const collabSnapshots = pgTable("collab_snapshots", {
  doc: text("doc").primaryKey(),
  state: bytea("state").notNull(),
  upToSeq: bigint("up_to_seq", { mode: "number" }).notNull(),
  /** Bumped by every write: a sidecar replaces only the snapshot it loaded or last wrote (optimistic lock). */
  version: integer("version").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A named revision: the full state (deflated, like snapshots) when a member saved it. Never deleted by compaction. */
export const collabRevisions = pgTable(
  "collab_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    doc: text("doc").notNull(),
    name: text("name").notNull(),
    state: bytea("state").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    /** Set when this entry records a restore: the revision whose content was brought back, by createdBy. */
    restoredFromId: uuid("restored_from_id").references((): AnyPgColumn => collabRevisions.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("collab_revisions_doc_idx").on(t.doc, t.createdAt)],
);

/** A comment quoted into its paper's Response ("Add to response"): the thread shows "Used in the response". */
export const commentResponseUses = pgTable("comment_response_uses", {
  commentId: uuid("comment_id")
    .primaryKey()
    .references(() => comments.id, { onDelete: "cascade" }),
  responseId: uuid("response_id")
    .notNull()
    .references(() => responses.id, { onDelete: "cascade" }),
  usedBy: uuid("used_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A member's suggestion for a theme's synthesis: members suggest, curators edit. */
export const synthesisSuggestions = pgTable(
  "synthesis_suggestions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    synthesisId: uuid("synthesis_id")
      .notNull()
      .references(() => syntheses.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    /** Markdown-light source as typed, and its sanitised render (lib/discussion/markdown.ts). */
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("synthesis_suggestions_synthesis_idx").on(t.synthesisId, t.createdAt)],
);

export type Response = typeof responses.$inferSelect;
export type Synthesis = typeof syntheses.$inferSelect;
