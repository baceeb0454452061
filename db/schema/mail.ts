import { integer, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Every message the site sends. The row is written in the transaction of the change that caused
 * it; a `mail.send` job delivers it after commit. With no SMTP configured this is the local outbox.
 */
export const outbox = pgTable("outbox", {
  id: uuid("id").primaryKey().defaultRandom(),
  to: text("to").notNull(),
  subject: text("subject").notNull(),
  text: text("text").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp("sent_at", { withTimezone: true }),
  /** SMTP attempts made so far (waiting for the send limit is not an attempt). */
  attempts: integer("attempts").notNull().default(0),
  /** The last SMTP error, kept after a later success is recorded as sent. */
  error: text("error"),
  /** When the next try is due: after a failure (backoff) or a slot under the send limit; null when sent or given up. */
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
  /** A send slot this message holds under the per-minute limit, so a deferred message keeps its place. */
  rateSlotAt: timestamp("rate_slot_at", { withTimezone: true }),
});

/**
 * The per-minute send limit as a single spacing clock (GCRA): each message reserves the next free
 * slot, 60 s / limit after the previous one, so a queue of 2,000 waits in order instead of every
 * waiting job waking at the top of each minute.
 */
export const mailSendClock = pgTable("mail_send_clock", {
  id: smallint("id").primaryKey(),
  nextFreeAt: timestamp("next_free_at", { withTimezone: true }).notNull(),
});
