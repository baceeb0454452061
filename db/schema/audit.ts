import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./members";

/**
 * Every moderation, admin and governance action, shown publicly in the moderation log. The log is
 * a hash chain (lib/audit/chain.ts): a trigger gives each new row the next `chain_seq`, the hash of
 * the row before (`prev_hash`) and its own `hash`; rows cannot be updated or deleted, except that
 * erasing an account clears `actor_id` (the `actor_digest` that the hash covers stays).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    reason: text("reason"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set by the chain trigger, never by the caller. */
    chainSeq: bigint("chain_seq", { mode: "number" }),
    prevHash: text("prev_hash"),
    hash: text("hash"),
    /** sha256 of the actor's id, so the chain survives the erasure of an account. */
    actorDigest: text("actor_digest"),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt),
    index("audit_log_action_idx").on(t.action),
    uniqueIndex("audit_log_chain_seq_unique").on(t.chainSeq),
  ],
);

/** The newest link of the chain, one row, locked by each insert so two inserts cannot fork it. */
export const auditChainHead = pgTable("audit_chain_head", {
  id: integer("id").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
});

export type AuditEntry = typeof auditLog.$inferSelect;
