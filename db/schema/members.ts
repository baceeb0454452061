import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  bigint,
  varchar,
} from "drizzle-orm/pg-core";
import { themes } from "./themes";

export const verificationMethod = pgEnum("verification_method", ["roll", "admin"]);
export const grantedRole = pgEnum("granted_role", ["curator", "moderator", "fact_editor", "council", "admin"]);

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  displayName: text("display_name").notNull(),
  pseudonym: text("pseudonym"),
  usePseudonym: boolean("use_pseudonym").notNull().default(false),
  verifiedAt: timestamp("verified_at", { withTimezone: true }),
  verifiedBy: verificationMethod("verified_by"),
  /** Why the last attempt to match the roll failed, shown to the person in their banner. */
  verificationNote: text("verification_note"),
  suspendedAt: timestamp("suspended_at", { withTimezone: true }),
  suspendedReason: text("suspended_reason"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Roles beyond plain membership. Revoked grants stay for the record (recall, appeals). */
export const roleGrants = pgTable(
  "role_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: grantedRole("role").notNull(),
    themeId: uuid("theme_id").references(() => themes.id, { onDelete: "cascade" }),
    grantedBy: uuid("granted_by").references(() => users.id, { onDelete: "set null" }),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("role_grants_user_idx").on(t.userId),
    uniqueIndex("role_grants_active_unique")
      .on(t.userId, t.role, sql`coalesce(${t.themeId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`${t.revokedAt} is null`),
  ],
);

/** Server-side session records: the signed cookie only names one, so deleting a row signs out at once. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const passwordResetTokens = pgTable("password_reset_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The membership roll, kept only as keyed hashes (HMAC with a server secret), never as plain personal data. */
export const membershipRoll = pgTable(
  "membership_roll",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    numberHash: text("number_hash").notNull().unique(),
    postcodeHash: text("postcode_hash"),
    emailHash: text("email_hash"),
    importId: uuid("import_id").references(() => rollImports.id, { onDelete: "set null" }),
    claimedBy: uuid("claimed_by").references(() => users.id, { onDelete: "set null" }),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("membership_roll_email_idx").on(t.emailHash)],
);

export const rollImports = pgTable("roll_imports", {
  id: uuid("id").primaryKey().defaultRandom(),
  actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
  filename: text("filename").notNull(),
  accepted: integer("accepted").notNull(),
  rejected: integer("rejected").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Table shape required by rate-limiter-flexible's Postgres store (created here so migrations own it). */
export const rateLimits = pgTable("rate_limits", {
  key: varchar("key", { length: 255 }).primaryKey(),
  points: integer("points").notNull().default(0),
  expire: bigint("expire", { mode: "number" }),
});

export type User = typeof users.$inferSelect;
export type RoleGrant = typeof roleGrants.$inferSelect;
