/**
 * Governance (issue 11): the settings of the site's own democracy, moderator elections with
 * secret ballots and a public count, and decisions. The council draw, recall and appeals are in
 * council.ts.
 */
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { roleGrants, users } from "./members";
import { themes } from "./themes";

/** One row (id 1). Absent means the defaults in lib/governance/settings.ts. */
export const governanceSettings = pgTable(
  "governance_settings",
  {
    id: integer("id").primaryKey().default(1),
    /** Until then admins may still appoint moderators, the council and fact editors; null: not yet set. */
    bootstrapEndsAt: timestamp("bootstrap_ends_at", { withTimezone: true }),
    moderatorSeats: integer("moderator_seats").notNull().default(3),
    termMonths: integer("term_months").notNull().default(12),
    nominationDays: integer("nomination_days").notNull().default(7),
    votingDays: integer("voting_days").notNull().default(7),
    /** A vacancy is refilled by recount from ballots at most this old, else by a new election. */
    ballotsStaleAfterMonths: integer("ballots_stale_after_months").notNull().default(6),
    /** Seconds a member's decision needs before it opens to its electorate. */
    decisionSecondsRequired: integer("decision_seconds_required").notNull().default(5),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [check("governance_settings_one_row", sql`${t.id} = 1`)],
);

export const electionStatus = pgEnum("election_status", ["open", "counted", "cancelled"]);

export const elections = pgTable(
  "elections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    seats: integer("seats").notNull(),
    status: electionStatus("status").notNull().default("open"),
    nominationsCloseAt: timestamp("nominations_close_at", { withTimezone: true }).notNull(),
    votingClosesAt: timestamp("voting_closes_at", { withTimezone: true }).notNull(),
    /** When the terms of those elected end. */
    termEndsAt: timestamp("term_ends_at", { withTimezone: true }).notNull(),
    /** sha256 of the seed, published when the election is called; the seed itself after the count. */
    seedHash: text("seed_hash").notNull(),
    seed: text("seed").notNull(),
    /** A by-election filling a seat of this earlier election. */
    fillsVacancyOf: uuid("fills_vacancy_of"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    countedAt: timestamp("counted_at", { withTimezone: true }),
    /** The count (StvResult with candidate ids), the published files and their sha256. */
    result: jsonb("result").$type<Record<string, unknown>>(),
    ballotsBlt: text("ballots_blt"),
    ballotsJson: text("ballots_json"),
    bltSha256: text("blt_sha256"),
    jsonSha256: text("json_sha256"),
    /** eligible, voted, blank, valid, counted. */
    reconciliation: jsonb("reconciliation").$type<{ eligible: number; voted: number; blank: number; valid: number; counted: number }>(),
  },
  (t) => [index("elections_voting_closes_idx").on(t.status, t.votingClosesAt)],
);

export const nominationStatus = pgEnum("nomination_status", ["pending", "accepted", "declined"]);

export const electionNominations = pgTable(
  "election_nominations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    electionId: uuid("election_id").notNull().references(() => elections.id, { onDelete: "cascade" }),
    nomineeId: uuid("nominee_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    nominatedBy: uuid("nominated_by").references(() => users.id, { onDelete: "set null" }),
    /** Why the nominator put them forward (empty for a self-nomination). */
    note: text("note"),
    /** The nominee's own statement, written when they accept. */
    statement: text("statement"),
    status: nominationStatus("status").notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("election_nominations_unique").on(t.electionId, t.nomineeId)],
);

/**
 * What was voted, apart from who voted: no voter, no time, a random key, and the receipt's hash
 * so a voter can find their own ballot in the published file. At the count the rows are rewritten
 * in random order (lib/governance/elections.ts), so even the table's physical order says nothing.
 */
export const electionBallots = pgTable(
  "election_ballots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    electionId: uuid("election_id").notNull().references(() => elections.id, { onDelete: "cascade" }),
    /** Nomination ids, most preferred first; empty for a blank ballot. */
    ranking: jsonb("ranking").$type<string[]>().notNull(),
    receiptHash: text("receipt_hash").notNull(),
  },
  (t) => [uniqueIndex("election_ballots_receipt_unique").on(t.receiptHash), index("election_ballots_election_idx").on(t.electionId)],
);

/** Who voted, apart from what: one row per voter, no time, so a ballot cannot be matched to it. */
export const electionVoters = pgTable(
  "election_voters",
  {
    electionId: uuid("election_id").notNull().references(() => elections.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.electionId, t.userId] })],
);

/** A seat won in an election: its term, and how it ended. */
export const moderatorTerms = pgTable(
  "moderator_terms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    electionId: uuid("election_id").notNull().references(() => elections.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    roleGrantId: uuid("role_grant_id").references(() => roleGrants.id, { onDelete: "set null" }),
    /** Elected at the count, or by a recount filling a vacancy. */
    via: text("via").$type<"count" | "recount">().notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull().defaultNow(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endReason: text("end_reason"),
  },
  (t) => [index("moderator_terms_open_idx").on(t.endsAt).where(sql`${t.endedAt} is null`), index("moderator_terms_election_idx").on(t.electionId)],
);

export const decisionKind = pgEnum("decision_kind", ["consent", "approval", "ranked", "score"]);
export const decisionElectorate = pgEnum("decision_electorate", ["members", "theme", "council"]);
export const decisionStatus = pgEnum("decision_status", ["seeking_seconds", "open", "closed"]);

export const decisions = pgTable(
  "decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    question: text("question").notNull(),
    details: text("details").notNull().default(""),
    kind: decisionKind("kind").notNull(),
    electorate: decisionElectorate("electorate").notNull(),
    themeId: uuid("theme_id").references(() => themes.id, { onDelete: "cascade" }),
    /** Winners of a ranked decision (1: instant-runoff). */
    seats: integer("seats").notNull().default(1),
    /** Named voting shows who voted what; the opener chooses, and voters see it before voting. */
    anonymous: boolean("anonymous").notNull(),
    status: decisionStatus("status").notNull(),
    secondsRequired: integer("seconds_required").notNull().default(0),
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    openedBy: uuid("opened_by").references(() => users.id, { onDelete: "set null" }),
    /** As whom it was opened: a council member, a theme's curator, or a member seconded by others. */
    openedAs: text("opened_as").$type<"council" | "curator" | "member">().notNull(),
    seedHash: text("seed_hash").notNull(),
    seed: text("seed").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    outcome: text("outcome"),
    result: jsonb("result").$type<Record<string, unknown>>(),
  },
  (t) => [index("decisions_closes_idx").on(t.status, t.closesAt), index("decisions_theme_idx").on(t.themeId)],
);

export const decisionOptions = pgTable(
  "decision_options",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    decisionId: uuid("decision_id").notNull().references(() => decisions.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [index("decision_options_decision_idx").on(t.decisionId, t.position)],
);

export type DecisionChoice =
  | { consent: "agree" | "abstain" | "disagree" | "block"; reason?: string }
  | { approve: string[] }
  | { ranking: string[] }
  | { scores: Record<string, number> };

/** One vote per voter, changeable until the close (so it is keyed by the voter). */
export const decisionVotes = pgTable(
  "decision_votes",
  {
    decisionId: uuid("decision_id").notNull().references(() => decisions.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    choice: jsonb("choice").$type<DecisionChoice>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.userId] })],
);

export const decisionSeconds = pgTable(
  "decision_seconds",
  {
    decisionId: uuid("decision_id").notNull().references(() => decisions.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.userId] })],
);

export type Election = typeof elections.$inferSelect;
export type Decision = typeof decisions.$inferSelect;
