import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { DrawAnnouncement, DrawCategory, DrawResult, Quota } from "@/lib/council/draw";
import { grantedRole, roleGrants, users } from "./members";
import { themes } from "./themes";

/**
 * The council's rules as settings an admin can change (each change is in the public log): who
 * counts as active, recall thresholds and limits, the appeal window, the pool's categories.
 * One row, id 1.
 */
export const councilSettings = pgTable("council_settings", {
  id: integer("id").primaryKey().default(1),
  /** A member is active if they used the site within this many days (the base of the recall share). */
  activeDays: integer("active_days").notNull().default(90),
  recallMinSignatures: integer("recall_min_signatures").notNull().default(25),
  /** Percentage of active members who must sign, as well as the absolute number. */
  recallSharePercent: real("recall_share_percent").notNull().default(5),
  recallWindowDays: integer("recall_window_days").notNull().default(30),
  /** One petition per role-holder and role in this many days. */
  recallCooldownDays: integer("recall_cooldown_days").notNull().default(180),
  maxOpenPetitionsPerMember: integer("max_open_petitions_per_member").notNull().default(3),
  /** DSA art. 20 asks for at least six months. */
  appealWindowDays: integer("appeal_window_days").notNull().default(183),
  appealPanelSize: integer("appeal_panel_size").notNull().default(3),
  councilTermDays: integer("council_term_days").notNull().default(365),
  poolCategories: jsonb("pool_categories").$type<DrawCategory[]>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
});

