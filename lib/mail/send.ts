import type { Tx } from "@/db";
import { outbox } from "@/db/schema";
import { enqueueJobs } from "@/lib/jobs/queue";
import { MAIL_MAX_ATTEMPTS } from "./limits";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Queues messages: writes each to the outbox and enqueues its delivery (`mail.send`) in the
 * caller's transaction. Nothing is sent before the transaction commits, and nothing at all if it
 * rolls back; SMTP happens in the worker, with retries, never inside a request's transaction.
 */
export async function sendMail(tx: Tx, messages: MailMessage | MailMessage[]): Promise<string[]> {
  const list = Array.isArray(messages) ? messages : [messages];
  if (list.length === 0) return [];
  const rows = await tx.insert(outbox).values(list).returning({ id: outbox.id });
  await enqueueJobs(
    tx,
    rows.map((r) => ({ task: "mail.send", payload: { outboxId: r.id }, jobKey: `mail:${r.id}`, maxAttempts: MAIL_MAX_ATTEMPTS })),
  );
  return rows.map((r) => r.id);
}
