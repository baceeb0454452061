import { and, eq, isNull, sql } from "drizzle-orm";
import type { JobHelpers } from "graphile-worker";
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import { getDb, type Db } from "@/db";
import { outbox } from "@/db/schema";
import { MAIL_MAX_ATTEMPTS, mailRatePerMinute, nextRetryAt } from "./limits";

let transport: { url: string; transporter: Transporter } | undefined;
/** One pooled SMTP connection set per process, remade if SMTP_URL changes (tests point it at a sink). */
export function mailTransport(): Transporter | null {
  const url = process.env.SMTP_URL;
  if (!url) return null;
  if (transport?.url !== url) {
    transport?.transporter.close();
    const pooled = new URL(url);
    if (!pooled.searchParams.has("pool")) pooled.searchParams.set("pool", "true");
    transport = { url, transporter: nodemailer.createTransport(pooled.toString()) };
  }
  return transport.transporter;
}

/** Closes the SMTP connections (tests and scripts that end). */
export function closeMailTransport(): void {
  transport?.transporter.close();
  transport = undefined;
}

/** A slot closer than this counts as now: the worker's poll interval is coarser anyway. */
const SLOT_TOLERANCE_MS = 50;

/**
 * Reserves the next send slot under the per-minute limit, shared by every worker through one row:
 * slots are 60 s / limit apart, and a clock that fell behind restarts from now (no saved-up burst).
 */
export async function reserveSendSlot(db: Db): Promise<Date> {
  const spacing = `${60_000 / mailRatePerMinute()} milliseconds`;
  const rows = await db.execute<{ slot: Date | string }>(sql`
    insert into mail_send_clock (id, next_free_at) values (1, now() + ${spacing}::interval)
    on conflict (id) do update set next_free_at = greatest(mail_send_clock.next_free_at, now()) + ${spacing}::interval
    returning next_free_at - ${spacing}::interval as slot`);
  return new Date(rows.rows[0]!.slot);
}

const payloadSchema = z.object({ outboxId: z.uuid() });

/**
 * Task `mail.send`: delivers one outbox row. Waits its turn under the send limit (a later job,
 * not an attempt), then sends; a failure is recorded on the row for /outbox and rethrown so
 * graphile-worker retries with backoff.
 */
export async function deliverQueuedMail(payload: unknown, helpers: JobHelpers): Promise<void> {
  const { outboxId } = payloadSchema.parse(payload);
  const db = getDb();
  const [row] = await db.select().from(outbox).where(and(eq(outbox.id, outboxId), isNull(outbox.sentAt)));
  if (!row) return; // sent already, or gone with an erased account
  const smtp = mailTransport();
  if (!smtp) return; // no SMTP: the outbox is the mailbox (development)

  const now = Date.now();
  let slot = row.rateSlotAt;
  if (!slot) {
    slot = await reserveSendSlot(db);
    await db.update(outbox).set({ rateSlotAt: slot, nextAttemptAt: slot }).where(eq(outbox.id, outboxId));
  }
  if (slot.getTime() > now + SLOT_TOLERANCE_MS) {
    // Not our turn yet: come back at the reserved slot, which this row keeps.
    await helpers.addJob("mail.send", { outboxId }, { runAt: slot, jobKey: `mail:${outboxId}`, maxAttempts: MAIL_MAX_ATTEMPTS });
    return;
  }

  const attempts = row.attempts + 1;
  try {
    await smtp.sendMail({ from: process.env.MAIL_FROM ?? "Commonplace <no-reply@localhost>", to: row.to, subject: row.subject, text: row.text });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const final = helpers.job.attempts >= helpers.job.max_attempts;
    await db
      .update(outbox)
      .set({ attempts, error: message, rateSlotAt: null, nextAttemptAt: final ? null : nextRetryAt(new Date(), helpers.job.attempts) })
      .where(eq(outbox.id, outboxId));
    throw e;
  }
  await db.update(outbox).set({ attempts, sentAt: new Date(), rateSlotAt: null, nextAttemptAt: null }).where(eq(outbox.id, outboxId));
}
