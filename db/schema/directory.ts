/**
 * The members' directory (issue 12): profiles with a visibility per field, the curated skills
 * list, recorded look-ups, help requests with invitations, and the site's member-to-member
 * messages through which contact is exchanged (never an e-mail address).
 */
import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./members";
import { themes } from "./themes";

/** Declared from most private to most open: PostgreSQL compares enum values in this order. */
export const directoryVisibility = pgEnum("directory_visibility", ["only_me", "council_curators", "members", "public"]);

/** The skills admins maintain; members pick from these and may add free tags. */
export const skills = pgTable("skills", {
  slug: text("slug").primaryKey(),
  label: text("label").notNull(),
  position: integer("position").notNull().default(0),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const directoryProfiles = pgTable(
  "directory_profiles",
  {
    userId: uuid("user_id").primaryKey().references(() => users.id, { onDelete: "cascade" }),
    /** false once the member leaves the directory: no listing, no match, no invitation. */
    listed: boolean("listed").notNull().default(true),
    /** Who may see that this member is in the directory at all (their public name). */
    nameVisibility: directoryVisibility("name_visibility").notNull().default("only_me"),
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    skillsVisibility: directoryVisibility("skills_visibility").notNull().default("only_me"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    tagsVisibility: directoryVisibility("tags_visibility").notNull().default("only_me"),
    /** The tags joined in lower case, written with them, for the as-you-type search (trigram index). */
    tagsText: text("tags_text").notNull().default(""),
    interests: uuid("interests").array().notNull().default(sql`'{}'::uuid[]`),
    interestsVisibility: directoryVisibility("interests_visibility").notNull().default("only_me"),
    hoursPerMonth: integer("hours_per_month"),
    hoursVisibility: directoryVisibility("hours_visibility").notNull().default("only_me"),
    region: text("region"),
    regionVisibility: directoryVisibility("region_visibility").notNull().default("only_me"),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    languagesVisibility: directoryVisibility("languages_visibility").notNull().default("only_me"),
    contactPreference: text("contact_preference"),
    contactVisibility: directoryVisibility("contact_visibility").notNull().default("only_me"),
    bio: text("bio"),
    bioVisibility: directoryVisibility("bio_visibility").notNull().default("only_me"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("directory_profiles_skills_gin").using("gin", t.skills),
    // Help matching reads only listed profiles whose name and skills the requester may see: one
    // partial index per clearance a requester can have (members; council and curators).
    index("directory_profiles_skills_members_gin").using("gin", t.skills).where(sql`${t.listed} and ${t.nameVisibility} >= 'members'::directory_visibility and ${t.skillsVisibility} >= 'members'::directory_visibility`),
    index("directory_profiles_skills_curators_gin").using("gin", t.skills).where(sql`${t.listed} and ${t.nameVisibility} >= 'council_curators'::directory_visibility and ${t.skillsVisibility} >= 'council_curators'::directory_visibility`),
    index("directory_profiles_tags_trgm").using("gin", sql`${t.tagsText} gin_trgm_ops`),
    index("directory_profiles_interests_gin").using("gin", t.interests),
    index("directory_profiles_languages_gin").using("gin", t.languages),
    index("directory_profiles_region_idx").on(t.region),
    index("directory_profiles_listed_idx").on(t.nameVisibility).where(sql`${t.listed}`),
    check("directory_profiles_hours_range", sql`${t.hoursPerMonth} is null or ${t.hoursPerMonth} between 0 and 200`),
  ],
);

/** Each directory search: who (null for a visitor), when, what. */
export const directorySearches = pgTable(
  "directory_searches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    searcherId: uuid("searcher_id").references(() => users.id, { onDelete: "set null" }),
    filters: jsonb("filters").$type<Record<string, string | number | string[]>>().notNull(),
    resultCount: integer("result_count").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("directory_searches_searcher_idx").on(t.searcherId, t.createdAt)],
);

/** Which members a search showed, so each can see who looked them up. */
export const directorySearchHits = pgTable(
  "directory_search_hits",
  {
    searchId: uuid("search_id").notNull().references(() => directorySearches.id, { onDelete: "cascade" }),
    memberId: uuid("member_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.searchId, t.memberId] }), index("directory_search_hits_member_idx").on(t.memberId)],
);

export const helpRequestStatus = pgEnum("help_request_status", ["open", "closed"]);
export const helpOutcome = pgEnum("help_outcome", ["met", "partly_met", "not_met", "withdrawn"]);

export const helpRequests = pgTable(
  "help_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requesterId: uuid("requester_id").references(() => users.id, { onDelete: "set null" }),
    themeId: uuid("theme_id").references(() => themes.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    description: text("description").notNull(),
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    hoursNeeded: integer("hours_needed").notNull(),
    /** null with remote = true: anywhere. */
    region: text("region"),
    remote: boolean("remote").notNull().default(false),
    deadline: date("deadline", { mode: "string" }).notNull(),
    status: helpRequestStatus("status").notNull().default("open"),
    outcome: helpOutcome("outcome"),
    outcomeNote: text("outcome_note"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("help_requests_status_idx").on(t.status, t.deadline), index("help_requests_requester_idx").on(t.requesterId)],
);

export const invitationStatus = pgEnum("help_invitation_status", ["pending", "yes", "no", "later", "withdrawn"]);

export const helpInvitations = pgTable(
  "help_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id").notNull().references(() => helpRequests.id, { onDelete: "cascade" }),
    inviteeId: uuid("invitee_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    status: invitationStatus("status").notNull().default("pending"),
    /** The hours taken from the invitee's month when they said yes. */
    hoursCommitted: integer("hours_committed").notNull().default(0),
    note: text("note"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("help_invitations_unique").on(t.requestId, t.inviteeId),
    index("help_invitations_invitee_idx").on(t.inviteeId, t.createdAt),
  ],
);

/** A conversation between two members; `memberA` < `memberB` so a pair has one thread. */
export const messageThreads = pgTable(
  "message_threads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberA: uuid("member_a").notNull().references(() => users.id, { onDelete: "cascade" }),
    memberB: uuid("member_b").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("message_threads_pair").on(t.memberA, t.memberB),
    index("message_threads_b_idx").on(t.memberB),
    check("message_threads_ordered", sql`${t.memberA} < ${t.memberB}`),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    threadId: uuid("thread_id").notNull().references(() => messageThreads.id, { onDelete: "cascade" }),
    /** null: written by the site (an accepted invitation). */
    senderId: uuid("sender_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    helpRequestId: uuid("help_request_id").references(() => helpRequests.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [index("messages_thread_idx").on(t.threadId, t.createdAt)],
);

export type DirectoryProfile = typeof directoryProfiles.$inferSelect;
export type Visibility = (typeof directoryVisibility.enumValues)[number];