/** When a member last used the site, kept longer than sessions (which end after 7 idle days). */
export const memberActivity = pgTable("member_activity", {
  userId: uuid("user_id").primaryKey().references(() => users.id, { onDelete: "cascade" }),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Volunteers for the council pool with their self-declared, optional categories. */
export const poolVolunteers = pgTable("pool_volunteers", {
  userId: uuid("user_id").primaryKey().references(() => users.id, { onDelete: "cascade" }),
  categories: jsonb("categories").$type<Record<string, string>>().notNull().default({}),
  joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const drawPurpose = pgEnum("draw_purpose", ["council", "appeal_panel"]);
export const drawStatus = pgEnum("draw_status", ["announced", "drawn", "cancelled"]);

/**
 * A draw: announced (inputs frozen, seed committed) and then run once. The seed stays secret
 * until the draw; `announcement` is exactly what is published and hashed.
 */
export const councilDraws = pgTable(
  "council_draws",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    purpose: drawPurpose("purpose").notNull().default("council"),
    status: drawStatus("status").notNull().default("announced"),
    title: text("title").notNull(),
    seats: integer("seats").notNull(),
    quotas: jsonb("quotas").$type<Quota[]>().notNull().default([]),
    termDays: integer("term_days").notNull(),
    announcement: jsonb("announcement").$type<DrawAnnouncement>().notNull(),
    announcementHash: text("announcement_hash").notNull(),
    /** Secret until drawn: never selected by a public query before status is 'drawn'. */
    seed: text("seed").notNull(),
    result: jsonb("result").$type<DrawResult>(),
    /** The earliest time the draw may run; the seed is committed before it. */
    drawNotBefore: timestamp("draw_not_before", { withTimezone: true }).notNull(),
    announcedBy: uuid("announced_by").references(() => users.id, { onDelete: "set null" }),
    announcedAt: timestamp("announced_at", { withTimezone: true }).notNull().defaultNow(),
    drawnBy: uuid("drawn_by").references(() => users.id, { onDelete: "set null" }),
    drawnAt: timestamp("drawn_at", { withTimezone: true }),
  },
  (t) => [index("council_draws_announced_idx").on(t.announcedAt)],
);

/** Who is behind each pseudonymous pool id of a draw, and the secret that lets them check their entry. Private. */
export const drawEntries = pgTable(
  "draw_entries",
  {
    drawId: uuid("draw_id").notNull().references(() => councilDraws.id, { onDelete: "cascade" }),
    poolId: text("pool_id").notNull(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    secret: text("secret").notNull(),
  },
  (t) => [primaryKey({ columns: [t.drawId, t.poolId] }), uniqueIndex("draw_entries_user_unique").on(t.drawId, t.userId)],
);

/** A council seat from a draw: its role grant, term, and how it ended. */
export const councilSeats = pgTable(
  "council_seats",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    drawId: uuid("draw_id").notNull().references(() => councilDraws.id, { onDelete: "cascade" }),
    poolId: text("pool_id").notNull(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    roleGrantId: uuid("role_grant_id").references(() => roleGrants.id, { onDelete: "set null" }),
    fromReserve: boolean("from_reserve").notNull().default(false),
    seatedAt: timestamp("seated_at", { withTimezone: true }).notNull().defaultNow(),
    termEndsAt: timestamp("term_ends_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endReason: text("end_reason"),
  },
  (t) => [index("council_seats_draw_idx").on(t.drawId), index("council_seats_user_idx").on(t.userId)],
);

export const petitionStatus = pgEnum("petition_status", ["open", "succeeded", "expired"]);

/** A recall petition against one role held by one member. */
export const recallPetitions = pgTable(
  "recall_petitions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    targetUserId: uuid("target_user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: grantedRole("role").notNull(),
    themeId: uuid("theme_id").references(() => themes.id, { onDelete: "cascade" }),
    openedBy: uuid("opened_by").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    status: petitionStatus("status").notNull().default("open"),
    signatureCount: integer("signature_count").notNull().default(0),
    /** The threshold when it closed (it moves with the number of active members while open). */
    thresholdAtClose: integer("threshold_at_close"),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    index("recall_petitions_target_idx").on(t.targetUserId, t.role, t.openedAt),
    index("recall_petitions_open_idx").on(t.closesAt).where(sql`${t.status} = 'open'`),
    // One open petition per role held: a second would split the signatures.
    uniqueIndex("recall_petitions_one_open")
      .on(t.targetUserId, t.role, sql`coalesce(${t.themeId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`${t.status} = 'open'`),
  ],
);

export const recallSignatures = pgTable(
  "recall_signatures",
  {
    petitionId: uuid("petition_id").notNull().references(() => recallPetitions.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.userId] })],
);

export const appealSubject = pgEnum("appeal_subject", ["comment", "paper", "suspension"]);
export const appealStatus = pgEnum("appeal_status", ["awaiting_panel", "panel_drawn", "decided"]);
export const appealOutcome = pgEnum("appeal_outcome", ["restore", "uphold", "amend"]);

/** An appeal against a moderation act (hiding content, suspension), heard by a panel drawn from the council. */
export const appeals = pgTable(
  "appeals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    appellantId: uuid("appellant_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    subject: appealSubject("subject").notNull(),
    /** The comment, paper or (for a suspension) member id. */
    subjectId: uuid("subject_id").notNull(),
    /** The moderation log entry of the act appealed. */
    auditEntryId: bigint("audit_entry_id", { mode: "number" }),
    moderatorId: uuid("moderator_id").references(() => users.id, { onDelete: "set null" }),
    actedAt: timestamp("acted_at", { withTimezone: true }).notNull(),
    actReason: text("act_reason"),
    statement: text("statement").notNull(),
    status: appealStatus("status").notNull().default("awaiting_panel"),
    panelDrawId: uuid("panel_draw_id").references(() => councilDraws.id, { onDelete: "set null" }),
    outcome: appealOutcome("outcome"),
    findings: text("findings"),
    remedy: text("remedy"),
    filedAt: timestamp("filed_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    index("appeals_appellant_idx").on(t.appellantId),
    // One appeal per act: a decided appeal is final.
    uniqueIndex("appeals_one_per_act").on(t.subject, t.subjectId, t.actedAt),
  ],
);

/** Each panellist's vote and written findings; a majority decides. */
export const appealVotes = pgTable(
  "appeal_votes",
  {
    appealId: uuid("appeal_id").notNull().references(() => appeals.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    outcome: appealOutcome("outcome").notNull(),
    findings: text("findings").notNull(),
    remedy: text("remedy"),
    votedAt: timestamp("voted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.appealId, t.userId] })],
);

export type CouncilSettings = typeof councilSettings.$inferSelect;
export type CouncilDraw = typeof councilDraws.$inferSelect;
export type RecallPetition = typeof recallPetitions.$inferSelect;
export type Appeal = typeof appeals.$inferSelect;
