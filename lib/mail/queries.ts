import { desc, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { outbox } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";

export type OutboxStatus = "sent" | "queued" | "waiting" | "retrying" | "failed" | "kept";

export interface OutboxRowState {
  sentAt: Date | null;
  error: string | null;
  attempts: number;
  nextAttemptAt: Date | null;
  rateSlotAt: Date | null;
}

/** Where a message stands, in the words /outbox shows an admin. */
export function outboxStatus(m: OutboxRowState, smtpConfigured: boolean): OutboxStatus {
  if (m.sentAt) return "sent";
  if (!smtpConfigured) return "kept";
  if (m.error && m.nextAttemptAt) return "retrying";
  if (m.error) return "failed"; // every attempt used
  if (m.rateSlotAt) return "waiting"; // its turn under the send limit
  return "queued";
}

export async function listOutbox(db: Db, actor: Actor, env: { developmentMode: boolean }, limit = 100) {
  assertCan(actor, "outbox.read", env);
  return db
    .select({
      id: outbox.id,
      to: outbox.to,
      subject: outbox.subject,
      text: outbox.text,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      error: outbox.error,
      attempts: outbox.attempts,
      nextAttemptAt: outbox.nextAttemptAt,
      rateSlotAt: outbox.rateSlotAt,
    })
    .from(outbox)
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}

/** Counts for the outbox's summary line: unsent messages that are failing or have given up. */
export async function outboxSummary(db: Db, actor: Actor, env: { developmentMode: boolean }) {
  assertCan(actor, "outbox.read", env);
  const [row] = await db
    .select({
      unsent: sql<number>`count(*) filter (where ${outbox.sentAt} is null)::int`,
      retrying: sql<number>`count(*) filter (where ${outbox.sentAt} is null and ${outbox.error} is not null and ${outbox.nextAttemptAt} is not null)::int`,
      failed: sql<number>`count(*) filter (where ${outbox.sentAt} is null and ${outbox.error} is not null and ${outbox.nextAttemptAt} is null)::int`,
    })
    .from(outbox);
  return row!;
}
