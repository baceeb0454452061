/**
 * Members' first-hand stories (issue 12): attestation by a second member, a consent ledger,
 * curator review and redaction approved by the storyteller, every use recorded against the
 * consent that allowed it, and press packs.
 */
import { sql } from "drizzle-orm";
import { date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./members";
import { themes } from "./themes";

export const anecdoteRole = pgEnum("anecdote_role", ["subject", "witness"]);
export const anecdoteStatus = pgEnum("anecdote_status", ["submitted", "changes_requested", "accepted", "declined"]);
export const redactionStatus = pgEnum("redaction_status", ["none", "proposed", "approved", "rejected"]);
/** Declared from least to most: PostgreSQL compares enum values in this order. */
export const consentLevel = pgEnum("consent_level", ["withdrawn", "internal", "anonymous", "named"]);
export const consentChange = pgEnum("consent_change", ["grant", "lower", "withdraw", "expire"]);
export const anecdoteUseKind = pgEnum("anecdote_use_kind", ["response_quote", "press_pack"]);

export const anecdotes = pgTable(
  "anecdotes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "cascade" }),
    themeId: uuid("theme_id").notNull().references(() => themes.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    body: text("body").notNull(),
    occurredOn: date("occurred_on", { mode: "string" }).notNull(),
    place: text("place").notNull(),
    role: anecdoteRole("role").notNull(),
    status: anecdoteStatus("status").notNull().default("submitted"),
    reviewReason: text("review_reason"),
    reviewedBy: uuid("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** The curator's redaction (names and identifying details removed), used once the storyteller approves it. */
    redactedBody: text("redacted_body"),
    redactionStatus: redactionStatus("redaction_status").notNull().default("none"),
    redactedBy: uuid("redacted_by").references(() => users.id, { onDelete: "set null" }),
    redactionNote: text("redaction_note"),
    redactionDecidedAt: timestamp("redaction_decided_at", { withTimezone: true }),
    /** The link a storyteller shares with the member who can vouch for the story. */
    attestToken: text("attest_token").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("anecdotes_theme_idx").on(t.themeId, t.status), index("anecdotes_author_idx").on(t.authorId)],
);

export const anecdoteAttestations = pgTable(
  "anecdote_attestations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    anecdoteId: uuid("anecdote_id").notNull().references(() => anecdotes.id, { onDelete: "cascade" }),
    attesterId: uuid("attester_id").references(() => users.id, { onDelete: "set null" }),
    relation: text("relation").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("anecdote_attestations_unique").on(t.anecdoteId, t.attesterId)],
);

/**
 * The consent ledger: append-only. The story's current consent is its latest row, unless that
 * row has expired. Each row keeps the exact wording the storyteller was shown and its version.
 */
export const anecdoteConsents = pgTable(
  "anecdote_consents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    anecdoteId: uuid("anecdote_id").notNull().references(() => anecdotes.id, { onDelete: "cascade" }),
    memberId: uuid("member_id").references(() => users.id, { onDelete: "set null" }),
    change: consentChange("change").notNull(),
    level: consentLevel("level").notNull(),
    wordingVersion: integer("wording_version").notNull(),
    wording: text("wording").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("anecdote_consents_story_idx").on(t.anecdoteId, t.createdAt), index("anecdote_consents_expiry_idx").on(t.expiresAt)],
);

/** Each use of a story, against the consent row that allowed it; a withdrawal asks for its take-down. */
export const anecdoteUses = pgTable(
  "anecdote_uses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    anecdoteId: uuid("anecdote_id").notNull().references(() => anecdotes.id, { onDelete: "cascade" }),
    consentId: uuid("consent_id").notNull().references(() => anecdoteConsents.id, { onDelete: "restrict" }),
    kind: anecdoteUseKind("kind").notNull(),
    /** The response or press pack it went into. */
    targetId: uuid("target_id").notNull(),
    targetLabel: text("target_label").notNull(),
    targetUrl: text("target_url").notNull(),
    /** The level the use needed: a quote in a public response needs at least anonymous. */
    levelUsed: consentLevel("level_used").notNull(),
    usedBy: uuid("used_by").references(() => users.id, { onDelete: "set null" }),
    usedAt: timestamp("used_at", { withTimezone: true }).notNull().defaultNow(),
    takedownRequestedAt: timestamp("takedown_requested_at", { withTimezone: true }),
    takenDownAt: timestamp("taken_down_at", { withTimezone: true }),
  },
  (t) => [
    index("anecdote_uses_story_idx").on(t.anecdoteId),
    index("anecdote_uses_takedown_idx").on(t.usedBy).where(sql`${t.takedownRequestedAt} is not null and ${t.takenDownAt} is null`),
    uniqueIndex("anecdote_uses_target_unique").on(t.anecdoteId, t.kind, t.targetId),
  ],
);

export const pressPacks = pgTable("press_packs", {
  id: uuid("id").primaryKey().defaultRandom(),
  themeId: uuid("theme_id").notNull().references(() => themes.id, { onDelete: "restrict" }),
  title: text("title").notNull(),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const pressPackItems = pgTable(
  "press_pack_items",
  {
    packId: uuid("pack_id").notNull().references(() => pressPacks.id, { onDelete: "cascade" }),
    anecdoteId: uuid("anecdote_id").notNull().references(() => anecdotes.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.packId, t.anecdoteId] })],
);

export type Anecdote = typeof anecdotes.$inferSelect;
export type ConsentLevel = (typeof consentLevel.enumValues)[number];
